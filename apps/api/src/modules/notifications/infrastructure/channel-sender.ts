import type { Channel } from '@stockpulse/contracts';
import type { SendOutcome } from '../domain/send-outcome';
import type { SmsAttempt, SmsLookupResult, TimeWindow } from '../domain/sms-lookup';

/** One rendered message for one address. */
export interface OutgoingMessage {
  deliveryId: string;
  channel: Channel;
  address: string;
  subject: string | null;
  text: string;
  html: string | null;
  /** the webhook body */
  json: unknown;
  /** the webhook signing secret of the recipient */
  secret: string | null;
}

export interface ChannelSender {
  /** 'provider': SMTP, Twilio, HTTP; 'log': kept in the message log (the embedded default) */
  readonly kind: 'provider' | 'log';
  send(message: OutgoingMessage): Promise<SendOutcome>;
}

/** Asks the SMS provider's message log whether an attempt of unknown outcome was sent (it adds its own sender). */
export interface SmsLookup {
  find(attempt: Omit<SmsAttempt, 'from'>, window: TimeWindow): Promise<SmsLookupResult>;
}
