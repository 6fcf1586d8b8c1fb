import { attemptWindow, CLOCK_SKEW_MS, coversWindow, findAttempt, judgeLookup, LoggedSms, LookupState, SmsAttempt } from './sms-lookup';

const TEXT = 'Stockpulse CRITICAL: Stockout SKU-10001 @ ST-NYC, available 0. https://stock.example.com/alerts/a1';
const START = new Date('2026-11-23T10:00:00.250Z');
const LEASE_MS = 35_000;
const attempt: SmsAttempt = { to: '+14155550100', from: '+15005550006', text: TEXT, startedAt: START };
const window = attemptWindow(START, LEASE_MS);

const logged = (over: Partial<LoggedSms> = {}): LoggedSms => ({
  sid: 'SM1',
  to: '+14155550100',
  from: '+15005550006',
  messagingServiceSid: null,
  body: TEXT,
  direction: 'outbound-api',
  status: 'queued',
  // Twilio's date_created has whole seconds: this one is before the attempt started, by our clock
  createdAt: new Date('2026-11-23T10:00:00Z'),
  ...over,
});
const at = (ms: number) => new Date(START.getTime() + ms);

describe('finding an SMS attempt in Twilio message log', () => {
  it('finds the message to the number, from our sender, with the text, created in the attempt window', () => {
    const log = [logged({ sid: 'SM-other', to: '+14155550199' }), logged({ sid: 'SM-ours' })];
    expect(findAttempt(attempt, window, log)?.sid).toBe('SM-ours');
  });

  it('tolerates line endings and surrounding blanks in the body, nothing else', () => {
    expect(findAttempt({ ...attempt, text: 'a\nb' }, window, [logged({ body: ' a\r\nb\n' })])).not.toBeNull();
    expect(findAttempt(attempt, window, [logged({ body: TEXT.replace('available 0', 'available 1') })])).toBeNull();
    expect(findAttempt(attempt, window, [logged({ body: null })])).toBeNull();
  });

  it('ignores messages of another number, another sender, inbound ones, and those without a date', () => {
    expect(findAttempt(attempt, window, [logged({ to: '+14155550101' })])).toBeNull();
    expect(findAttempt(attempt, window, [logged({ from: '+15005550007' })])).toBeNull();
    expect(findAttempt(attempt, window, [logged({ direction: 'inbound' })])).toBeNull();
    expect(findAttempt(attempt, window, [logged({ createdAt: null })])).toBeNull();
  });

  it('ignores the same text sent before the attempt (an earlier digest) or after its lease (a later one)', () => {
    expect(findAttempt(attempt, window, [logged({ createdAt: at(-CLOCK_SKEW_MS - 1_000) })])).toBeNull();
    expect(findAttempt(attempt, window, [logged({ createdAt: at(LEASE_MS + CLOCK_SKEW_MS + 1_000) })])).toBeNull();
    expect(findAttempt(attempt, window, [logged({ createdAt: at(LEASE_MS) })])).not.toBeNull();
    // Twilio's clock a little behind ours
    expect(findAttempt(attempt, window, [logged({ createdAt: at(-30_000) })])).not.toBeNull();
  });

  it('with a messaging service, matches on the service (Twilio picks the number)', () => {
    const service = { ...attempt, from: `MG${'a'.repeat(32)}` };
    expect(findAttempt(service, window, [logged({ from: '+15005550042', messagingServiceSid: service.from })])).not.toBeNull();
    expect(findAttempt(service, window, [logged({ from: '+15005550042', messagingServiceSid: `MG${'b'.repeat(32)}` })])).toBeNull();
  });

  it('trusts an absence only when the log read reaches back past the window (a full page may stop short of it)', () => {
    const at = (iso: string) => logged({ createdAt: new Date(iso) });
    expect(coversWindow([at('2026-11-23T10:00:00Z')], window, false)).toBe(true);
    expect(coversWindow([], window, false)).toBe(true);
    expect(coversWindow([at('2026-11-23T12:00:00Z'), at('2026-11-23T11:59:00Z')], window, true)).toBe(false);
    expect(coversWindow([at('2026-11-23T12:00:00Z'), at('2026-11-20T08:00:00Z')], window, true)).toBe(true);
    expect(coversWindow([at('2026-11-23T12:00:00Z'), logged({ createdAt: null })], window, true)).toBe(false);
  });
});

describe('what a lookup decides', () => {
  const state = (over: Partial<LookupState> = {}): LookupState => ({
    attempts: 1,
    maxAttempts: 8,
    lookups: 1,
    maxLookups: 5,
    elapsedMs: 130_000,
    lookupAfterMs: 120_000,
    reason: 'ECONNABORTED: timeout of 15000ms exceeded',
    ...over,
  });

  it('found: delivered, with the message SID, saying a lookup confirmed it and why it was unknown', () => {
    const v = judgeLookup({ status: 'found', sid: 'SM9', messageStatus: 'delivered' }, state());
    expect(v).toEqual({ next: 'delivered', providerId: 'SM9', note: expect.stringContaining("found in Twilio's message log (SM9, delivered)") });
    expect(v.note).toContain('timeout of 15000ms exceeded');
  });

  it('absent once Twilio has had time to record it: sent again, or dead when the attempts are spent', () => {
    expect(judgeLookup({ status: 'absent' }, state())).toMatchObject({ next: 'resend', note: expect.stringMatching(/not in Twilio's message log 130 s after/) });
    expect(judgeLookup({ status: 'absent' }, state({ attempts: 8 }))).toMatchObject({ next: 'dead', note: expect.stringMatching(/gave up after 8 attempts/) });
  });

  it('absent too soon after the attempt proves nothing: looked up again when the grace is over', () => {
    expect(judgeLookup({ status: 'absent' }, state({ elapsedMs: 100_000 }))).toMatchObject({ next: 'look-again', delayMs: 20_000 });
  });

  it('a failed lookup: again later, backing off from the grace and never before Retry-After; after the last, a person', () => {
    const half = () => 0.5;
    expect(judgeLookup({ status: 'failed', error: 'HTTP 500: oops' }, state({ lookups: 1 }), half)).toMatchObject({ next: 'look-again', delayMs: 90_000 });
    expect(judgeLookup({ status: 'failed', error: 'HTTP 500: oops' }, state({ lookups: 3 }), half)).toMatchObject({ next: 'look-again', delayMs: 360_000 });
    expect(judgeLookup({ status: 'failed', error: 'HTTP 429', retryAfterMs: 600_000 }, state(), half)).toMatchObject({ delayMs: 600_000 });
    const last = judgeLookup({ status: 'failed', error: 'HTTP 503: down' }, state({ lookups: 5 }));
    expect(last.next).toBe('give-up');
    expect(last.note).toBe("outcome unknown: 5 Twilio lookups failed (last: HTTP 503: down); check Twilio's console, then retry if it was not sent");
  });
});
