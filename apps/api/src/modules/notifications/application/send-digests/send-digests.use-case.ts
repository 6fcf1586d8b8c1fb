import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Alert, Channel } from '@stockpulse/contracts';
import { Database, queryRows } from '../../../../shared/database';
import { JOB_QUEUE, JobQueue } from '../../../../shared/queue/job-queue.port';
import { addressOn } from '../../domain/routing';
import { digestDueAt } from '../../domain/schedule';
import { DeliveriesRepository, NewDelivery } from '../../infrastructure/deliveries.repository';
import { preferencesOf, RecipientRow, RecipientsRepository } from '../../infrastructure/recipients.repository';

/**
 * Turns the digest items of each recipient whose period has come (the next full hour, or the daily time in the
 * recipient's time zone, after the oldest waiting item) into one delivery per channel. Items are taken in the
 * same transaction that writes the delivery, so an item is in exactly one digest.
 */
@Injectable()
export class SendDigestsUseCase {
  constructor(
    private readonly db: Database,
    private readonly recipients: RecipientsRepository,
    private readonly deliveries: DeliveriesRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async execute(now: Date = new Date()): Promise<number> {
    const waiting: { recipient_id: string; oldest: Date }[] = await this.db.query(
      `SELECT recipient_id, min(created_at) AS oldest FROM notifications.digest_items WHERE digest_id IS NULL GROUP BY recipient_id`,
    );
    let sent = 0;
    for (const w of waiting) {
      const created = await this.db.transaction(async (em) => {
        const recipient = await this.recipients.findById(em, w.recipient_id, true);
        if (!recipient) return [];
        const schedule = recipient.digest ?? { period: 'hourly' as const };
        if (digestDueAt(new Date(w.oldest), recipient.time_zone, schedule) > now) return [];
        const digestId = randomUUID();
        const items = await queryRows<{ channel: Channel; alert: Alert }>(
          em,
          // in the order the alerts opened (routing may run out of order), so the digest reads oldest first
          `WITH taken AS (
             UPDATE notifications.digest_items SET digest_id = $2 WHERE recipient_id = $1 AND digest_id IS NULL
             RETURNING channel, alert, created_at, alert_id)
           SELECT channel, alert FROM taken ORDER BY (alert->>'openedAt')::timestamptz, alert->>'sku', alert_id`,
          [recipient.id, digestId],
        );
        return this.deliveries.insertNew(em, this.digestDeliveries(recipient, digestId, items));
      });
      for (const d of created) {
        await this.queue.enqueue('notifications.send-delivery', { deliveryId: d.id }, { dedupKey: d.id });
      }
      sent += created.length;
    }
    return sent;
  }

  private digestDeliveries(recipient: RecipientRow, digestId: string, items: { channel: Channel; alert: Alert }[]): NewDelivery[] {
    const byChannel = new Map<Channel, Alert[]>();
    for (const item of items) byChannel.set(item.channel, [...(byChannel.get(item.channel) ?? []), item.alert]);
    const out: NewDelivery[] = [];
    for (const [channel, alerts] of byChannel) {
      const address = addressOn(preferencesOf(recipient), channel, recipient.user_id ? `user:${recipient.user_id}` : null);
      if (!address) continue;
      out.push({
        alertId: null,
        digestId,
        recipientId: recipient.id,
        channel,
        address,
        escalationStep: 0,
        kind: null,
        event: 'digest',
        severity: null,
        content: { type: 'digest', alerts },
        status: 'pending',
        notBefore: null,
      });
    }
    return out;
  }
}
