import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Channel } from '@stockpulse/contracts';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Database } from '../../../shared/database';
import type { SendOutcome } from '../domain/send-outcome';
import type { ChannelSender, OutgoingMessage, SmsLookup } from './channel-sender';
import { SmtpEmailSender } from './email.sender';
import { TwilioSmsSender } from './sms.sender';
import { WebhookSender } from './webhook.sender';

/** The embedded default: the message is rendered and kept in notifications.message_log, shown on the dashboard. */
export class MessageLogSender implements ChannelSender {
  readonly kind = 'log' as const;

  constructor(private readonly db: Database) {}

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO notifications.message_log (delivery_id, channel, address, subject, text, html)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [m.deliveryId, m.channel, m.address, m.subject, m.text, m.html],
    );
    return { status: 'delivered', providerId: `log:${row.id}` };
  }
}

/** The sender of each channel: SMTP and Twilio when configured, else the message log; webhooks always over HTTP. */
@Injectable()
export class Channels implements OnModuleDestroy {
  private readonly senders: Record<Exclude<Channel, 'dashboard'>, ChannelSender>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, db: Database) {
    const n = config.notifications;
    const log = new MessageLogSender(db);
    this.senders = {
      email: n.smtpUrl ? new SmtpEmailSender(n.smtpUrl, n.smtpFrom, n.sendTimeoutMs) : log,
      sms: n.twilio ? new TwilioSmsSender(n.twilio, n.sendTimeoutMs) : log,
      webhook: new WebhookSender(n.sendTimeoutMs),
    };
  }

  of(channel: Exclude<Channel, 'dashboard'>): ChannelSender {
    return this.senders[channel];
  }

  /** Twilio's message log; null in the embedded default (SMS go to the message log, never of unknown outcome). */
  smsLookup(): SmsLookup | null {
    const sms = this.senders.sms;
    return sms instanceof TwilioSmsSender ? sms : null;
  }

  onModuleDestroy(): void {
    const email = this.senders.email;
    if (email instanceof SmtpEmailSender) email.close();
  }
}
