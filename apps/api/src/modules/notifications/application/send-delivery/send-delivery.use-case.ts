import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Channel } from '@stockpulse/contracts';
import { APP_CONFIG, AppConfig } from '../../../../config/app-config';
import { SecretBox } from '../../../../shared/crypto';
import { Database } from '../../../../shared/database';
import { JOB_QUEUE, JobQueue } from '../../../../shared/queue/job-queue.port';
import { renderAlertEmail, renderAlertSms, renderDigestEmail, renderDigestSms, renderTestEmail, renderTestSms } from '../../domain/messages';
import { retryDelayMs, SendOutcome } from '../../domain/send-outcome';
import type { OutgoingMessage } from '../../infrastructure/channel-sender';
import { Channels } from '../../infrastructure/channels';
import { notificationSends, notificationSendSeconds } from '../../infrastructure/notification-metrics';
import { ClaimedDelivery, DeliveriesRepository } from '../../infrastructure/deliveries.repository';
import { Bucket, RateLimiter } from '../../infrastructure/rate-limiter';
import { RecipientsRepository, WEBHOOK_SECRET_PURPOSE } from '../../infrastructure/recipients.repository';

/** Longer than any send can take (timeouts are NOTIFY_SEND_TIMEOUT_MS), so a live worker never loses its lease. */
export const leaseMs = (config: AppConfig) => config.notifications.sendTimeoutMs * 2 + 5_000;

/**
 * Sends one delivery: claims its row (a lease), checks the address is not suppressed, takes a token from the
 * channel's rate limit, renders and sends, and records the outcome. Temporary failures come back after a backoff
 * (never before Retry-After) until the attempts run out (dead); permanent ones suppress the address (rejected).
 */
@Injectable()
export class SendDeliveryUseCase {
  private readonly logger = new Logger('SendDelivery');

