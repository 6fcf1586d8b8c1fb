import nodemailer, { Transporter } from 'nodemailer';
import type { SendOutcome } from '../domain/send-outcome';
import type { ChannelSender, OutgoingMessage } from './channel-sender';

interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
  command?: string;
}

/** SMTP replies: 4xx is temporary, 5xx is permanent for this recipient; no reply at all (connection) is temporary. */
export function classifySmtpError(e: SmtpError): SendOutcome {
  const error = `${e.command ? `${e.command}: ` : ''}${e.message}`.slice(0, 1000);
  if (e.responseCode && e.responseCode >= 500) return { status: 'permanent', error };
  return { status: 'temporary', error };
}

/** Email through nodemailer over SMTP_URL; the Message-ID is the delivery id, so a receiver can spot a resend. */
export class SmtpEmailSender implements ChannelSender {
  readonly kind = 'provider' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
      pool: true,
      maxConnections: 8,
      // nodemailer's pool silently resends a message whose connection closed (5 times by default): retries belong
      // to the delivery row, where they are counted, backed off, dead-lettered, and never doubled by a second layer
      maxRequeues: 0,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: m.address,
        subject: m.subject ?? 'Stockpulse',
        text: m.text,
        html: m.html ?? undefined,
        messageId: `<${m.deliveryId}@stockpulse>`,
      });
      if (info.rejected?.length) return { status: 'permanent', error: `rejected: ${String(info.response ?? '')}` };
      return { status: 'delivered', providerId: info.messageId ?? null };
    } catch (e) {
      return classifySmtpError(e as SmtpError);
    }
  }

  close(): void {
    this.transport.close();
  }
}
