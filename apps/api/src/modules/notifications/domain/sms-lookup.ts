import { retryDelayMs } from './send-outcome';

/**
 * An SMS whose send timed out, or whose worker died holding it, may or may not have reached Twilio. Rather than
 * text twice, Stockpulse asks Twilio's message log for it: found, it was sent; absent long enough after the
 * attempt for Twilio to have recorded it, it was not, and it is sent again; the log not answering, ask later.
 */

/** One SMS handed to Twilio: to whom, from what (a number or a messaging service SID), the text, and when. */
export interface SmsAttempt {
  to: string;
  from: string;
  text: string;
  startedAt: Date;
}

/** A message of Twilio's log, as a lookup reads it. */
export interface LoggedSms {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string | null;
  direction: string;
  status: string;
  createdAt: Date | null;
}

export type SmsLookupResult =
  | { status: 'found'; sid: string; messageStatus: string }
  /** Twilio answered, and no message of its log is the attempt's */
  | { status: 'absent' }
  /** no answer to rely on: timeout, 5xx, network, or more messages than one lookup reads */
  | { status: 'failed'; error: string; retryAfterMs?: number };

/** Twilio's clock and ours may disagree; its date_created also drops the milliseconds. */
export const CLOCK_SKEW_MS = 60_000;

export interface TimeWindow {
  from: Date;
  to: Date;
}

/**
 * When Twilio may have created the attempt's message: from its start until its lease ran out (no send outlives
 * its lease), widened by the clock skew. Identical texts to the same number (a digest, a resolved alert) outside
 * it are other messages.
 */
export function attemptWindow(startedAt: Date, leaseMs: number): TimeWindow {
  return { from: new Date(startedAt.getTime() - CLOCK_SKEW_MS), to: new Date(startedAt.getTime() + leaseMs + CLOCK_SKEW_MS) };
}

/**
 * Whether a log read newest first shows all of the window: it was read to its end (fewer messages than the page
 * asked for), or it reaches back past the window's start. Twilio's DateSent filter is not used: a message still
 * queued has no date sent yet, and would be left out.
 */
export function coversWindow(log: readonly LoggedSms[], window: TimeWindow, pageFull: boolean): boolean {
  if (!pageFull) return true;
  const oldest = log[log.length - 1]?.createdAt;
  return !!oldest && oldest < window.from;
}

const sameText = (a: string, b: string) => a.replace(/\r\n/g, '\n').trim() === b.replace(/\r\n/g, '\n').trim();

/** The message of Twilio's log that is the attempt: outbound, to its number, from its sender, its text, in its window. */
export function findAttempt(attempt: SmsAttempt, window: TimeWindow, log: readonly LoggedSms[]): LoggedSms | null {
  const fromUs = (m: LoggedSms) => (attempt.from.startsWith('MG') ? m.messagingServiceSid === attempt.from : m.from === attempt.from);
  return (
    log.find(
      (m) =>
        m.direction !== 'inbound' &&
        m.to === attempt.to &&
        fromUs(m) &&
        m.body !== null &&
        sameText(m.body, attempt.text) &&
        m.createdAt !== null &&
        m.createdAt >= window.from &&
        m.createdAt <= window.to,
    ) ?? null
  );
}

/** Where a delivery of unknown outcome goes after a lookup. */
export type SmsLookupVerdict =
  | { next: 'delivered'; providerId: string; note: string }
  /** not sent: back to retrying, sent again now */
  | { next: 'resend'; note: string }
  /** not sent, and its attempts are spent */
  | { next: 'dead'; note: string }
  /** still unknown: look again after delayMs */
  | { next: 'look-again'; delayMs: number; note: string }
  /** still unknown, no lookups left: a person decides */
  | { next: 'give-up'; note: string };

export interface LookupState {
  /** send attempts made (the one of unknown outcome included) */
  attempts: number;
  maxAttempts: number;
  /** lookups made, this one included */
  lookups: number;
  maxLookups: number;
  /** since the attempt started */
  elapsedMs: number;
  /** how long after an attempt Twilio's log is trusted to show it */
  lookupAfterMs: number;
  /** why the outcome was unknown */
  reason: string;
}

export function judgeLookup(result: SmsLookupResult, s: LookupState, random: () => number = Math.random): SmsLookupVerdict {
  if (result.status === 'found') {
    return { next: 'delivered', providerId: result.sid, note: `sent: found in Twilio's message log (${result.sid}, ${result.messageStatus}); before the lookup: ${s.reason}`.slice(0, 1000) };
  }
  if (result.status === 'absent' && s.elapsedMs >= s.lookupAfterMs) {
    const seconds = Math.round(s.elapsedMs / 1000);
    if (s.attempts >= s.maxAttempts) {
      return { next: 'dead', note: `not in Twilio's message log ${seconds} s after the attempt, so not sent (gave up after ${s.attempts} attempts)` };
    }
    return { next: 'resend', note: `not in Twilio's message log ${seconds} s after the attempt, so not sent: sending again` };
  }
  const failure =
    result.status === 'failed' ? result.error : `too early to tell (${Math.round(s.elapsedMs / 1000)} s after the attempt; Twilio may not show it yet)`;
  if (s.lookups >= s.maxLookups) {
    return {
      next: 'give-up',
      note: `outcome unknown: ${s.lookups} Twilio lookups failed (last: ${failure}); check Twilio's console, then retry if it was not sent`.slice(0, 1000),
    };
  }
  const delayMs =
    result.status === 'failed'
      ? retryDelayMs(s.lookups, s.lookupAfterMs, result.retryAfterMs, random)
      : s.lookupAfterMs - s.elapsedMs;
  return { next: 'look-again', delayMs, note: `outcome unknown: Twilio lookup ${s.lookups} of ${s.maxLookups} failed (${failure})`.slice(0, 1000) };
}
