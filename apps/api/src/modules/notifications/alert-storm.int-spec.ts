import { Outbox } from '../../shared/outbox/outbox';
import { loginAsAdmin } from '../../shared/testing/auth';
import { clearRateLimits, eventually, testAlert, TestSmtpServer, TestTwilioServer } from '../../shared/testing/notification-peers';
import { createTestApp, resetDatabase, TestApp } from '../../shared/testing/test-app';

/** 500 alerts on one SKU family at once: the rate limits (token buckets in Redis) hold, and nothing is lost. */
describe('an alert storm (BullMQ, rate limits in Redis)', () => {
  const smtp = new TestSmtpServer();
  const twilio = new TestTwilioServer();
  let t: TestApp;

  beforeAll(async () => {
    const [smtpUrl, twilioUrl] = [await smtp.start(), await twilio.start()];
    t = await createTestApp({
      queue: 'bullmq',
      env: {
        SMTP_URL: smtpUrl,
        ...twilio.env(twilioUrl),
        NOTIFY_SMS_PER_PHONE_PER_HOUR: '5',
        NOTIFY_EMAIL_PER_MINUTE: '30',
      },
    });
    await resetDatabase(t.db);
    await clearRateLimits();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.stop(), twilio.stop()]);
  });

  it('texts the on-call phone at most its hourly allowance and emails within the per-minute bucket; the rest wait, none lost', async () => {
    const admin = await loginAsAdmin(t);
    await admin.agent
      .post('/api/v1/notification-rules')
      .send({ name: 'on call', severities: ['critical'], channels: ['sms', 'email'], recipients: [{ phone: '+14155550199' }, { email: 'oncall@example.com' }] })
      .expect(201);
    const alerts = Array.from({ length: 500 }, (_, i) => testAlert({ sku: `SKU-FAM-${String(i).padStart(3, '0')}` }));
    const started = Date.now();
    await t.db.transaction((em) => t.app.get(Outbox).writeMany(em, alerts.map((alert) => ({ event: 'alerts.alert-opened' as const, payload: { alert, escalationStep: 0 } }))));
    const count = async (where = 'true') => Number((await t.db.query(`SELECT count(*) AS n FROM notifications.deliveries WHERE ${where}`))[0].n);
    await eventually(async () => (await count()) === 1000, 60_000, '1,000 delivery rows');
    // every SMS has had its turn: sent, or waiting for a token (not merely not yet picked up)
    const smsUntried = `channel = 'sms' AND (status = 'sending' OR (status = 'pending' AND next_attempt_at <= now()))`;
    await eventually(async () => (await count(smsUntried)) === 0, 60_000, 'every SMS tried');
    await new Promise((r) => setTimeout(r, 1000));
    const elapsedSeconds = (Date.now() - started) / 1000;

    expect(twilio.received).toHaveLength(5);
    expect(smtp.received.length).toBeGreaterThanOrEqual(30);
    expect(smtp.received.length).toBeLessThanOrEqual(30 + Math.ceil(elapsedSeconds * 0.5) + 1);
    // what was held back waits in Postgres for its token: nothing dead, nothing dropped, nothing sent twice
    expect(await count(`status IN ('dead', 'rejected', 'unknown', 'suppressed')`)).toBe(0);
    expect(await count(`status = 'delivered'`)).toBe(twilio.received.length + smtp.received.length);
    expect(await count(`status = 'pending' AND channel = 'sms' AND next_attempt_at > now() + interval '5 minutes'`)).toBe(495);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
  }, 120_000);
});
