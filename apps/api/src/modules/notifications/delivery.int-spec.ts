import Redis from 'ioredis';
import type { Alert, Delivery } from '@stockpulse/contracts';
import { Outbox } from '../../shared/outbox/outbox';
import type { EventName } from '../../shared/queue/job-catalogue';
import { loginAsAdmin, TestSession } from '../../shared/testing/auth';
import { clearRateLimits, eventually, testAlert, TestSmtpServer, TestTwilioServer, TestWebhookReceiver } from '../../shared/testing/notification-peers';
import { createTestApp, resetDatabase, TestApp } from '../../shared/testing/test-app';
import { TEST_REDIS_URL, workerRedisPrefix } from '../../shared/testing/test-env';
import { CheckUnknownSmsUseCase } from './application/check-unknown-sms/check-unknown-sms.use-case';
import { ReconcileDeliveriesUseCase } from './application/reconcile-deliveries/reconcile-deliveries.use-case';
import { SendDigestsUseCase } from './application/send-digests/send-digests.use-case';
import { verifyWebhook } from './domain/webhook-signature';

const SECRET = 'whsec_test_secret_0123456789';

/**
 * Alert events go in exactly as the alerts context writes them (the real outbox, relayed to BullMQ), and
 * messages come out at real peers: an SMTP server, a Twilio-speaking HTTP server and a webhook receiver.
 */
