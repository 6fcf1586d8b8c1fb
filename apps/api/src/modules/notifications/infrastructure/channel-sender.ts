import type { Channel } from '@stockpulse/contracts';
import type { SendOutcome } from '../domain/send-outcome';

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
