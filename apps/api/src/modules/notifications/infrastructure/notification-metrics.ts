import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Database } from '../../../shared/database';
import { counter, histogram, notificationDeliveriesOpen } from '../../../shared/metrics';

/** One send attempt's outcome, by channel: delivered, temporary, permanent, unknown, suppressed or rate_limited. */
export const notificationSends = counter('stockpulse_notification_sends_total', 'Notification send attempts, by channel and outcome', ['channel', 'outcome']);

/** How long the provider took to answer one send (SMTP, Twilio, the webhook receiver). */
export const notificationSendSeconds = histogram(
  'stockpulse_notification_send_seconds',
  'Time a provider took to answer one notification send, by channel',
  ['channel'],
  [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
);

/** Reads, at scrape time, how many deliveries are still on their way or of unknown outcome. */
@Injectable()
export class DeliveryGauges implements OnApplicationBootstrap, OnModuleDestroy {
  private remove?: () => void;

  constructor(private readonly db: Database) {}

  onApplicationBootstrap(): void {
    this.remove = notificationDeliveriesOpen.add(async () => {
      const rows: { channel: string; status: string; n: number }[] = await this.db.query(
        `SELECT channel, status, count(*)::int AS n FROM notifications.deliveries
         WHERE status IN ('pending', 'sending', 'retrying', 'unknown') GROUP BY channel, status`,
      );
      return rows.map((r) => ({ labels: { channel: r.channel, status: r.status }, value: r.n }));
    });
  }

  onModuleDestroy(): void {
    this.remove?.();
  }
}
