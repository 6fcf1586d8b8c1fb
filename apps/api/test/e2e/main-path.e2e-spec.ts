/**
 * The main path of shared/ARCHITECTURE.md through every context, on Postgres and BullMQ: a sale posted by a POS
 * takes a SKU x location below its reorder point; inventory's outbox event reaches alerts, which opens one alert;
 * the alert's event reaches notifications, which routes it by rule and delivers an email to a real SMTP server.
 */
import { loginAsAdmin, TestSession } from '../../src/shared/testing/auth';
import { eventually, TestSmtpServer } from '../../src/shared/testing/notification-peers';
import { createTestApp, TestApp } from '../../src/shared/testing/test-app';

jest.setTimeout(60_000);

describe('main path: a sale becomes an alert, and the alert an email', () => {
  let t: TestApp;
  let admin: TestSession;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    t = await createTestApp({ queue: 'bullmq', fresh: true, env: { SMTP_URL: smtpUrl, PUBLIC_URL: 'https://stock.example.com' } });
    admin = await loginAsAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('opens one below-reorder-point alert and emails the buyer once, with the figures and the suggested order', async () => {
    await admin.agent.post('/api/v1/locations').send({ code: 'ST-NYC', name: 'New York store', type: 'store', timeZone: 'America/New_York' }).expect(201);
    await admin.agent.post('/api/v1/skus').send({ code: 'LAMP-1', name: 'Desk lamp', category: 'Lighting', unitCost: 12 }).expect(201);
    await admin.agent.post('/api/v1/suppliers').send({ code: 'ACME', name: 'Acme Lighting' }).expect(201);
    await admin.agent.put('/api/v1/suppliers/ACME/skus/LAMP-1').send({ leadTimeDays: 6, leadTimeStdDays: 1, moq: 24, packSize: 12 }).expect(200);
    await admin.agent.put('/api/v1/policies/LAMP-1/ST-NYC').send({ method: 'static', min: 50, max: 120, safetyStock: 10 }).expect(200);
    await admin.agent
      .post('/api/v1/notification-rules')
      .send({ name: 'Lighting buyer', categories: ['Lighting'], channels: ['email'], recipients: [{ email: 'buyer@example.com' }] })
      .expect(201);

    const at = new Date().toISOString();
    const post = (externalId: string, type: string, quantity: number) =>
      admin.agent
        .post('/api/v1/movements')
        .send({ items: [{ source: 'pos', externalId, sku: 'LAMP-1', location: 'ST-NYC', type, quantity, occurredAt: at }] })
        .expect(200);
    await post('r-1', 'receipt', 100);
    await post('s-1', 'sale', 60); // position 40 <= reorder point 50, available 40 > safety stock 10

    await eventually(async () => smtp.to('buyer@example.com').length > 0, 20_000, 'the email');
    const alerts = (await admin.agent.get('/api/v1/alerts?sku=LAMP-1').expect(200)).body;
    expect(alerts.total).toBe(1);
    const alert = alerts.items[0];
    expect(alert).toMatchObject({ kind: 'below_reorder_point', severity: 'warning', status: 'open', location: 'ST-NYC' });
    // 120 - 40 = 80, rounded up to the pack of 12
    expect(alert.snapshot).toMatchObject({ inventoryPosition: 40, reorderPoint: 50, safetyStock: 10, suggestedOrderQuantity: 84 });

    const [mail] = smtp.to('buyer@example.com');
    expect(mail.subject).toContain('LAMP-1');
    expect(mail.text).toContain('ST-NYC');
    expect(mail.text).toContain('84');
    expect(mail.text).toContain(`https://stock.example.com/alerts/${alert.id}`);

    // a further sale in the same condition neither opens a second alert nor sends a second email
    await post('s-2', 'sale', 5);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await admin.agent.get('/api/v1/alerts?sku=LAMP-1').expect(200)).body.total).toBe(1);
    expect(smtp.to('buyer@example.com')).toHaveLength(1);
    const deliveries = (await admin.agent.get(`/api/v1/deliveries?alert=${alert.id}`).expect(200)).body;
    expect(deliveries.items).toEqual([expect.objectContaining({ channel: 'email', status: 'delivered' })]);
  });
});