  constructor(
    private readonly db: Database,
    private readonly deliveries: DeliveriesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly channels: Channels,
    private readonly limiter: RateLimiter,
    private readonly secrets: SecretBox,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(deliveryId: string): Promise<void> {
    const claimed = await this.db.transaction((em) => this.deliveries.claim(em, deliveryId, leaseMs(this.config)));
    if (!claimed) return;
    if (claimed.channel === 'dashboard') {
      await this.record(claimed, { status: 'delivered', providerId: null });
      return;
    }
    // a worker died holding this SMS after handing it to Twilio: it may have been sent, and a second text is worse
    // than none; Twilio's message log will tell
    if (claimed.expiredLease && claimed.channel === 'sms' && claimed.smsHandedOver) {
      await this.db.transaction((em) =>
        this.deliveries.finish(em, claimed.id, claimed.leaseToken, {
          status: 'unknown',
          error: 'the worker sending it stopped; the outcome is unknown',
          smsLookupAt: this.smsLookupAt(),
          notAnAttempt: true,
        }),
      );
      return;
    }
    const suppressed = claimed.suppressed;
    if (suppressed) {
      notificationSends.inc({ channel: claimed.channel, outcome: 'suppressed' });
      await this.db.transaction((em) =>
        this.deliveries.finish(em, claimed.id, claimed.leaseToken, { status: 'suppressed', error: `address suppressed: ${suppressed}` }),
      );
      return;
    }
    const wait = await this.limiter.take(this.buckets(claimed.channel, claimed.address));
    if (wait > 0) {
      notificationSends.inc({ channel: claimed.channel, outcome: 'rate_limited' });
      await this.db.transaction((em) => this.deliveries.release(em, claimed.id, claimed.leaseToken, new Date(Date.now() + wait)));
      await this.queue.enqueue('notifications.send-delivery', { deliveryId: claimed.id }, { dedupKey: claimed.id, delayMs: wait });
      return;
    }
    let outcome: SendOutcome;
    try {
      const message = this.render({ ...claimed, channel: claimed.channel });
      const sender = this.channels.of(message.channel as Exclude<Channel, 'dashboard'>);
      if (message.channel === 'sms' && sender.kind === 'provider') {
        const held = await this.db.transaction((em) => this.deliveries.startSmsAttempt(em, claimed.id, claimed.leaseToken, message.text));
        if (!held) return;
      }
      const timer = notificationSendSeconds.startTimer({ channel: message.channel });
      outcome = await sender.send(message).finally(() => timer());
    } catch (e) {
      outcome = { status: 'temporary', error: `${(e as Error).message}`.slice(0, 1000) };
    }
    notificationSends.inc({ channel: claimed.channel, outcome: outcome.status });
    await this.record(claimed, outcome);
  }

  private async record(claimed: ClaimedDelivery, outcome: SendOutcome): Promise<void> {
    const n = this.config.notifications;
    let retryAt: Date | undefined;
    const kept = await this.db.transaction(async (em) => {
      switch (outcome.status) {
        case 'delivered':
          return this.deliveries.finish(em, claimed.id, claimed.leaseToken, { status: 'delivered', providerId: outcome.providerId, error: null });
        case 'unknown':
          return this.deliveries.finish(em, claimed.id, claimed.leaseToken, { status: 'unknown', error: outcome.error, smsLookupAt: this.smsLookupAt() });
        case 'permanent': {
          const ok = await this.deliveries.finish(em, claimed.id, claimed.leaseToken, { status: 'rejected', error: outcome.error });
          if (ok) await this.recipients.suppress(em, claimed.channel, claimed.address, outcome.error, claimed.id);
          return ok;
        }
        case 'temporary': {
          if (claimed.attempts >= n.maxAttempts) {
            return this.deliveries.finish(em, claimed.id, claimed.leaseToken, {
              status: 'dead',
              error: `${outcome.error} (gave up after ${claimed.attempts} attempts)`,
            });
          }
          retryAt = new Date(Date.now() + retryDelayMs(claimed.attempts, n.retryBaseMs, outcome.retryAfterMs));
          return this.deliveries.finish(em, claimed.id, claimed.leaseToken, { status: 'retrying', error: outcome.error, nextAttemptAt: retryAt });
        }
      }
    });
    if (!kept) {
      this.logger.warn(`delivery ${claimed.id}: the lease was lost before the outcome (${outcome.status}) could be recorded`);
      return;
    }
    if (retryAt) {
      await this.queue.enqueue('notifications.send-delivery', { deliveryId: claimed.id }, { dedupKey: claimed.id, delayMs: Math.max(0, retryAt.getTime() - Date.now()) });
    }
  }

  /** An SMS of unknown outcome is looked up once Twilio has surely recorded it; without Twilio, never. */
  private smsLookupAt(): Date | null {
    return this.channels.smsLookup() ? new Date(Date.now() + this.config.notifications.smsLookupAfterMs) : null;
  }

  private buckets(channel: Exclude<Channel, 'dashboard'>, address: string): Bucket[] {
    const r = this.config.notifications.rateLimits;
    const perMinute = (key: string, n: number): Bucket => ({ key, capacity: n, refillPerSecond: n / 60 });
    switch (channel) {
      case 'sms':
        return [
          { key: `sms:${address}`, capacity: r.smsPerPhonePerHour, refillPerSecond: r.smsPerPhonePerHour / 3600 },
          perMinute('sms', r.smsPerMinute),
        ];
      case 'email':
        return [perMinute('email', r.emailPerMinute)];
      case 'webhook':
        return [perMinute(`webhook:${new URL(address).host}`, r.webhookPerMinute)];
    }
  }

  private render(d: ClaimedDelivery & { channel: Exclude<Channel, 'dashboard'> }): OutgoingMessage {
    const publicUrl = this.config.publicUrl;
    // a secret that does not open (SECRET_KEY changed without SECRET_KEY_PREVIOUS) throws: a failed attempt, not an unsigned call
    const secret = d.webhookSecret ? this.secrets.open(d.webhookSecret, WEBHOOK_SECRET_PURPOSE) : (this.config.notifications.webhookSigningSecret ?? null);
    const base = { deliveryId: d.id, channel: d.channel, address: d.address, secret };
    const c = d.content;
    if (c.type === 'digest') {
      const email = renderDigestEmail(c.alerts, publicUrl);
      return d.channel === 'sms'
        ? { ...base, subject: null, text: renderDigestSms(c.alerts, publicUrl), html: null, json: null }
        : { ...base, ...email, json: { id: d.id, event: 'digest', alerts: c.alerts } };
    }
    if (c.type === 'test') {
      return d.channel === 'sms'
        ? { ...base, subject: null, text: renderTestSms(c.requestedBy, publicUrl), html: null, json: null }
        : { ...base, ...renderTestEmail(c.recipientName, c.requestedBy, publicUrl), json: { id: d.id, event: 'test', requestedBy: c.requestedBy } };
    }
    if (d.channel === 'sms') return { ...base, subject: null, text: renderAlertSms(c.alert, c.escalationStep, publicUrl), html: null, json: null };
    const email = renderAlertEmail(c.alert, c.escalationStep, c.event, publicUrl);
    const event = c.event === 'resolved' ? 'alert.resolved' : c.escalationStep > 0 ? 'alert.escalated' : 'alert.notified';
    return { ...base, ...email, json: { id: d.id, event, escalationStep: c.escalationStep, alert: c.alert } };
  }
}
