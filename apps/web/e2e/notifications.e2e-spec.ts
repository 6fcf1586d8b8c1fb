/**
 * The notification pages in a real browser: the delivery log with retry-now, the message log of the embedded
 * default, rules and recipients. Alerts come in as the alerts context sends them: outbox events.
 */
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { verifyWebhook } from '../../api/src/modules/notifications';
import { Outbox } from '../../api/src/shared/outbox/outbox';
import { eventually, testAlert, TestWebhookReceiver } from '../../api/src/shared/testing/notification-peers';
import { createTestApp, TestApp } from '../../api/src/shared/testing/test-app';
import { ADMIN, apiCaller, checkPrerequisites, launchChromium, SHOTS, sessionCookie } from './support';

const SECRET = 'whsec_browser_test_0123456789';

jest.setTimeout(60_000);

describe('notifications dashboard (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let cookie = '';
  const consoleErrors: string[] = [];
  const verify = (header: string | undefined, raw: string) => verifyWebhook(SECRET, header, raw, Math.floor(Date.now() / 1000));

  const call = (method: string, path: string, body?: unknown) => apiCaller(base, () => cookie)<Record<string, unknown>>(method, path, body);

  beforeAll(async () => {
    checkPrerequisites();
    t = await createTestApp({ fresh: true, env: { NOTIFY_MAX_ATTEMPTS: '2', NOTIFY_RETRY_BASE_MS: '10', NOTIFY_SEND_TIMEOUT_MS: '1000' } });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    cookie = await sessionCookie(base, ADMIN);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'SKUs', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(consoleErrors).toEqual([]));

  it('shows the delivery log of an alert, and sends a dead webhook again with retry-now once the endpoint is back', async () => {
    // an endpoint that is down: its port is free again
    const down = new TestWebhookReceiver(verify);
    const url = await down.start();
    await down.stop();
    const erp = await call('POST', '/notification-recipients', { name: 'ERP', webhookUrl: `${url}/ok`, webhookSecret: SECRET });
    await call('POST', '/notification-rules', { name: 'Stockouts', kinds: ['stockout'], channels: ['email', 'webhook'], recipients: [{ email: 'buyer@example.com' }, { recipientId: erp.id }] });
    const alert = testAlert();
    await t.db.transaction((em) => t.app.get(Outbox).write(em, 'alerts.alert-opened', { alert, escalationStep: 0 }));
    await eventually(async () => ((await call('GET', `/deliveries?alert=${alert.id}&status=dead,delivered`)).items as unknown[]).length === 2, 30_000);

    await page.getByRole('navigation', { name: 'Main' }).getByText('Notifications').click();
    const table = page.getByRole('table', { name: 'Deliveries' });
    await table.getByText('buyer@example.com').first().waitFor();
    await table.getByText('dead', { exact: true }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'notifications-deliveries.png'), fullPage: true });

    const up = new TestWebhookReceiver(verify);
    await up.start(Number(new URL(url).port));
    try {
      await page.getByRole('button', { name: `Retry delivery to ${url}/ok` }).click();
      await eventually(() => up.accepted.length === 1, 30_000);
      await page.getByRole('button', { name: 'Stockout SKU-10001 @ ST-NYC' }).first().click(); // the log of this alert
      await eventually(async () => (await table.getByText('delivered', { exact: true }).count()) === 2, 30_000);
      expect(await table.getByText('dead', { exact: true }).count()).toBe(0);
      expect(page.url()).toContain(`alert=${alert.id}`);
    } finally {
      await up.stop();
    }
  });

  it('shows the email kept in the message log when no SMTP server is configured', async () => {
    await page.getByRole('link', { name: 'Message log' }).click();
    await page.getByRole('table', { name: 'Message log' }).getByText('[critical] Stockout: SKU-10001 at ST-NYC').waitFor();
  });

  it('lists rules and recipients, and names the bad field when a recipient is refused', async () => {
    await page.getByRole('link', { name: 'Rules', exact: true }).click();
    await page.getByRole('table', { name: 'Rules' }).getByText('Stockouts').waitFor();
    await page.getByRole('link', { name: 'Recipients', exact: true }).click();
    await page.getByRole('table', { name: 'Recipients' }).getByText('ERP').waitFor();
    await page.getByRole('button', { name: 'New recipient' }).click();
    await page.getByLabel('Name').fill('On-call phone');
    await page.getByLabel('Phone').fill('555-0100');
    await page.getByRole('button', { name: 'Create recipient' }).click();
    await page.getByText('must be a phone number in E.164 form').waitFor();
    await page.getByLabel('Phone').fill('+14155550100');
    await page.getByRole('button', { name: 'Create recipient' }).click();
    await page.getByRole('table', { name: 'Recipients' }).getByText('On-call phone').waitFor();
    await page.screenshot({ path: join(SHOTS, 'notifications-recipients.png'), fullPage: true });
  });
});
