import { Inject, Injectable } from '@nestjs/common';
import type { Delivery, DeliveryListQuery, LoggedMessage, Page } from '@stockpulse/contracts';
import { messageLogQuerySchema, RETRYABLE_DELIVERY_STATUSES } from '@stockpulse/contracts';
import { z } from 'zod';
import { Database } from '../../../../shared/database';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { JOB_QUEUE, JobQueue } from '../../../../shared/queue/job-queue.port';
import { AuditTrail } from '../../../identity';
import { DeliveryNotRetryableError, UnknownDeliveryError } from '../../domain/notification-errors';
import { DeliveriesRepository } from '../../infrastructure/deliveries.repository';
import { RecipientsRepository } from '../../infrastructure/recipients.repository';

/** The delivery log, retry-now, and the message log of the embedded default. */
@Injectable()
export class DeliveriesUseCase {
  constructor(
    private readonly db: Database,
    private readonly deliveries: DeliveriesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly audit: AuditTrail,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async list(q: DeliveryListQuery): Promise<Page<Delivery>> {
    const offset = decodeCursor(q.cursor, q.offset);
    const { items, total } = await this.db.read((em) => this.deliveries.list(em, q, offset));
    return page(items, total, offset, q.limit);
  }

  async get(id: string): Promise<Delivery> {
    const d = await this.db.read((em) => this.deliveries.get(em, id));
    if (!d) throw new UnknownDeliveryError(id);
    return d;
  }

  /**
   * A person sends a failed delivery again: it goes back to pending with fresh attempts, and the address is no
   * longer suppressed (whoever retries says it was fixed, or that the SMS of unknown outcome was not sent).
   */
  async retry(id: string): Promise<Delivery> {
    const after = await this.db.transaction(async (em) => {
      const before = await this.deliveries.get(em, id);
      if (!before) throw new UnknownDeliveryError(id);
      await em.query(`SELECT 1 FROM notifications.deliveries WHERE id = $1 FOR UPDATE`, [id]);
      const locked = (await this.deliveries.get(em, id))!;
      if (!RETRYABLE_DELIVERY_STATUSES.includes(locked.status)) throw new DeliveryNotRetryableError(id, locked.status);
      await this.recipients.unsuppress(em, locked.channel, locked.address);
      await this.deliveries.resetForRetry(em, id);
      const after = (await this.deliveries.get(em, id))!;
      await this.audit.record(em, { action: 'delivery.retried', entityType: 'delivery', entityId: id, before: locked, after });
      return after;
    });
    await this.queue.enqueue('notifications.send-delivery', { deliveryId: id }, { dedupKey: id });
    return after;
  }

  async messages(q: z.output<typeof messageLogQuerySchema>): Promise<Page<LoggedMessage>> {
    const offset = decodeCursor(q.cursor, q.offset);
    const params = [q.channel ?? null];
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications.message_log WHERE ($1::text IS NULL OR channel = $1)`, params);
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id, delivery_id, channel, address, subject, text, html, created_at FROM notifications.message_log
       WHERE ($1::text IS NULL OR channel = $1) ORDER BY id DESC LIMIT ${q.limit} OFFSET ${offset}`,
      params,
    );
    const items: LoggedMessage[] = rows.map((r) => ({
      id: String(r.id),
      deliveryId: r.delivery_id as string,
      channel: r.channel as LoggedMessage['channel'],
      address: r.address as string,
      subject: r.subject as string | null,
      text: r.text as string,
      html: r.html as string | null,
      createdAt: new Date(r.created_at as string).toISOString(),
    }));
    return page(items, n, offset, q.limit);
  }
}
