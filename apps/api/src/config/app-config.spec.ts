import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs embedded with no configuration', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.role).toBe('all');
    expect(c.database.url).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.demoData).toBe(true);
    expect(c.nightlyRecompute).toEqual({ hour: 2, minute: 0, timeZone: 'UTC' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ APP_ROLE: 'web' }, 'APP_ROLE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ ADMIN_EMAIL: 'nobody' }, 'ADMIN_EMAIL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ TWILIO_ACCOUNT_SID: 'AC123' }, 'TWILIO_ACCOUNT_SID'],
    [{ TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}` }, 'TWILIO_AUTH_TOKEN'],
    [{ NOTIFY_SMS_PER_PHONE_PER_HOUR: '0' }, 'NOTIFY_SMS_PER_PHONE_PER_HOUR'],
    [{ NIGHTLY_RECOMPUTE_AT: '2am' }, 'NIGHTLY_RECOMPUTE_AT'],
    [{ NIGHTLY_RECOMPUTE_TIME_ZONE: 'Mars/Olympus' }, 'NIGHTLY_RECOMPUTE_TIME_ZONE'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
  ])('refuses %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('reads production settings', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379', DEMO_DATA: 'false', PORT: '8080' });
    expect(c.database.url).toBe('postgres://u@h/db');
    expect(c.redisUrl).toBe('redis://h:6379');
    expect(c.demoData).toBe(false);
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ NIGHTLY_RECOMPUTE_AT: '23:30', NIGHTLY_RECOMPUTE_TIME_ZONE: 'America/Chicago' }).nightlyRecompute).toEqual({ hour: 23, minute: 30, timeZone: 'America/Chicago' });
    expect(loadConfig({ NIGHTLY_RECOMPUTE_AT: 'off' }).nightlyRecompute).toBeNull();
  });
});
