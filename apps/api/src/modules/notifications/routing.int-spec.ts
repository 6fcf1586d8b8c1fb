import type { Alert, Delivery, LoggedMessage } from '@stockpulse/contracts';
import { Outbox } from '../../shared/outbox/outbox';
import { loginAs, loginAsAdmin, TestSession } from '../../shared/testing/auth';
import { eventually, testAlert } from '../../shared/testing/notification-peers';
import { createTestApp, resetDatabase, TestApp } from '../../shared/testing/test-app';
import { SendDigestsUseCase } from './application/send-digests/send-digests.use-case';
import { localMinuteOfDay } from '../../shared/time/zoned-time';

const hhmm = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/**
 * Routing, preferences, escalation and digests, on the embedded defaults: the in-process queue, and no SMTP or
 * Twilio configured, so messages are rendered into the message log the dashboard shows.
 */
describe('notification routing (in-process queue, message log instead of SMTP / Twilio)', () => {
  let t: TestApp;
  let admin: TestSession;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://stock.example.com' } });
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    admin = await loginAsAdmin(t);
  });
  afterAll(() => t.close());

  const emit = (event: 'alerts.alert-opened' | 'alerts.alert-escalated' | 'alerts.alert-resolved', alert: Alert, escalationStep = 0) =>
    t.db.transaction((em) => t.app.get(Outbox).write(em, event, { alert, escalationStep }));
  const deliveries = async (query = ''): Promise<Delivery[]> => (await admin.agent.get(`/api/v1/deliveries?limit=1000${query}`).expect(200)).body.items;
  const messages = async (): Promise<LoggedMessage[]> => (await admin.agent.get('/api/v1/notification-messages?limit=1000').expect(200)).body.items;
  const rule = async (body: object) => (await admin.agent.post('/api/v1/notification-rules').send({ name: 'rule', ...body }).expect(201)).body;
  const recipient = async (body: object) => (await admin.agent.post('/api/v1/notification-recipients').send(body).expect(201)).body;
  const idle = async () => {
    await new Promise((r) => setTimeout(r, 300));
    await eventually(async () => (await deliveries('&status=sending')).length === 0);
  };

  it('keeps rendered emails and SMS in the message log when no provider is configured', async () => {
    await rule({ channels: ['email', 'sms'], recipients: [{ email: 'buyer@example.com' }, { phone: '+14155550100' }] });
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await eventually(async () => (await messages()).length === 2);
    const log = await messages();
    expect(log.find((m) => m.channel === 'email')).toMatchObject({ address: 'buyer@example.com', subject: '[critical] Stockout: SKU-10001 at ST-NYC' });
    expect(log.find((m) => m.channel === 'email')!.html).toContain(`https://stock.example.com/alerts/${alert.id}`);
    expect(log.find((m) => m.channel === 'sms')!.text).toContain(`https://stock.example.com/alerts/${alert.id}`);
    expect((await deliveries()).map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('routes by severity, kind, category, location and supplier, to users, roles and contacts', async () => {
    const planner = await loginAs(t, 'planner', 'Pat Planner');
    await rule({ name: 'stores coffee stockouts', kinds: ['stockout'], categories: ['coffee'], locations: ['ST-NYC'], channels: ['email'], recipients: [{ role: 'planner' }] });
    await rule({ name: 'roastery supplier', suppliers: ['SUP-ROAST'], severities: ['critical', 'high'], channels: ['email'], recipients: [{ email: 'roastery@example.com' }] });
    await rule({ name: 'tea only', categories: ['tea'], channels: ['email'], recipients: [{ email: 'tea@example.com' }] });
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await eventually(async () => (await messages()).length === 2);
    await idle();
    expect((await messages()).map((m) => m.address).sort()).toEqual([planner.email, 'roastery@example.com'].sort());
    const elsewhere = testAlert({ location: 'DC-CENTRAL', snapshot: { ...testAlert().snapshot, supplier: null } });
    await emit('alerts.alert-opened', elsewhere);
    await idle();
    expect(await deliveries(`&alert=${elsewhere.id}`)).toEqual([]);
  });

  it('respects severities per channel and quiet hours in the recipient time zone; a critical alert overrides them', async () => {
    const now = localMinuteOfDay(new Date(), 'Asia/Tokyo');
    const quiet = await recipient({
      name: 'Night owl',
      email: 'owl@example.com',
      timeZone: 'Asia/Tokyo',
      quietHours: { start: hhmm(now - 60), end: hhmm(now + 60) },
      channelSeverities: { email: ['warning', 'high', 'critical'] },
    });
    await rule({ channels: ['email'], recipients: [{ recipientId: quiet.id }] });
    const info = testAlert({ kind: 'approaching', severity: 'info', sku: 'SKU-I' });
    const warning = testAlert({ kind: 'below_reorder_point', severity: 'warning', sku: 'SKU-W' });
    const critical = testAlert({ sku: 'SKU-C' });
    for (const a of [info, warning, critical]) await emit('alerts.alert-opened', a);
    await eventually(async () => (await messages()).length === 1);
    await idle();
    expect((await messages())[0].subject).toContain('SKU-C');
    expect(await deliveries(`&alert=${info.id}`)).toEqual([]); // info is not wanted on email
    const [held] = await deliveries(`&alert=${warning.id}`);
    expect(held.status).toBe('pending');
    const waitMinutes = (new Date(held.nextAttemptAt!).getTime() - Date.now()) / 60_000;
    expect(waitMinutes).toBeGreaterThan(58);
    expect(waitMinutes).toBeLessThanOrEqual(61);
    // the held one counts among the deliveries on their way
    const metrics = (await admin.agent.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/stockpulse_notification_deliveries_open\{channel="email",status="pending"\} 1\n/);
  });

  it('escalates a critical alert left unacknowledged through the tiers of the chain, and re-tells on a kind escalation', async () => {
    await rule({
      channels: ['email'],
      severities: ['high', 'critical'],
      recipients: [{ email: 'first@example.com' }],
      escalation: [{ recipients: [{ email: 'lead@example.com' }] }, { recipients: [{ email: 'director@example.com' }] }],
    });
    const alert = testAlert({ kind: 'critical', severity: 'high' });
    const sent = async (n: number) => {
      await eventually(async () => (await messages()).length === n);
      await idle();
      return (await messages()).map((m) => m.address).reverse();
    };
    await emit('alerts.alert-opened', alert, 0);
    expect(await sent(1)).toEqual(['first@example.com']);
    const stockout = { ...alert, kind: 'stockout' as const, severity: 'critical' as const };
    await emit('alerts.alert-escalated', stockout, 0); // kind escalation: same step, new kind
    expect(await sent(2)).toEqual(['first@example.com', 'first@example.com']);
    await emit('alerts.alert-escalated', stockout, 1);
    await emit('alerts.alert-escalated', stockout, 1); // the same escalation relayed twice
    expect(await sent(3)).toEqual(['first@example.com', 'first@example.com', 'lead@example.com']);
    await emit('alerts.alert-escalated', stockout, 2);
    await emit('alerts.alert-escalated', stockout, 3);
    expect((await sent(5)).slice(3)).toEqual(['director@example.com', 'director@example.com']);
    expect((await messages()).some((m) => m.subject!.includes('(escalation 3, not acknowledged)'))).toBe(true);
    const steps = (await deliveries(`&alert=${alert.id}`)).map((d) => `${d.escalationStep}:${d.kind}:${d.address}`).sort();
    expect(steps).toEqual([
      '0:critical:first@example.com',
      '0:stockout:first@example.com',
      '1:stockout:lead@example.com',
      '2:stockout:director@example.com',
      '3:stockout:director@example.com',
    ]);
  });

  it('gathers approaching and overstock alerts into one digest per recipient when the period comes', async () => {
    const planner = await recipient({ name: 'Digest reader', email: 'digest@example.com', digest: { period: 'daily', at: '08:00' }, timeZone: 'Europe/Paris' });
    await rule({ channels: ['email'], recipients: [{ recipientId: planner.id }] });
    const approaching = testAlert({ kind: 'approaching', severity: 'info', sku: 'SKU-A' });
    const overstock = testAlert({ kind: 'overstock', severity: 'info', family: 'overstock', sku: 'SKU-O' });
    const urgent = testAlert({ sku: 'SKU-U' });
    for (const a of [approaching, overstock, urgent]) await emit('alerts.alert-opened', a);
    await eventually(async () => (await messages()).length === 1); // the stockout goes at once
    await idle();
    const digests = t.app.get(SendDigestsUseCase);
    const [{ oldest }] = await t.db.query(`SELECT min(created_at) AS oldest FROM notifications.digest_items`);
    const nextEight = new Date(oldest);
    // 08:00 in Paris is 06:00 or 07:00 UTC; the next one after the items arrived
    while (localMinuteOfDay(nextEight, 'Europe/Paris') !== 8 * 60) nextEight.setTime(Math.floor(nextEight.getTime() / 60_000) * 60_000 + 60_000);
    expect(await digests.execute(new Date(nextEight.getTime() - 60_000))).toBe(0);
    expect(await digests.execute(nextEight)).toBe(1);
    expect(await digests.execute(new Date(nextEight.getTime() + 3_600_000))).toBe(0); // each item in one digest
    await eventually(async () => (await messages()).length === 2);
    const digest = (await messages())[0];
    expect(digest.subject).toBe('Stockpulse digest: 2 alerts');
    expect(digest.text).toContain('SKU-A');
    expect(digest.text).toContain('SKU-O');
    const [row] = await deliveries('&status=delivered&channel=email').then((d) => d.filter((x) => x.event === 'digest'));
    expect(row).toMatchObject({ alertId: null, recipientId: planner.id });
  });

  it('sends the digest as one short SMS too, to a phone that accepts those severities, and nothing per alert', async () => {
    const buyer = await recipient({
      name: 'Phone buyer',
      email: 'buyer@example.com',
      phone: '+14155550123',
      digest: { period: 'hourly' },
      timeZone: 'Asia/Kolkata',
      channelSeverities: { sms: ['info', 'warning', 'high', 'critical'] },
    });
    await rule({ channels: ['email', 'sms'], recipients: [{ recipientId: buyer.id }] });
    const waiting = Array.from({ length: 5 }, (_, i) =>
      testAlert({ kind: 'approaching', severity: 'info', sku: `SKU-D${i}`, openedAt: new Date(Date.now() - (5 - i) * 1000).toISOString() }),
    ).reverse(); // routed newest first: the digest still lists them in the order they opened
    for (const a of waiting) await emit('alerts.alert-opened', a);
    await idle();
    expect(await messages()).toEqual([]);
    const [{ oldest }] = await t.db.query(`SELECT min(created_at) AS oldest FROM notifications.digest_items`);
    // the next full hour in Kolkata (UTC+05:30) is half past a UTC hour
    const due = new Date(Math.floor(new Date(oldest).getTime() / 1_800_000) * 1_800_000 + 1_800_000);
    if (due.getUTCMinutes() !== 30) due.setTime(due.getTime() + 1_800_000);
    const digests = t.app.get(SendDigestsUseCase);
    expect(await digests.execute(new Date(due.getTime() - 1_000))).toBe(0);
    expect(await digests.execute(due)).toBe(2);
    await eventually(async () => (await messages()).length === 2);
    const sms = (await messages()).find((m) => m.channel === 'sms')!;
    expect(sms.address).toBe('+14155550123');
    expect(sms.text).toBe('Stockpulse digest, 5 alerts: SKU-D0@ST-NYC, SKU-D1@ST-NYC, SKU-D2@ST-NYC, SKU-D3@ST-NYC, SKU-D4@ST-NYC. https://stock.example.com/alerts');
    expect(sms.text!.length).toBeLessThanOrEqual(160);
    expect((await messages()).find((m) => m.channel === 'email')!.subject).toBe('Stockpulse digest: 5 alerts');
    expect((await deliveries()).map((d) => `${d.channel}:${d.event}:${d.status}`).sort()).toEqual(['email:digest:delivered', 'sms:digest:delivered']);
  });

  it('does not email people when an alert resolves', async () => {
    await rule({ channels: ['email'], recipients: [{ email: 'buyer@example.com' }] });
    const alert = testAlert();
    await emit('alerts.alert-opened', alert);
    await eventually(async () => (await messages()).length === 1);
    await emit('alerts.alert-resolved', { ...alert, status: 'resolved' });
    await idle();
    expect(await messages()).toHaveLength(1);
  });
});
