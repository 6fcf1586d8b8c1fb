import type { InboxPage } from '@stockpulse/contracts';
import { Outbox } from '../../src/shared/outbox/outbox';
import { createApiKey, loginAs, loginAsAdmin, TestSession } from '../../src/shared/testing/auth';
import { eventually, testAlert } from '../../src/shared/testing/notification-peers';
import { createTestApp, resetDatabase, TestApp } from '../../src/shared/testing/test-app';

describe('notifications API: recipients, rules, deliveries', () => {
  let t: TestApp;
  let admin: TestSession;
  const count = async (table: string) => Number((await t.db.query(`SELECT count(*) AS n FROM notifications.${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.db);
    admin = await loginAsAdmin(t);
  });
  afterAll(() => t.close());

  it('creates a webhook recipient, answers its secret once, and audits the change without it', async () => {
    const res = await admin.agent
      .post('/api/v1/notification-recipients')
      .send({ name: 'ERP', webhookUrl: 'https://erp.example.com/stockpulse', timeZone: 'Europe/Paris', quietHours: { start: '22:00', end: '07:00' } })
      .expect(201);
    expect(res.body.webhookSecret).toMatch(/^whsec_/);
    expect(res.body.channelSeverities.sms).toEqual(['critical']);
    const shown = await admin.agent.get(`/api/v1/notification-recipients/${res.body.id}`).expect(200);
    expect(shown.body.webhookSecret).toBeUndefined();
    const audit = await admin.agent.get('/api/v1/audit-log?limit=10').expect(200);
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'notification-recipient.created');
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).not.toContain(res.body.webhookSecret);
  });

  it('answers a webhook secret once when a change gives a recipient its first webhook URL, and keeps it after', async () => {
    const r = (await admin.agent.post('/api/v1/notification-recipients').send({ name: 'Buyer', email: 'buyer@example.com' }).expect(201)).body;
    const hooked = await admin.agent.patch(`/api/v1/notification-recipients/${r.id}`).send({ webhookUrl: 'https://erp.example.com/hook' }).expect(200);
    expect(hooked.body.webhookSecret).toMatch(/^whsec_/);
    const [{ webhook_secret: sealed }] = await t.db.query(`SELECT webhook_secret FROM notifications.recipients WHERE id = $1`, [r.id]);
    expect(sealed).not.toContain(hooked.body.webhookSecret);
    const renamed = await admin.agent.patch(`/api/v1/notification-recipients/${r.id}`).send({ name: 'Buyer desk' }).expect(200);
    expect(renamed.body.webhookSecret).toBeUndefined();
    const [{ webhook_secret: kept }] = await t.db.query(`SELECT webhook_secret FROM notifications.recipients WHERE id = $1`, [r.id]);
    expect(kept).toBe(sealed);
    await admin.agent.patch(`/api/v1/notification-recipients/${r.id}`).send({ webhookUrl: null }).expect(200);
    expect((await t.db.query(`SELECT webhook_secret FROM notifications.recipients WHERE id = $1`, [r.id]))[0].webhook_secret).toBeNull();
  });

  it("keeps each user's bell: alerts routed to them on the dashboard, unread until they read them", async () => {
    const planner = await loginAs(t, 'planner', 'Bell Planner');
    const viewer = await loginAs(t, 'viewer', 'Bell Viewer');
    await admin.agent.post('/api/v1/notification-rules').send({ name: 'bell', channels: ['dashboard'], recipients: [{ userId: planner.user.id }] }).expect(201);
    const inbox = async (who: TestSession, query = ''): Promise<InboxPage> => (await who.agent.get(`/api/v1/me/notifications${query}`).expect(200)).body;
    const emit = (event: 'alerts.alert-opened' | 'alerts.alert-escalated' | 'alerts.alert-resolved', alert: ReturnType<typeof testAlert>, step = 0) =>
      t.db.transaction((em) => t.app.get(Outbox).write(em, event, { alert, escalationStep: step }));
    const first = testAlert({ sku: 'SKU-B1' });
    const second = testAlert({ sku: 'SKU-B2', kind: 'critical', severity: 'high' });
    await emit('alerts.alert-opened', first);
    await emit('alerts.alert-opened', second);
    await emit('alerts.alert-escalated', second, 1);
    await emit('alerts.alert-resolved', { ...first, status: 'resolved' }); // a resolution does not ring the bell
    await eventually(async () => (await inbox(planner)).total === 3);
    await new Promise((r) => setTimeout(r, 300));
    const mine = await inbox(planner);
    expect(mine.unread).toBe(3);
    expect(mine.items.map((i) => i.title).sort()).toEqual([
      'Critical stock: SKU-B2 at ST-NYC',
      'Critical stock: SKU-B2 at ST-NYC (escalation 1, not acknowledged)',
      'Stockout: SKU-B1 at ST-NYC',
    ]);
    const stockout = mine.items.find((i) => i.sku === 'SKU-B1')!;
    expect(stockout).toMatchObject({ alertId: first.id, severity: 'critical', readAt: null });
    expect(await inbox(viewer)).toMatchObject({ total: 0, unread: 0, items: [] });

    // reading is per user: the viewer cannot mark the planner's items
    expect((await viewer.agent.post('/api/v1/me/notifications/read').send({ ids: [stockout.id] }).expect(200)).body).toEqual({ unread: 0 });
    expect((await planner.agent.post('/api/v1/me/notifications/read').send({ ids: [stockout.id] }).expect(200)).body).toEqual({ unread: 2 });
    expect((await inbox(planner, '?unread=true')).items.map((i) => i.sku)).toEqual(['SKU-B2', 'SKU-B2']);
    expect((await planner.agent.post('/api/v1/me/notifications/read').send({ all: true }).expect(200)).body).toEqual({ unread: 0 });
    expect((await inbox(planner, '?limit=2')).nextCursor).not.toBeNull();

    const bad = await planner.agent.post('/api/v1/me/notifications/read').send({ ids: ['nope'], all: true }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['ids.0']));
    expect((await planner.agent.post('/api/v1/me/notifications/read').send({}).expect(400)).body.errors).toEqual([{ path: 'ids', message: 'must give either ids or all: true' }]);
    const key = await createApiKey(t, ['alerts:read']);
    expect((await key.agent.get('/api/v1/me/notifications').expect(403)).body.detail).toContain('API key has none');
  });

  it('sends a test message to an address the recipient has, and names the channel when it has none', async () => {
    const r = (await admin.agent.post('/api/v1/notification-recipients').send({ name: 'Buyer', email: 'buyer@example.com' }).expect(201)).body;
    const none = await admin.agent.post(`/api/v1/notification-recipients/${r.id}/test`).send({ channel: 'sms' }).expect(400);
    expect(none.body.errors).toEqual([{ path: 'channel', message: 'the recipient has no sms address (phone)' }]);
    const bad = await admin.agent.post(`/api/v1/notification-recipients/${r.id}/test`).send({ channel: 'dashboard' }).expect(400);
    expect(bad.body.errors).toEqual([{ path: 'channel', message: 'must be one of email, sms, webhook' }]);
    await admin.agent.post('/api/v1/notification-recipients/00000000-0000-4000-8000-000000000009/test').send({ channel: 'email' }).expect(404);
    expect(await count('deliveries')).toBe(0);

    const test = (await admin.agent.post(`/api/v1/notification-recipients/${r.id}/test`).send({ channel: 'email' }).expect(202)).body;
    expect(test).toMatchObject({ recipientId: r.id, channel: 'email', event: 'test', alertId: null, digestId: null, sku: null });
    await eventually(async () => (await admin.agent.get(`/api/v1/deliveries/${test.id}`).expect(200)).body.status === 'delivered');
    const log = (await admin.agent.get('/api/v1/notification-messages?channel=email').expect(200)).body.items;
    expect(log[0]).toMatchObject({ deliveryId: test.id, address: 'buyer@example.com', subject: 'Stockpulse test message' });
    const audit = (await admin.agent.get('/api/v1/audit-log?entityType=notification-recipient&limit=5').expect(200)).body.items;
    expect(audit[0]).toMatchObject({ action: 'notification-recipient.tested', after: { channel: 'email', deliveryId: test.id } });
  });

  it('refuses bad recipients and rules with 400 naming each field, writing nothing', async () => {
    const bad = await admin.agent
      .post('/api/v1/notification-recipients')
      .send({ name: 'x', phone: '555-1234', timeZone: 'Mars/Olympus', quietHours: { start: '25:00', end: '07:00' }, digest: { period: 'daily' }, extra: 1 })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const paths = bad.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['phone', 'timeZone', 'quietHours.start', 'digest.at', 'extra']));
    await admin.agent.post('/api/v1/notification-recipients').send({ name: 'nobody' }).expect(400);

    const rule = await admin.agent
      .post('/api/v1/notification-rules')
      .send({ name: 'r', channels: ['pager'], kinds: ['meltdown'], recipients: [{ email: 'a@example.com', phone: '+14155550100' }] })
      .expect(400);
    expect(rule.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['channels.0', 'kinds.0', 'recipients.0']);
    const unknown = await admin.agent
      .post('/api/v1/notification-rules')
      .send({ name: 'r', channels: ['email'], recipients: [{ recipientId: '00000000-0000-4000-8000-000000000001' }, { email: 'new@example.com' }] })
      .expect(400);
    expect(unknown.body.errors).toEqual([{ path: 'recipients.0.recipientId', message: 'is not a notification recipient' }]);
    expect(await count('rules')).toBe(0);
    expect(await count('recipients')).toBe(0); // the contact of the refused rule was rolled back with it
  });

  it('changes and deletes rules and recipients; a recipient named by a rule cannot go', async () => {
    const r = (await admin.agent.post('/api/v1/notification-recipients').send({ name: 'Buyer', email: 'buyer@example.com' }).expect(201)).body;
    const rule = (await admin.agent.post('/api/v1/notification-rules').send({ name: 'r', channels: ['email'], recipients: [{ recipientId: r.id }] }).expect(201)).body;
    const changed = await admin.agent.patch(`/api/v1/notification-rules/${rule.id}`).send({ severities: ['critical'], active: false }).expect(200);
    expect(changed.body).toMatchObject({ severities: ['critical'], active: false, recipients: [{ recipientId: r.id }] });
    await admin.agent.delete(`/api/v1/notification-recipients/${r.id}`).expect(409);
    await admin.agent.delete(`/api/v1/notification-rules/${rule.id}`).expect(204);
    await admin.agent.delete(`/api/v1/notification-recipients/${r.id}`).expect(204);
    await admin.agent.get(`/api/v1/notification-rules/${rule.id}`).expect(404);
    await admin.agent.get('/api/v1/notification-rules/not-a-uuid').expect(400);
  });

  it('lists deliveries with filters checked, and 404s a retry of an unknown delivery; viewers read but cannot change', async () => {
    const bad = await admin.agent.get('/api/v1/deliveries?status=lost&channel=fax').expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.channel', 'query.status.0']);
    await admin.agent.get('/api/v1/deliveries?status=dead,rejected&channel=email').expect(200);
    await admin.agent.post('/api/v1/deliveries/00000000-0000-4000-8000-000000000001/retry').expect(404);
    const viewer = await loginAs(t, 'viewer');
    await viewer.agent.get('/api/v1/deliveries').expect(200);
    await viewer.agent.post('/api/v1/notification-rules').send({ name: 'r', channels: ['email'], recipients: [{ email: 'a@example.com' }] }).expect(403);
  });
});
