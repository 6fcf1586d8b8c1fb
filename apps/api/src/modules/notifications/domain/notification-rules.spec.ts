import { testAlert } from '../../../shared/testing/notification-peers';
import type { NotificationRule } from '@stockpulse/contracts';
import { planDelivery, RecipientPreferences, ruleMatches, ruleTargets } from './routing';
import { renderDigestSms } from './messages';
import { digestDueAt, quietHoursEnd } from './schedule';
import { parseRetryAfter, retryDelayMs } from './send-outcome';
import { signWebhook, verifyWebhook } from './webhook-signature';

const prefs = (over: Partial<RecipientPreferences> = {}): RecipientPreferences => ({
  email: 'a@example.com',
  phone: '+14155550100',
  webhookUrl: null,
  timeZone: 'UTC',
  quietHours: null,
  channelSeverities: {},
  digest: null,
  active: true,
  ...over,
});

describe('quiet hours', () => {
  it('holds until the end of a window that spans midnight, in the recipient time zone', () => {
    // 23:30 in New York (EST, UTC-5) is 04:30 UTC
    const end = quietHoursEnd(new Date('2026-11-23T04:30:00Z'), 'America/New_York', { start: '22:00', end: '07:00' });
    expect(end?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(quietHoursEnd(new Date('2026-11-23T15:00:00Z'), 'America/New_York', { start: '22:00', end: '07:00' })).toBeNull();
    expect(quietHoursEnd(new Date('2026-11-23T12:00:00Z'), 'America/New_York', { start: '22:00', end: '07:00' })).toBeNull(); // 07:00 is out
  });

  it('ends on the wall clock on the nights clocks change', () => {
    const night = { start: '22:00', end: '07:00' };
    // spring: 23:00 EST on 2026-03-07 to 07:00 EDT is 7 h, not 8
    expect(quietHoursEnd(new Date('2026-03-08T04:00:00Z'), 'America/New_York', night)?.toISOString()).toBe('2026-03-08T11:00:00.000Z');
    // autumn: 23:00 EDT on 2026-10-31 to 07:00 EST is 9 h, not 8
    expect(quietHoursEnd(new Date('2026-11-01T03:00:00Z'), 'America/New_York', night)?.toISOString()).toBe('2026-11-01T12:00:00.000Z');
    // an end in the skipped hour is the moment the clocks jump past it (03:00 EDT)
    expect(quietHoursEnd(new Date('2026-03-08T04:00:00Z'), 'America/New_York', { start: '22:00', end: '02:30' })?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // inside the repeated hour, after the first 01:30: the window ends at the second one
    expect(quietHoursEnd(new Date('2026-11-01T06:15:00Z'), 'America/New_York', { start: '22:00', end: '01:30' })?.toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });

  it('a critical alert is sent at once; others wait; webhooks have no quiet hours', () => {
    const night = prefs({ quietHours: { start: '00:00', end: '23:59' }, webhookUrl: 'https://erp.example.com/hook' });
    const now = new Date('2026-11-23T12:00:00Z');
    expect(planDelivery(night, 'email', { kind: 'stockout', severity: 'critical' }, 'alert', now, null)).toEqual({ action: 'send', address: 'a@example.com', notBefore: null });
    const held = planDelivery(night, 'email', { kind: 'below_reorder_point', severity: 'warning' }, 'alert', now, null);
    expect(held).toMatchObject({ action: 'send', notBefore: new Date('2026-11-23T23:59:00Z') });
    expect(planDelivery(night, 'webhook', { kind: 'below_reorder_point', severity: 'warning' }, 'alert', now, null)).toMatchObject({ notBefore: null });
  });
});

describe('channel preferences and digests', () => {
  it('sends SMS for critical alerts only by default, and skips a channel without an address', () => {
    const now = new Date();
    expect(planDelivery(prefs(), 'sms', { kind: 'critical', severity: 'high' }, 'alert', now, null)).toMatchObject({ action: 'skip' });
    expect(planDelivery(prefs(), 'sms', { kind: 'stockout', severity: 'critical' }, 'alert', now, null)).toMatchObject({ action: 'send' });
    expect(planDelivery(prefs({ email: null }), 'email', { kind: 'stockout', severity: 'critical' }, 'alert', now, null)).toMatchObject({ action: 'skip', reason: 'no email address' });
    expect(planDelivery(prefs(), 'dashboard', { kind: 'stockout', severity: 'critical' }, 'alert', now, null)).toMatchObject({ action: 'skip' });
  });

  it('gathers approaching and overstock into the digest, never a shortage that needs action', () => {
    const p = prefs({ digest: { period: 'hourly' } });
    expect(planDelivery(p, 'email', { kind: 'approaching', severity: 'info' }, 'alert', new Date(), null)).toMatchObject({ action: 'digest' });
    expect(planDelivery(p, 'email', { kind: 'below_reorder_point', severity: 'warning' }, 'alert', new Date(), null)).toMatchObject({ action: 'send' });
  });

  it('a digest is due at the next full hour, or at the daily time in the recipient zone', () => {
    expect(digestDueAt(new Date('2026-11-23T10:05:00Z'), 'UTC', { period: 'hourly' }).toISOString()).toBe('2026-11-23T11:00:00.000Z');
    // 08:00 in Paris (CET, UTC+1) after 10:05 UTC is tomorrow 07:00 UTC
    expect(digestDueAt(new Date('2026-11-23T10:05:00Z'), 'Europe/Paris', { period: 'daily', at: '08:00' }).toISOString()).toBe('2026-11-24T07:00:00.000Z');
    expect(digestDueAt(new Date('2026-11-23T06:00:00Z'), 'Europe/Paris', { period: 'daily', at: '08:00' }).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });

  it('fits a digest SMS of many alerts into one segment, naming as many as fit and counting the rest', () => {
    const alerts = Array.from({ length: 30 }, (_, i) => testAlert({ sku: `SKU-${10000 + i}`, location: 'DC-CENTRAL' }));
    const sms = renderDigestSms(alerts, 'https://stock.example.com');
    expect(sms.length).toBeLessThanOrEqual(160);
    expect(sms).toMatch(/^Stockpulse digest, 30 alerts: SKU-10000@DC-CENTRAL, SKU-10001@DC-CENTRAL, .*, \+\d+ more\. https:\/\/stock\.example\.com\/alerts$/);
    expect(renderDigestSms(alerts.slice(0, 1), 'https://s.example')).toBe('Stockpulse digest, 1 alert: SKU-10000@DC-CENTRAL. https://s.example/alerts');
  });

  it('keeps the daily time and the full hour of the recipient clock across daylight-saving changes', () => {
    // Paris goes to summer time on 2026-03-29: 08:00 is 07:00 UTC before and 06:00 UTC after
    expect(digestDueAt(new Date('2026-03-28T12:00:00Z'), 'Europe/Paris', { period: 'daily', at: '08:00' }).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(digestDueAt(new Date('2026-10-24T12:00:00Z'), 'Europe/Paris', { period: 'daily', at: '08:00' }).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    // a daily time in the skipped hour comes when the clocks jump past it
    expect(digestDueAt(new Date('2026-03-28T12:00:00Z'), 'Europe/Paris', { period: 'daily', at: '02:30' }).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // hourly follows the local full hour, which is half past in India
    expect(digestDueAt(new Date('2026-11-23T10:05:00Z'), 'Asia/Kolkata', { period: 'hourly' }).toISOString()).toBe('2026-11-23T10:30:00.000Z');
  });
});

describe('rules', () => {
  const rule: NotificationRule = {
    id: 'r',
    name: 'r',
    severities: [],
    kinds: [],
    categories: ['coffee'],
    locations: [],
    suppliers: ['SUP-ROAST'],
    channels: ['email'],
    recipients: [{ recipientId: 'base' }],
    escalation: [{ recipients: [{ recipientId: 't1' }] }, { recipients: [{ role: 'admin' }] }],
    active: true,
    createdAt: '',
    updatedAt: '',
  };

  it('match on every non-empty filter, the supplier from the snapshot', () => {
    expect(ruleMatches(rule, testAlert())).toBe(true);
    expect(ruleMatches(rule, testAlert({ category: 'tea' }))).toBe(false);
    expect(ruleMatches(rule, testAlert({ snapshot: { ...testAlert().snapshot, supplier: null } }))).toBe(false);
    expect(ruleMatches({ ...rule, active: false }, testAlert())).toBe(false);
  });

  it('name the tier of the escalation step, the last tier past the end', () => {
    expect(ruleTargets(rule, 0)).toEqual([{ recipientId: 'base' }]);
    expect(ruleTargets(rule, 1)).toEqual([{ recipientId: 't1' }]);
    expect(ruleTargets(rule, 2)).toEqual([{ role: 'admin' }]);
    expect(ruleTargets(rule, 7)).toEqual([{ role: 'admin' }]);
    expect(ruleTargets({ ...rule, escalation: [] }, 3)).toEqual([{ recipientId: 'base' }]);
  });
});

describe('retries', () => {
  it('back off exponentially with jitter in the upper half, never before Retry-After', () => {
    expect(retryDelayMs(1, 1000, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, undefined, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, undefined, () => 1)).toBe(8000);
    expect(retryDelayMs(1, 1000, 30_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(40, 1000, undefined, () => 1)).toBe(3_600_000);
  });

  it('read Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:10 GMT', new Date('2026-11-23T12:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('webhook signatures', () => {
  const body = '{"id":"d1","alert":{"sku":"SKU-1"}}';
  it('verify with the secret, and refuse another body, another secret or an old timestamp', () => {
    const header = signWebhook('s3cret-s3cret-s3cret', 1_700_000_000, body);
    expect(verifyWebhook('s3cret-s3cret-s3cret', header, body, 1_700_000_100)).toEqual({ ok: true });
    expect(verifyWebhook('s3cret-s3cret-s3cret', header, body.replace('SKU-1', 'SKU-2'), 1_700_000_100)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyWebhook('another-secret-here', header, body, 1_700_000_100)).toMatchObject({ ok: false });
    expect(verifyWebhook('s3cret-s3cret-s3cret', header, body, 1_700_000_301)).toMatchObject({ ok: false, reason: expect.stringContaining('replay') });
    expect(verifyWebhook('s3cret-s3cret-s3cret', 'garbage', body, 1_700_000_000)).toMatchObject({ ok: false });
  });
});