describe('notification delivery (Postgres + BullMQ, real SMTP / Twilio / webhook peers)', () => {
  const smtp = new TestSmtpServer();
  const twilio = new TestTwilioServer();
  const hook = new TestWebhookReceiver((header, raw) => verifyWebhook(SECRET, header, raw, Math.floor(Date.now() / 1000)));
  let hookUrl: string;
  let t: TestApp;
  let admin: TestSession;

  beforeAll(async () => {
    const [smtpUrl, twilioUrl] = [await smtp.start(), await twilio.start()];
    hookUrl = await hook.start();
    t = await createTestApp({
      queue: 'bullmq',
      env: {
        SMTP_URL: smtpUrl,
        ...twilio.env(twilioUrl),
        PUBLIC_URL: 'https://stock.example.com',
        NOTIFY_MAX_ATTEMPTS: '3',
        NOTIFY_RETRY_BASE_MS: '100',
        NOTIFY_SEND_TIMEOUT_MS: '1500',
        NOTIFY_SMS_LOOKUP_AFTER_MS: '1000',
        NOTIFY_SMS_MAX_LOOKUPS: '3',
      },
    });
    await clearRateLimits();
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    admin = await loginAsAdmin(t);
    smtp.received.length = 0;
    smtp.behaviours.clear();
    smtp.remaining.clear();
    smtp.delayMs = 0;
    twilio.reset();
    hook.accepted.length = 0;
    hook.refused.length = 0;
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.stop(), twilio.stop(), hook.stop()]);
  });

  const emit = (event: EventName & `alerts.${string}`, alert: Alert, escalationStep = 0) =>
    t.db.transaction((em) => t.app.get(Outbox).write(em, event, { alert, escalationStep }));
  const deliveries = async (query = ''): Promise<Delivery[]> =>
    (await admin.agent.get(`/api/v1/deliveries?limit=1000${query}`).expect(200)).body.items;
  const rule = async (body: object) => (await admin.agent.post('/api/v1/notification-rules').send({ name: 'on call', ...body }).expect(201)).body;
  const recipient = async (body: object) => (await admin.agent.post('/api/v1/notification-recipients').send(body).expect(201)).body;
  const settled = (alertId: string, n: number) =>
    eventually(async () => (await deliveries(`&alert=${alertId}`)).filter((d) => !['pending', 'sending', 'retrying'].includes(d.status)).length === n, 10_000, `${n} final deliveries`);
  /** Runs the Twilio lookups (as the repeating job does, sooner) until every SMS of the alert is past `unknown` or gave up. */
  const lookedUp = (alertId: string, done: (d: Delivery) => boolean) =>
    eventually(async () => {
      await t.app.get(CheckUnknownSmsUseCase).execute();
      const sms = (await deliveries(`&alert=${alertId}&channel=sms`));
      return sms.length > 0 && sms.every(done);
    }, 20_000, 'the SMS settled by Twilio lookups');

  it('emails the alert: HTML and text with SKU, location, figures, suggested order and the link; the row says delivered', async () => {
    await rule({ channels: ['email'], recipients: [{ email: 'buyer@example.com' }] });
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await eventually(() => smtp.received.length === 1);
    const mail = smtp.received[0];
    expect(mail.to).toBe('buyer@example.com');
    expect(mail.subject).toBe('[critical] Stockout: SKU-10001 at ST-NYC');
    for (const part of ['SKU-10001', 'ST-NYC', 'Espresso beans 1 kg', 'Reorder point: 40', 'Safety stock: 12', 'Suggested order: 120 from Roastery Ltd (SUP-ROAST)', `https://stock.example.com/alerts/${alert.id}`]) {
      expect(mail.text).toContain(part);
    }
    expect(mail.html).toContain(`href="https://stock.example.com/alerts/${alert.id}"`);
    await settled(alert.id, 1);
    const [d] = await deliveries(`&alert=${alert.id}`);
    expect(d).toMatchObject({ channel: 'email', status: 'delivered', attempts: 1, escalationStep: 0, kind: 'stockout', address: 'buyer@example.com' });
    expect(mail.messageId).toBe(`<${d.id}@stockpulse>`);
    const metrics = (await admin.agent.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/stockpulse_notification_sends_total\{channel="email",outcome="delivered"\} [1-9]/);
    expect(metrics).toMatch(/stockpulse_notification_send_seconds_count\{channel="email"\} [1-9]/);
    expect(metrics).toContain('# TYPE stockpulse_notification_deliveries_open gauge');
  });

  it('texts through the twilio package (short, with the link) and posts a signed webhook the receiver verifies', async () => {
    const endpoint = await recipient({ name: 'ERP', webhookUrl: `${hookUrl}/ok`, webhookSecret: SECRET });
    await rule({
      channels: ['sms', 'webhook', 'dashboard'],
      recipients: [{ phone: '+14155550100' }, { recipientId: endpoint.id }, { userId: admin.user.id }],
    });
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await settled(alert.id, 3);
    expect(twilio.received).toHaveLength(1);
    expect(twilio.received[0]).toMatchObject({ to: '+14155550100', from: '+15005550006' });
    expect(twilio.received[0].body).toBe(`Stockpulse CRITICAL: Stockout SKU-10001 @ ST-NYC, available 0. https://stock.example.com/alerts/${alert.id}`);
    expect(hook.accepted).toHaveLength(1);
    expect(hook.accepted[0].body).toMatchObject({ event: 'alert.notified', escalationStep: 0, alert: { id: alert.id, sku: 'SKU-10001' } });
    const rows = await deliveries(`&alert=${alert.id}`);
    expect(rows.map((d) => [d.channel, d.status]).sort()).toEqual([['dashboard', 'delivered'], ['sms', 'delivered'], ['webhook', 'delivered']]);
    expect(rows.find((d) => d.channel === 'sms')!.providerId).toBe(twilio.received[0].sid);
    expect(hook.accepted[0].deliveryId).toBe(rows.find((d) => d.channel === 'webhook')!.id);

    // the receiver refuses the same request played again, and a forged body
    const replay = await fetch(`${hookUrl}/ok`, { method: 'POST', headers: { 'stockpulse-signature': hook.accepted[0].signature }, body: hook.accepted[0].rawBody });
    expect(replay.status).toBe(409);
    const forged = await fetch(`${hookUrl}/ok`, { method: 'POST', headers: { 'stockpulse-signature': hook.accepted[0].signature }, body: hook.accepted[0].rawBody.replace('SKU-10001', 'SKU-99999') });
    expect(forged.status).toBe(401);
  });

  it('sends a test message on each channel a person asks for, through the same delivery rows; the webhook one is signed', async () => {
    const desk = await recipient({ name: 'Buying desk', email: 'desk@example.com', phone: '+14155550150', webhookUrl: `${hookUrl}/ok`, webhookSecret: SECRET });
    const sent: Delivery[] = [];
    for (const channel of ['email', 'sms', 'webhook']) {
      sent.push((await admin.agent.post(`/api/v1/notification-recipients/${desk.id}/test`).send({ channel }).expect(202)).body);
    }
    expect(sent.map((d) => [d.channel, d.event, d.alertId, d.address])).toEqual([
      ['email', 'test', null, 'desk@example.com'],
      ['sms', 'test', null, '+14155550150'],
      ['webhook', 'test', null, `${hookUrl}/ok`],
    ]);
    await eventually(async () => (await deliveries(`&recipient=${desk.id}&status=delivered`)).length === 3, 10_000, 'three delivered tests');
    expect(smtp.to('desk@example.com')).toMatchObject([{ subject: 'Stockpulse test message' }]);
    expect(smtp.to('desk@example.com')[0].text).toContain(`This is a test message to Buying desk, sent by ${admin.email}`);
    expect(twilio.to('+14155550150')[0].body).toBe(`Stockpulse test message from ${admin.email}: alerts routed to this number will reach you. https://stock.example.com/notifications`);
    expect(hook.accepted).toHaveLength(1);
    expect(hook.accepted[0].body).toEqual({ id: sent[2].id, event: 'test', requestedBy: admin.email });
  });

  it('texts a digest through Twilio as one message when its hour comes, and nothing per alert before', async () => {
    const buyer = await recipient({ name: 'Digest phone', phone: '+14155550160', digest: { period: 'hourly' }, channelSeverities: { sms: ['info', 'critical'] } });
    await rule({ channels: ['sms'], recipients: [{ recipientId: buyer.id }] });
    const waiting = ['SKU-H1', 'SKU-H2', 'SKU-H3'].map((sku, i) =>
      testAlert({ kind: 'approaching', severity: 'info', sku, openedAt: new Date(Date.now() - (3 - i) * 1000).toISOString() }),
    );
    for (const a of waiting) await emit('alerts.alert-opened', a);
    await eventually(async () => Number((await t.db.query(`SELECT count(*) AS n FROM notifications.digest_items`))[0].n) === 3);
    expect(twilio.to('+14155550160')).toEqual([]);
    const nextHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
    expect(await t.app.get(SendDigestsUseCase).execute(nextHour)).toBe(1);
    await eventually(() => twilio.to('+14155550160').length === 1);
    expect(twilio.to('+14155550160')[0].body).toBe('Stockpulse digest, 3 alerts: SKU-H1@ST-NYC, SKU-H2@ST-NYC, SKU-H3@ST-NYC. https://stock.example.com/alerts');
    await eventually(async () => (await deliveries(`&recipient=${buyer.id}&status=delivered`)).length === 1);
    expect(await deliveries(`&recipient=${buyer.id}`)).toMatchObject([{ event: 'digest', channel: 'sms', alertId: null, providerId: twilio.to('+14155550160')[0].sid }]);
  });

  it('never sends twice for the same alert x recipient x channel x step: a replayed event, and the same event from two rules', async () => {
    await rule({ channels: ['email'], recipients: [{ email: 'buyer@example.com' }] });
    await rule({ name: 'second rule', severities: ['critical'], channels: ['email'], recipients: [{ email: 'buyer@example.com' }] });
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await emit('alerts.alert-opened', alert);
    await settled(alert.id, 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received).toHaveLength(1);
    expect(await deliveries(`&alert=${alert.id}`)).toHaveLength(1);
    const dup = await t.db
      .query(
        `INSERT INTO notifications.deliveries (alert_id, recipient_id, channel, address, escalation_step, kind, event, content, status)
         SELECT alert_id, recipient_id, channel, address, escalation_step, kind, event, content, 'pending' FROM notifications.deliveries`,
      )
      .catch((e: Error) => e);
    expect(String(dup)).toMatch(/duplicate key value violates unique constraint "deliveries_once"/);
  });

  it('retries SMTP 451 and a dropped connection with backoff, then delivers once', async () => {
    await rule({ channels: ['email'], recipients: [{ email: 'later@example.com' }, { email: 'flaky@example.com' }] });
    smtp.behaviours.set('later@example.com', '451');
    smtp.remaining.set('later@example.com', 2);
    smtp.behaviours.set('flaky@example.com', 'drop');
    smtp.remaining.set('flaky@example.com', 1);
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await settled(alert.id, 2);
    const rows = await deliveries(`&alert=${alert.id}`);
    expect(rows.find((d) => d.address === 'later@example.com')).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(rows.find((d) => d.address === 'flaky@example.com')).toMatchObject({ status: 'delivered', attempts: 2 });
    // the error of the last failed attempt stays until the outcome replaces it
    expect(rows.every((d) => d.lastError === null)).toBe(true);
    expect(smtp.to('later@example.com')).toHaveLength(1);
    expect(smtp.to('flaky@example.com')).toHaveLength(1);
  });

  it('dead-letters a delivery whose temporary failures outlast the attempts', async () => {
    await rule({ channels: ['email'], recipients: [{ email: 'full@example.com' }] });
    smtp.behaviours.set('full@example.com', '451');
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await settled(alert.id, 1);
    const [d] = await deliveries(`&alert=${alert.id}`);
    expect(d).toMatchObject({ status: 'dead', attempts: 3 });
    expect(d.lastError).toMatch(/gave up after 3 attempts/);
    expect(smtp.received).toHaveLength(0);
  });

  it('records SMTP 550, Twilio 21211/21610 and webhook 410 as rejected, not retried, and suppresses the address until a retry', async () => {
    const endpoint = await recipient({ name: 'Gone ERP', webhookUrl: `${hookUrl}/gone`, webhookSecret: SECRET });
    await rule({ channels: ['email', 'sms', 'webhook'], recipients: [{ email: 'nobody@example.com' }, { phone: '+14155550111' }, { phone: '+14155550112' }, { recipientId: endpoint.id }] });
    smtp.behaviours.set('nobody@example.com', '550');
    twilio.behaviours.set('+14155550111', '21211');
    twilio.behaviours.set('+14155550112', '21610');
    const first = testAlert();
    await emit('alerts.alert-opened', first);
    await settled(first.id, 4);
    const rows = await deliveries(`&alert=${first.id}`);
    expect(rows.map((d) => d.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(rows.every((d) => d.attempts === 1)).toBe(true);
    expect(rows.find((d) => d.address === '+14155550111')!.lastError).toMatch(/21211/);
    expect(twilio.requests).toBe(2);

    // a second alert is not even attempted on the suppressed addresses
    const second = testAlert({ sku: 'SKU-10002' });
    await emit('alerts.alert-opened', second);
    await settled(second.id, 4);
    expect((await deliveries(`&alert=${second.id}`)).map((d) => d.status)).toEqual(['suppressed', 'suppressed', 'suppressed', 'suppressed']);
    expect(twilio.requests).toBe(2);
    const shown = (await admin.agent.get('/api/v1/notification-recipients?q=nobody').expect(200)).body.items[0];
    expect(shown.suppressed).toEqual([expect.objectContaining({ channel: 'email', address: 'nobody@example.com' })]);

    // someone fixes the mailbox and retries: the suppression is lifted and the message goes
    smtp.behaviours.clear();
    const failed = rows.find((d) => d.channel === 'email')!;
    const retried = await admin.agent.post(`/api/v1/deliveries/${failed.id}/retry`).expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await eventually(() => smtp.to('nobody@example.com').length === 1);
    await admin.agent.post(`/api/v1/deliveries/${failed.id}/retry`).expect(409);
  });

  it('retries Twilio 429 no sooner than its Retry-After, and 500 and webhook 503 as temporary', async () => {
    const busy = await recipient({ name: 'Busy ERP', webhookUrl: `${hookUrl}/busy`, webhookSecret: SECRET });
    await rule({ channels: ['sms', 'webhook'], recipients: [{ phone: '+14155550120' }, { phone: '+14155550121' }, { recipientId: busy.id }] });
    twilio.behaviours.set('+14155550120', '429');
    twilio.behaviours.set('+14155550121', '500');
    const alert = testAlert();
    const before = Date.now();
    await emit('alerts.alert-opened', alert);
    await eventually(async () => (await deliveries(`&alert=${alert.id}`)).filter((d) => d.status === 'retrying' || d.status === 'dead').length === 3);
    const limited = (await deliveries(`&alert=${alert.id}`)).find((d) => d.address === '+14155550120')!;
    expect(limited.lastError).toMatch(/HTTP 429/);
    if (limited.status === 'retrying') expect(new Date(limited.nextAttemptAt!).getTime()).toBeGreaterThanOrEqual(before + 1000);
    twilio.behaviours.clear();
    await eventually(() => twilio.to('+14155550120').length === 1 && twilio.to('+14155550121').length === 1, 10_000);
    await settled(alert.id, 3);
    const rows = await deliveries(`&alert=${alert.id}`);
    expect(rows.find((d) => d.channel === 'webhook')).toMatchObject({ status: 'dead', attempts: 3 });
    expect(rows.filter((d) => d.channel === 'sms').map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('an SMS that reached Twilio but whose answer timed out: unknown, then found by a lookup, delivered with its SID, texted once', async () => {
    await rule({ channels: ['sms'], recipients: [{ phone: '+14155550130' }] });
    twilio.behave('+14155550130', 'hang-after-send', 1);
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await settled(alert.id, 1);
    const [unknown] = await deliveries(`&alert=${alert.id}`);
    expect(unknown).toMatchObject({ status: 'unknown', lookups: 0, lastError: expect.stringMatching(/timeout/) });
    expect(new Date(unknown.nextLookupAt!).getTime()).toBeGreaterThan(Date.now());
    await lookedUp(alert.id, (d) => d.status !== 'unknown');
    const [d] = await deliveries(`&alert=${alert.id}`);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lookups: 1, nextLookupAt: null, providerId: twilio.received[0].sid });
    expect(d.lastError).toMatch(/found in Twilio's message log/);
    await new Promise((r) => setTimeout(r, 300));
    expect(twilio.to('+14155550130')).toHaveLength(1);
    expect(twilio.requests).toBe(1);
  });

  it('an SMS that never reached Twilio (timeout, dropped connection): not in its log after the grace, so sent again, once', async () => {
    await rule({ channels: ['sms'], recipients: [{ phone: '+14155550131' }, { phone: '+14155550132' }] });
    twilio.behave('+14155550131', 'hang', 1);
    twilio.behave('+14155550132', 'drop', 1);
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await lookedUp(alert.id, (d) => d.status === 'delivered');
    const rows = await deliveries(`&alert=${alert.id}`);
    expect(rows.map((d) => [d.address, d.attempts, d.lookups, d.lastError]).sort()).toEqual([
      ['+14155550131', 2, 1, null],
      ['+14155550132', 2, 1, null],
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(twilio.to('+14155550131')).toHaveLength(1);
    expect(twilio.to('+14155550132')).toHaveLength(1);
    expect(twilio.requests).toBe(4);
    expect(rows.find((d) => d.address === '+14155550131')!.providerId).toBe(twilio.to('+14155550131')[0].sid);
  });

  it("Twilio's message log failing: the SMS stays unknown, never resent, with its lookups counted and a clear error after the last", async () => {
    await rule({ channels: ['sms'], recipients: [{ phone: '+14155550133' }] });
    twilio.behave('+14155550133', 'hang', 1);
    twilio.listBehaviours.set('+14155550133', '500');
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await settled(alert.id, 1);
    await lookedUp(alert.id, (d) => d.nextLookupAt === null);
    const [d] = await deliveries(`&alert=${alert.id}`);
    expect(d).toMatchObject({ status: 'unknown', attempts: 1, lookups: 3 });
    expect(d.lastError).toBe("outcome unknown: 3 Twilio lookups failed (last: HTTP 500 code 20500: Internal Server Error); check Twilio's console, then retry if it was not sent");
    expect(twilio.lists).toBe(3);
    expect(twilio.requests).toBe(1);
    await t.app.get(CheckUnknownSmsUseCase).execute();
    expect(twilio.lists).toBe(3);

    // a person who checked Twilio's console retries it: sent once, the lookups forgotten
    const retried = await admin.agent.post(`/api/v1/deliveries/${d.id}/retry`).expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, lookups: 0 });
    await eventually(() => twilio.to('+14155550133').length === 1);
    await settled(alert.id, 1);
    expect((await deliveries(`&alert=${alert.id}`))[0]).toMatchObject({ status: 'delivered', attempts: 1, lookups: 0 });
  });

  it('a worker that died mid-send: the reconciler resends an email once, an SMS goes unknown until a lookup, and a live lease is left alone', async () => {
    await rule({ channels: ['email', 'sms'], recipients: [{ email: 'ops@example.com' }, { phone: '+14155550140' }] });
    const alert = testAlert();
    // park both in a state no job will touch again (dead), then make them look held by a worker that died
    smtp.behaviours.set('ops@example.com', '451');
    twilio.behaviours.set('+14155550140', '500');
    await emit('alerts.alert-opened', alert);
    await settled(alert.id, 2);
    // as if a worker claimed both on their first attempt and died (the SMS handed to Twilio): 'sending', lease
    // expired, the job gone
    await t.db.query(
      `UPDATE notifications.deliveries SET status = 'sending', attempts = 1, lease_until = now() - interval '1 second', lease_token = gen_random_uuid(),
         next_attempt_at = now() + interval '1 hour'`,
    );
    smtp.behaviours.clear();
    twilio.behaviours.clear();
    expect(await t.app.get(ReconcileDeliveriesUseCase).execute(0)).toBe(2);
    await settled(alert.id, 2);
    const rows = await deliveries(`&alert=${alert.id}`);
    expect(rows.find((d) => d.channel === 'email')!.status).toBe('delivered');
    expect(rows.find((d) => d.channel === 'sms')).toMatchObject({ status: 'unknown', attempts: 1, lastError: expect.stringMatching(/worker sending it stopped/) });
    expect(smtp.to('ops@example.com')).toHaveLength(1);
    expect(twilio.received).toHaveLength(0);
    // Twilio never got it (its attempts all answered 500): sent again, once
    await lookedUp(alert.id, (d) => d.status === 'delivered');
    expect(twilio.to('+14155550140')).toHaveLength(1);

    // a lease still running belongs to a live worker: not touched
    const other = testAlert({ sku: 'SKU-10003' });
    smtp.behaviours.set('ops@example.com', '451');
    await emit('alerts.alert-opened', other);
    await settled(other.id, 2);
    await t.db.query(`UPDATE notifications.deliveries SET status = 'sending', lease_until = now() + interval '1 minute' WHERE alert_id = $1 AND channel = 'email'`, [other.id]);
    smtp.behaviours.clear();
    expect(await t.app.get(ReconcileDeliveriesUseCase).execute(0)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to('ops@example.com')).toHaveLength(1);
  });

  it('Redis emptied with sends in flight: the reconciler rebuilds them from Postgres, none lost, none twice', async () => {
    await rule({ channels: ['email'], recipients: [{ email: 'a@example.com' }, { email: 'b@example.com' }] });
    smtp.delayMs = 300;
    const alerts = Array.from({ length: 10 }, (_, i) => testAlert({ sku: `SKU-2${String(i).padStart(4, '0')}` }));
    for (const a of alerts) await emit('alerts.alert-opened', a);
    await eventually(async () => (await deliveries()).length === 20, 15_000, '20 delivery rows');
    // what a Redis restarted empty looks like to this app (only our prefix: the Redis is shared with other runs)
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${workerRedisPrefix()}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    smtp.delayMs = 0;
    const reconcile = t.app.get(ReconcileDeliveriesUseCase);
    await eventually(async () => {
      await reconcile.execute(0);
      return (await deliveries()).every((d) => d.status === 'delivered');
    }, 20_000, 'all delivered');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received).toHaveLength(20);
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(20);
  });
});
