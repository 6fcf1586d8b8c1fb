/**
 * Failed sign-ins per (email, client address) in a sliding window. After `maxFailures` failures inside `windowMs`
 * the pair is refused until the oldest failure leaves the window; a successful sign-in clears the pair.
 * Kept in memory: a process restart forgets it, which is acceptable for a brake on password guessing.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures = 10,
    readonly windowMs = 15 * 60 * 1000,
    /** the number of pairs remembered at most; the least recently failed ones are forgotten first */
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until this pair may try again, or 0 when it may try now. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.maxFailures) return 0;
    return recent[recent.length - this.maxFailures] + this.windowMs - now;
  }

  recordFailure(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.delete(key); // re-insert: Map order is least recently failed first
    this.failures.set(key, recent.slice(-this.maxFailures));
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const all = this.failures.get(key);
    if (!all) return [];
    const recent = all.filter((t) => t > now - this.windowMs);
    if (!recent.length) this.failures.delete(key);
    return recent;
  }
}

export function throttleKey(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}\u0000${ip}`;
}
