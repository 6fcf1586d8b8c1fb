import { WEBHOOK_DELIVERY_HEADER, WEBHOOK_SIGNATURE_HEADER } from '@stockpulse/contracts';
import { parseRetryAfter, SendOutcome } from '../domain/send-outcome';
import { signWebhook } from '../domain/webhook-signature';
import type { ChannelSender, OutgoingMessage } from './channel-sender';

/**
 * POSTs the alert as JSON, signed with the recipient's secret (Stockpulse-Signature: t=...,v1=...). A resend
 * carries the same Stockpulse-Delivery id, so a receiver can drop a message it has already processed.
 */
export class WebhookSender implements ChannelSender {
  readonly kind = 'provider' as const;

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    if (!m.secret) return { status: 'permanent', error: 'no signing secret for this endpoint (set WEBHOOK_SIGNING_SECRET or give the recipient one)' };
    const body = JSON.stringify(m.json);
    const timestamp = Math.floor(this.now().getTime() / 1000);
    let res: Response;
    try {
      res = await fetch(m.address, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Stockpulse-Webhook/1',
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(m.secret, timestamp, body),
          [WEBHOOK_DELIVERY_HEADER]: m.deliveryId,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      return { status: 'temporary', error: `${(e as Error).name}: ${cause ?? (e as Error).message}` };
    }
    if (res.ok) return { status: 'delivered', providerId: res.headers.get('x-request-id') };
    const error = `HTTP ${res.status} ${res.statusText}`;
    if (res.status === 429 || res.status === 408 || res.status >= 500) {
      return { status: 'temporary', error, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) };
    }
    return { status: 'permanent', error };
  }
}
