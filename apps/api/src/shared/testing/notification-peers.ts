import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import Redis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { TEST_REDIS_URL, workerRedisPrefix } from './test-env';

/**
 * Real peers for the notification channels, in the test process: an SMTP server that parses what it receives,
 * an HTTP server speaking the part of Twilio's Messages API the twilio package calls, and a webhook receiver.
 * Each can be told, per address, to fail the way real providers do.
 */

export interface ReceivedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  at: number;
}

/** Per recipient address: answer 451 (try later), 550 (no such mailbox), drop the connection, or never answer, at RCPT TO. */
export type SmtpBehaviour = '451' | '550' | 'drop' | 'hang';

export class TestSmtpServer {
  readonly received: ReceivedEmail[] = [];
  readonly behaviours = new Map<string, SmtpBehaviour>();
  /** how many more times a behaviour applies before the address works again (unset: always) */
  readonly remaining = new Map<string, number>();
  /** answer RCPT TO this many ms late (a slow server) */
  delayMs = 0;
  /** RCPT TO commands left unanswered ('hang') */
  hanging = 0;

  /** `parse: false` keeps the raw message as `text` (a benchmark spares the MIME parsing) */
  constructor(private readonly parse = true) {}
  private server!: SMTPServer;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, session, callback) => {
        const key = address.address.toLowerCase();
        const behaviour = this.behaviours.get(key);
        const left = this.remaining.get(key);
        if (left !== undefined && behaviour) {
          if (left <= 1) this.behaviours.delete(key);
          this.remaining.set(key, left - 1);
        }
        const answer = () => {
          if (behaviour === '451') return callback(Object.assign(new Error('4.7.1 Try again later'), { responseCode: 451 }));
          if (behaviour === '550') return callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
          if (behaviour === 'hang') {
            this.hanging++;
            return;
          }
          if (behaviour === 'drop') {
            for (const s of this.sockets) if (s.remotePort === session.remotePort) s.destroy();
            return;
          }
          callback();
        };
        if (this.delayMs) setTimeout(answer, this.delayMs);
        else answer();
      },
      onData: (stream, session, callback) => {
        if (!this.parse) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            for (const rcpt of session.envelope.rcptTo) this.received.push({ to: rcpt.address, subject: '', text, html: '', messageId: '', at: Date.now() });
            callback();
          });
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            for (const rcpt of session.envelope.rcptTo) {
              this.received.push({
                to: rcpt.address,
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                html: typeof mail.html === 'string' ? mail.html : '',
                messageId: mail.messageId ?? '',
                at: Date.now(),
              });
            }
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
    (this.server as unknown as { server: Server }).server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = ((this.server as unknown as { server: Server }).server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedEmail[] {
    return this.received.filter((m) => m.to === address);
  }

  async stop(): Promise<void> {
    this.sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface ReceivedSms {
  to: string;
  from: string;
  messagingServiceSid: string | null;
  body: string;
  sid: string;
  at: number;
}

/**
 * Per destination number, for a send: 429 with Retry-After, 400 code 21211 (invalid) or 21610 (unsubscribed), 500,
 * no answer with nothing sent ('hang'), the connection dropped with nothing sent ('drop'), or the message sent and
 * then no answer ('hang-after-send': the client times out, yet the phone gets the text).
 */
export type TwilioBehaviour = '429' | '21211' | '21610' | '500' | 'hang' | 'drop' | 'hang-after-send';
/** Per destination number, for a list of the message log: 500, or no answer. */
export type TwilioListBehaviour = '500' | 'hang';

const rfc2822 = (at: number) => new Date(at).toUTCString().replace('GMT', '+0000');

export class TestTwilioServer {
  readonly accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
  readonly authToken = 'test-auth-token-0123456789';
  readonly received: ReceivedSms[] = [];
  readonly behaviours = new Map<string, TwilioBehaviour>();
  /** how many more sends a behaviour applies to before the number works again (unset: always) */
  readonly remaining = new Map<string, number>();
  readonly listBehaviours = new Map<string, TwilioListBehaviour>();
  /** send requests seen, including refused ones */
  requests = 0;
  /** list requests seen (lookups in the message log), including failed ones */
  lists = 0;
  /** send requests left unanswered ('hang', 'hang-after-send') */
  hanging = 0;
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private sequence = 0;

  start(): Promise<string> {
    return listen(this.server);
  }

  /** The settings that point the app's twilio client at this server (started at `url`), sending from +15005550006. */
  env(url: string): Record<string, string> {
    return { TWILIO_ACCOUNT_SID: this.accountSid, TWILIO_AUTH_TOKEN: this.authToken, TWILIO_FROM: '+15005550006', TWILIO_BASE_URL: url };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = new URLSearchParams(await readBody(req));
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    const expectedAuth = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    const url = new URL(req.url ?? '/', 'http://twilio.test');
    if (url.pathname !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json` || !['GET', 'POST'].includes(req.method ?? '')) {
      return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    }
    if (req.headers.authorization !== expectedAuth) return reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    if (req.method === 'GET') return this.list(url.searchParams, reply);
    this.requests++;
    const to = body.get('To') ?? '';
    const behaviour = this.behaviours.get(to);
    const left = this.remaining.get(to);
    if (left !== undefined && behaviour) {
      if (left <= 1) this.behaviours.delete(to);
      this.remaining.set(to, left - 1);
    }
    switch (behaviour) {
      case '429':
        return reply(429, { code: 20429, message: 'Too Many Requests', status: 429 }, { 'retry-after': '1' });
      case '21211':
        return reply(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      case '21610':
        return reply(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 });
      case '500':
        return reply(500, { code: 20500, message: 'Internal Server Error', status: 500 });
      case 'hang':
        this.hanging++;
        return; // never answers: the client times out not knowing whether the message went
      case 'drop':
        req.socket.destroy();
        return;
    }
    const message = this.record(to, body);
    if (behaviour === 'hang-after-send') {
      this.hanging++;
      return;
    }
    reply(201, message);
  }

  private record(to: string, body: URLSearchParams) {
    const sid = `SM${String(++this.sequence).padStart(32, '0')}`;
    const sms: ReceivedSms = { to, from: body.get('From') ?? '', messagingServiceSid: body.get('MessagingServiceSid'), body: body.get('Body') ?? '', sid, at: Date.now() };
    this.received.push(sms);
    return this.resource(sms);
  }

  private resource(m: ReceivedSms) {
    return {
      sid: m.sid,
      account_sid: this.accountSid,
      to: m.to,
      from: m.from || null,
      messaging_service_sid: m.messagingServiceSid,
      body: m.body,
      status: 'queued',
      direction: 'outbound-api',
      num_segments: '1',
      date_created: rfc2822(m.at),
      date_sent: rfc2822(m.at),
      date_updated: rfc2822(m.at),
    };
  }

  /** The message log, newest first, filtered like Twilio's: To, From, and DateSent> by the day only (a queued message has no date sent). */
  private list(q: URLSearchParams, reply: (status: number, json: unknown) => void): void {
    this.lists++;
    const to = q.get('To');
    switch (to !== null ? this.listBehaviours.get(to) : undefined) {
      case '500':
        return reply(500, { code: 20500, message: 'Internal Server Error', status: 500 });
      case 'hang':
        return;
    }
    const from = q.get('From');
    const sentAfter = q.get('DateSent>');
    const day = sentAfter ? Date.parse(`${sentAfter.slice(0, 10)}T00:00:00Z`) : 0;
    const pageSize = Number(q.get('PageSize') ?? 50);
    const messages = this.received
      .filter((m) => (to === null || m.to === to) && (from === null || m.from === from) && m.at >= day)
      .reverse()
      .slice(0, pageSize)
      .map((m) => this.resource(m));
    reply(200, { messages, page: 0, page_size: pageSize, first_page_uri: null, next_page_uri: null, previous_page_uri: null, uri: null });
  }

  /** Sends to `number` behave so for the next `times` sends (unset: until cleared). */
  behave(number: string, behaviour: TwilioBehaviour, times?: number): void {
    this.behaviours.set(number, behaviour);
    if (times !== undefined) this.remaining.set(number, times);
  }

  to(number: string): ReceivedSms[] {
    return this.received.filter((m) => m.to === number);
  }

  /** Forgets what it received and every behaviour and count, between tests. */
  reset(): void {
    this.received.length = 0;
    this.behaviours.clear();
    this.remaining.clear();
    this.listBehaviours.clear();
    this.requests = 0;
    this.lists = 0;
    this.hanging = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedWebhook {
  path: string;
  deliveryId: string;
  signature: string;
  rawBody: string;
  body: { id: string; event: string; escalationStep: number; alert: { id: string; sku: string } };
}

/**
 * A receiver as a customer would write it: verifies the signature with `verify` (given the raw body and the
 * header), refuses a replayed delivery, and answers per path: /ok 200, /gone 410, /busy 503 with Retry-After.
 */
export class TestWebhookReceiver {
  readonly accepted: ReceivedWebhook[] = [];
  readonly refused: { path: string; reason: string }[] = [];
  private readonly seen = new Set<string>();
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));

  constructor(private readonly verify: (header: string | undefined, rawBody: string) => { ok: true } | { ok: false; reason: string }) {}

  /** `port`: listen again where an earlier receiver was (an endpoint back up) */
  start(port = 0): Promise<string> {
    return listen(this.server, port);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const path = req.url ?? '/';
    if (path.startsWith('/busy')) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    if (path.startsWith('/gone')) {
      res.writeHead(410).end();
      return;
    }
    const signature = req.headers['stockpulse-signature'] as string | undefined;
    const verdict = this.verify(signature, rawBody);
    if (!verdict.ok) {
      this.refused.push({ path, reason: verdict.reason });
      res.writeHead(401).end(verdict.reason);
      return;
    }
    if (this.seen.has(signature!)) {
      this.refused.push({ path, reason: 'replay' });
      res.writeHead(409).end('replay');
      return;
    }
    this.seen.add(signature!);
    this.accepted.push({ path, deliveryId: req.headers['stockpulse-delivery'] as string, signature: signature!, rawBody, body: JSON.parse(rawBody) });
    res.writeHead(204).end();
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An alert exactly as the alerts context puts it in its events (contracts Alert, with a snapshot). */
export function testAlert(overrides: Partial<import('@stockpulse/contracts').Alert> = {}): import('@stockpulse/contracts').Alert {
  const id = overrides.id ?? crypto.randomUUID();
  return {
    id,
    sku: 'SKU-10001',
    skuName: 'Espresso beans 1 kg',
    category: 'coffee',
    location: 'ST-NYC',
    locationName: 'Store New York',
    family: 'shortage',
    kind: 'stockout',
    severity: 'critical',
    status: 'open',
    reason: 'available 0: stockout',
    snapshot: {
      onHand: 0,
      onHold: 0,
      reserved: 0,
      inTransit: 0,
      onOrder: 0,
      available: 0,
      inventoryPosition: 0,
      reorderPoint: 40,
      safetyStock: 12,
      orderUpTo: 120,
      dailyDemand: 6.5,
      daysOfCover: 0,
      projectedStockoutDate: null,
      suggestedOrderQuantity: 120,
      supplier: { code: 'SUP-ROAST', name: 'Roastery Ltd', leadTimeDays: 4, moq: 24, packSize: 12 },
      earliestReceiptDate: '2026-11-27',
    },
    openedAt: new Date().toISOString(),
    escalatedAt: null,
    escalationLevel: 0,
    acknowledgedAt: null,
    acknowledgedBy: null,
    snoozedUntil: null,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
    resolutionReason: null,
    followedByStockout: false,
    ...overrides,
  };
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Empties the notification rate-limit buckets of this jest worker's Redis prefix (they outlive a run by design). */
export async function clearRateLimits(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${workerRedisPrefix()}:notifications:rate:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}
