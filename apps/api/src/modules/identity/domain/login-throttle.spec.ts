import { LoginThrottle, throttleKey } from './login-throttle';

describe('LoginThrottle', () => {
  const key = throttleKey('Ann@Example.com', '10.0.0.1');

  it('refuses the pair after the tenth failure until the oldest leaves the window', () => {
    const t = new LoginThrottle(10, 15 * 60_000);
    for (let i = 0; i < 9; i++) t.recordFailure(key, 1_000 + i);
    expect(t.retryAfterMs(key, 2_000)).toBe(0);
    t.recordFailure(key, 1_009);
    expect(t.retryAfterMs(key, 2_000)).toBe(1_000 + 15 * 60_000 - 2_000);
    expect(t.retryAfterMs(key, 1_000 + 15 * 60_000)).toBe(0);
  });

  it('keys by lower-cased email and address', () => {
    const t = new LoginThrottle(1, 60_000);
    t.recordFailure(key, 0);
    expect(t.retryAfterMs(throttleKey('ann@example.com', '10.0.0.1'), 1)).toBeGreaterThan(0);
    expect(t.retryAfterMs(throttleKey('ann@example.com', '10.0.0.2'), 1)).toBe(0);
    expect(t.retryAfterMs(throttleKey('bob@example.com', '10.0.0.1'), 1)).toBe(0);
  });

  it('forgets a pair on success', () => {
    const t = new LoginThrottle(2, 60_000);
    t.recordFailure(key, 0);
    t.recordFailure(key, 1);
    expect(t.retryAfterMs(key, 2)).toBeGreaterThan(0);
    t.recordSuccess(key);
    expect(t.retryAfterMs(key, 2)).toBe(0);
  });

  it('remembers a bounded number of pairs', () => {
    const t = new LoginThrottle(1, 60_000, 3);
    for (let i = 0; i < 5; i++) t.recordFailure(throttleKey(`u${i}@x.io`, 'ip'), i);
    expect(t.retryAfterMs(throttleKey('u0@x.io', 'ip'), 10)).toBe(0);
    expect(t.retryAfterMs(throttleKey('u4@x.io', 'ip'), 10)).toBeGreaterThan(0);
  });
});
