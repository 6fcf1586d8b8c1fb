import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import { parseRetryAfter, SendOutcome } from '../domain/send-outcome';
import { coversWindow, findAttempt, LoggedSms, SmsAttempt, SmsLookupResult, TimeWindow } from '../domain/sms-lookup';
import type { ChannelSender, OutgoingMessage, SmsLookup } from './channel-sender';

/** Twilio error codes that say the number itself is wrong: invalid To, unsubscribed (STOP), not a mobile, unreachable. */
const BAD_NUMBER = new Set([21211, 21610, 21614, 21612, 21408]);

/**
 * twilio's HTTP client, pointed at another base URL (TWILIO_BASE_URL, for a test server) and keeping the
 * response headers of the call (RestException drops them, and Retry-After is among them).
 */
class BaseUrlRequestClient extends RequestClient {
  headers?: Record<string, string>;

  constructor(
    timeout: number,
    private readonly baseUrl?: string,
  ) {
    super({ timeout });
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    let uri = opts.uri;
    if (this.baseUrl) {
      const target = new URL(opts.uri);
      const base = new URL(this.baseUrl);
      uri = `${base.origin}${base.pathname.replace(/\/$/, '')}${target.pathname}${target.search}`;
    }
    const response = await super.request({ ...opts, uri });
    this.headers = response.headers as Record<string, string>;
    return response;
  }
}

interface TwilioError extends Error {
  status?: number;
  code?: number | string;
}

/** More messages to one number since the attempt's day than a lookup reads: it cannot tell, and says so. */
const LOOKUP_LIMIT = 200;

/** SMS through the official twilio package, and lookups in its message log. */
export class TwilioSmsSender implements ChannelSender, SmsLookup {
  readonly kind = 'provider' as const;

  constructor(
    private readonly options: { accountSid: string; authToken: string; from: string; baseUrl?: string },
    private readonly timeoutMs: number,
  ) {}

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    const { client, http } = this.client();
    const from = this.options.from.startsWith('MG') ? { messagingServiceSid: this.options.from } : { from: this.options.from };
    try {
      const message = await client.messages.create({ to: m.address, body: m.text, ...from });
      return { status: 'delivered', providerId: message.sid };
    } catch (e) {
      return classifyTwilioError(e as TwilioError, http.headers?.['retry-after']);
    }
  }

  /** GET .../Messages.json?To=&From=, newest first (the list has no messaging service filter: checked on our side). */
  async find(sent: Omit<SmsAttempt, 'from'>, window: TimeWindow): Promise<SmsLookupResult> {
    const { client, http } = this.client();
    const attempt: SmsAttempt = { ...sent, from: this.options.from };
    const from = attempt.from.startsWith('MG') ? {} : { from: attempt.from };
    try {
      const messages = await client.messages.list({ to: attempt.to, ...from, limit: LOOKUP_LIMIT });
      const log: LoggedSms[] = messages.map((m) => ({
        sid: m.sid,
        to: m.to,
        from: m.from,
        messagingServiceSid: m.messagingServiceSid ?? null,
        body: m.body ?? null,
        direction: m.direction,
        status: m.status,
        // the twilio package hands back the string when it cannot read a date
        createdAt: m.dateCreated instanceof Date ? m.dateCreated : null,
      }));
      const match = findAttempt(attempt, window, log);
      if (match) return { status: 'found', sid: match.sid, messageStatus: match.status };
      if (!coversWindow(log, window, messages.length >= LOOKUP_LIMIT)) {
        return { status: 'failed', error: `the newest ${LOOKUP_LIMIT} messages to ${attempt.to} do not reach back to the attempt` };
      }
      return { status: 'absent' };
    } catch (e) {
      return { status: 'failed', error: describeTwilioError(e as TwilioError), retryAfterMs: parseRetryAfter(http.headers?.['retry-after']) };
    }
  }

  private client() {
    const http = new BaseUrlRequestClient(this.timeoutMs, this.options.baseUrl);
    return { client: twilio(this.options.accountSid, this.options.authToken, { httpClient: http }), http };
  }
}

function describeTwilioError(e: TwilioError): string {
  return `${e.status ? `HTTP ${e.status}` : String(e.code ?? 'error')}${typeof e.code === 'number' ? ` code ${e.code}` : ''}: ${e.message}`.slice(0, 1000);
}

export function classifyTwilioError(e: TwilioError, retryAfter?: string): SendOutcome {
  const error = describeTwilioError(e);
  if (typeof e.status === 'number') {
    if (e.status === 429 || e.status >= 500) return { status: 'temporary', error, retryAfterMs: parseRetryAfter(retryAfter) };
    if (typeof e.code === 'number' && BAD_NUMBER.has(e.code)) return { status: 'permanent', error };
    // 401/403 and the like are our account's problem, not the number's: retried until a person fixes it
    if (e.status === 401 || e.status === 403) return { status: 'temporary', error };
    return { status: 'permanent', error };
  }
  // no answer: refused or unresolvable means nothing was sent; a timeout or a reset may hide a sent message
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(String(e.code))) return { status: 'temporary', error };
  return { status: 'unknown', error };
}
