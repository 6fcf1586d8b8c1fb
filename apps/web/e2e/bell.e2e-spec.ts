/**
 * The notification bell in a real browser: an alert routed to the signed-in user on the dashboard channel rings the
 * bell without a reload (the alert stream, then routing), and reading clears the count, in the API too.
 */
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../../api/src/shared/testing/test-app';
import { ADMIN, apiCaller, checkPrerequisites, launchChromium, SHOTS, sessionCookie, signedInPage } from './support';

jest.setTimeout(60_000);

describe('notification bell (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let cookie = '';
  const pageErrors: string[] = [];
  const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => apiCaller(base, () => cookie)<T>(method, path, body);
  const movement = (type: string, quantity: number) => ({
    source: 'e2e-bell',
    externalId: `${type}-${Date.now()}`,
    sku: 'BELL',
    location: 'WH-1',
    type,
    quantity,
    occurredAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    checkPrerequisites();
    t = await createTestApp({ fresh: true });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    cookie = await sessionCookie(base, ADMIN);
    const me = await call<{ id: string }>('GET', '/auth/me');
    await call('POST', '/locations', { code: 'WH-1', name: 'Main warehouse', type: 'warehouse', timeZone: 'UTC' });
    await call('POST', '/skus', { code: 'BELL', name: 'Brass bell', category: 'Decor', baseUnit: 'each', unitCost: 4 });
    await call('POST', '/movements', { items: [movement('receipt', 100)] });
    await call('PUT', '/policies/BELL/WH-1', { method: 'static', min: 50, max: 200 });
    await call('POST', '/notification-rules', { name: 'Me on the dashboard', channels: ['dashboard'], recipients: [{ userId: me.id }] });

    browser = await launchChromium();
    page = await signedInPage(browser, base, ADMIN, pageErrors);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(pageErrors).toEqual([]));

  it('rings when an alert is routed to me, lists it, clears when I read it, and the alert says who was told', async () => {
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await expect(bell.getAttribute('aria-label')).resolves.toBe('Notifications');
    await page.getByRole('navigation', { name: 'Main' }).getByText('Alerts').click();
    await page.locator('.live[data-state="live"]').waitFor();
    await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1)); // a reload would wipe it

    await call('POST', '/movements', { items: [movement('sale', 60)] }); // position 40: below the reorder point 50
    await page.getByTestId('bell-count').filter({ hasText: '1' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
    await expect(bell.getAttribute('aria-label')).resolves.toBe('Notifications, 1 unread');

    await bell.click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    await panel.getByText('BELL at WH-1').waitFor();
    await expect(panel.getByText('Brass bell').count()).resolves.toBe(1);
    await page.screenshot({ path: join(SHOTS, 'notification-bell.png') });

    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByTestId('bell-count').waitFor({ state: 'detached' });
    expect((await call<{ unread: number }>('GET', '/me/notifications')).unread).toBe(0);

    // opening an item goes to the alert
    await panel.getByRole('link', { name: /BELL at WH-1/ }).click();
    await page.waitForURL(/\/alerts\/[0-9a-f-]{36}$/);
    await expect(panel.isVisible()).resolves.toBe(false);
    // the alert says who was told, and links to its part of the delivery log
    const told = page.getByRole('list', { name: 'Notifications sent' });
    await told.getByText('Administrator').waitFor();
    await expect(told.getByText('dashboard', { exact: true }).count()).resolves.toBe(1);
    await expect(told.getByText('delivered', { exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(SHOTS, 'alert-who-was-told.png'), animations: 'disabled' });
    await page.getByRole('link', { name: 'Open in the delivery log' }).click();
    await page.getByRole('table', { name: 'Deliveries' }).getByText('user:', { exact: false }).first().waitFor();
  });
});
