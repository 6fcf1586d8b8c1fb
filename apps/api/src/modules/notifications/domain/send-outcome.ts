/** What a provider answered to one send attempt. */
export type SendOutcome =
  | { status: 'delivered'; providerId: string | null }
  /** worth another try later (SMTP 4xx, connection errors, HTTP 429 and 5xx); retryAfterMs from Retry-After */
  | { status: 'temporary'; error: string; retryAfterMs?: number }
  /** will fail again for this address (SMTP 5xx for the recipient, invalid or unsubscribed number, webhook 4xx) */
  | { status: 'permanent'; error: string }
  /** the request may or may not have been acted on (an SMS timed out): not resent without a person */
  | { status: 'unknown'; error: string };

/**
 * Delay before the next attempt (`attempt` = attempts made so far, from 1): exponential from `baseMs` with
 * full jitter on the upper half, never before the provider's Retry-After, capped at an hour.
 */
export function retryDelayMs(attempt: number, baseMs: number, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** (attempt - 1), 3_600_000);
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After as a delay in ms: seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
