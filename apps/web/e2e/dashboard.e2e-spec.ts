/**
 * The dashboard in a real browser: the built app (apps/web/dist) served by the whole API on its test database,
 * driven in Chromium. Run `npm run build` (or `npx vite build apps/web`) first; `npm test` does.
 * Screenshots of every page land in test-output/screenshots/.
 */
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { createTestApp, TestApp } from '../../api/src/shared/testing/test-app';
import { ADMIN, apiCaller, checkPrerequisites, launchChromium, SHOTS, sessionCookie } from './support';

jest.setTimeout(60_000);

describe('dashboard (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  /** a JSON call to the API as the admin, for seeding */
  let cookie = '';
  const call = (method: string, path: string, body?: unknown) => apiCaller(base, () => cookie)(method, path, body);

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    checkPrerequisites();

    t = await createTestApp({ fresh: true });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');

    cookie = await sessionCookie(base, ADMIN);

    await call('POST', '/locations', { code: 'WH-1', name: 'Main warehouse', type: 'warehouse', timeZone: 'Europe/Paris' });
    await call('POST', '/locations', { code: 'ST-PAR', name: 'Paris store', type: 'store', timeZone: 'Europe/Paris' });
    for (const [code, name, category] of [
      ['MUG-BLUE', 'Blue ceramic mug', 'Kitchen'],
      ['MUG-RED', 'Red ceramic mug', 'Kitchen'],
      ['TEE-BLACK', 'Black cotton tee', 'Apparel'],
    ] as const) {
      await call('POST', '/skus', { code, name, category, baseUnit: 'each', units: [{ name: 'case', factor: 12 }], unitCost: 2.4, unitPrice: 6.9, active: true });
    }
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
    await call('POST', '/movements', {
      items: [
        { source: 'e2e', externalId: 'r1', sku: 'MUG-BLUE', location: 'WH-1', type: 'receipt', quantity: 500, occurredAt: at(20) },
        { source: 'e2e', externalId: 's1', sku: 'MUG-BLUE', location: 'WH-1', type: 'sale', quantity: 120, occurredAt: at(15) },
        { source: 'e2e', externalId: 's2', sku: 'MUG-BLUE', location: 'WH-1', type: 'sale', quantity: 90, occurredAt: at(9) },
        { source: 'e2e', externalId: 'r2', sku: 'MUG-BLUE', location: 'WH-1', type: 'receipt', quantity: 240, occurredAt: at(5) },
        { source: 'e2e', externalId: 'h1', sku: 'MUG-BLUE', location: 'WH-1', type: 'hold', quantity: 10, occurredAt: at(3) },
        { source: 'e2e', externalId: 'r3', sku: 'MUG-BLUE', location: 'ST-PAR', type: 'receipt', quantity: 60, occurredAt: at(4) },
      ],
    });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    // an uncaught exception in the page is a defect even when the assertions passed
    expect(consoleErrors).toEqual([]);
  });

  it('sends a signed-out visitor to the login page, refuses a wrong password, and signs in', async () => {
    await page.goto(`${base}/skus`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(page.url()).toContain('/login?next=%2Fskus');
    await shot('01-login');

    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Email or password is incorrect.').waitFor();

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'SKUs', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByText('Audit log').waitFor(); // admin navigation
  });

  it('finds a SKU by searching, with the filter in the URL', async () => {
    const table = page.getByRole('table', { name: 'SKUs' });
    await table.getByRole('link', { name: 'TEE-BLACK' }).waitFor();
    await expectText(page.getByRole('navigation', { name: 'SKUs pagination' }), '1–3 of 3');
    await shot('02-skus');

    await page.getByLabel('Search SKUs').fill('blue');
    await page.waitForURL(/[?&]q=blue/);
    await table.getByRole('link', { name: 'TEE-BLACK' }).waitFor({ state: 'detached' });
    await expectText(page.getByRole('navigation', { name: 'SKUs pagination' }), '1–1 of 1');
    expect(await table.getByRole('row').count()).toBe(2); // header + MUG-BLUE

    // a shared link opens the same view
    await page.reload();
    expect(await page.getByLabel('Search SKUs').inputValue()).toBe('blue');
    await table.getByRole('link', { name: 'MUG-BLUE' }).waitFor();
  });

  it('opens the SKU: figures per location and a chart of stock over time', async () => {
    await page.getByRole('table', { name: 'SKUs' }).getByRole('link', { name: 'MUG-BLUE' }).click();
    await page.getByRole('heading', { name: 'Blue ceramic mug' }).waitFor();
    const levels = page.getByRole('table', { name: 'Stock by location' });
    const wh = levels.getByRole('row', { name: /WH-1/ });
    await wh.waitFor();
    // WH-1: 500 - 120 - 90 + 240 = 530 on hand, 10 on hold, available 520
    const cells = await wh.getByRole('cell').allInnerTexts();
    expect(cells.slice(1, 3)).toEqual(['530', '10']);
    expect(cells[6]).toBe('520');
    await levels.getByRole('row', { name: /ST-PAR/ }).waitFor();

    const chart = page.getByRole('img', { name: 'Stock over time chart' });
    await chart.locator('.recharts-area-curve').first().waitFor();
    expect(await chart.locator('.recharts-line-curve').count()).toBe(2); // on hand, available
    await shot('03-sku-detail');
  });

  it('edits the SKU, showing the server’s message next to the field it names', async () => {
    await page.getByRole('button', { name: 'Edit SKU' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit MUG-BLUE' });
    await dialog.getByLabel('Unit price').fill('-3');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const priceError = dialog.locator('.field--invalid').filter({ has: page.getByLabel('Unit price') }).getByRole('alert');
    await priceError.waitFor();
    expect(await priceError.innerText()).toMatch(/negative/i);
    await shot('04-sku-edit-error');

    await dialog.getByLabel('Unit price').fill('7.5');
    await dialog.getByLabel('Name', { exact: true }).fill('Blue stoneware mug');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Blue stoneware mug' }).waitFor();
  });

  it('imports a CSV file with one bad row: progress to the end, then the line and reason', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'SKUs' }).check();
    const csv = [
      'code,name,category,base_unit,unit_cost,unit_price,active',
      'CSV-1,Imported kettle,Kitchen,each,10.00,24.00,true',
      'CSV-2,Imported teapot,Kitchen,each,-4,19.00,true',
      'CSV-3,Imported cup,Kitchen,each,1.20,3.90,true',
    ].join('\n');
    await page.getByLabel('CSV file').setInputFiles({ name: 'skus.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload and import' }).click();

    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await page.waitForURL(/[?&]import=/);
    const errors = page.getByRole('table', { name: 'Import errors' });
    await errors.waitFor({ timeout: 20_000 });
    expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow')).toBe('100');
    const rows = errors.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const [line, field, message] = await rows.first().getByRole('cell').allInnerTexts();
    expect(line).toBe('3'); // the file's third line: the header is line 1
    expect(field).toBe('unit_cost');
    expect(message).toMatch(/negative/i);
    await expectText(page.locator('.stat', { hasText: 'Applied' }), '2');
    await shot('05-imports');

    // the two good rows are in the catalog
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SKUs' }).click();
    await page.getByLabel('Search SKUs').fill('CSV-');
    await page.getByRole('table', { name: 'SKUs' }).getByRole('link', { name: 'CSV-3' }).waitFor();
    expect(await page.getByRole('table', { name: 'SKUs' }).getByRole('link', { name: 'CSV-2' }).count()).toBe(0);
  });

  it('lists and creates locations and suppliers', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Locations' }).click();
    await page.getByRole('table', { name: 'Locations' }).getByRole('cell', { name: 'WH-1', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New location' }).click();
    const dialog = page.getByRole('dialog', { name: 'New location' });
    await dialog.getByLabel('Code').fill('DC-EAST');
    await dialog.getByLabel('Name', { exact: true }).fill('East distribution center');
    await dialog.getByLabel('Type').selectOption('dc');
    await dialog.getByRole('button', { name: 'Create location' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Locations' }).getByRole('cell', { name: 'DC-EAST', exact: true }).waitFor();
    await shot('06-locations');

    await nav.getByRole('link', { name: 'Suppliers' }).click();
    await page.getByRole('button', { name: 'New supplier' }).click();
    const sup = page.getByRole('dialog', { name: 'New supplier' });
    await sup.getByLabel('Code').fill('ACME');
    await sup.getByLabel('Name').fill('Acme Supplies');
    await sup.getByRole('button', { name: 'Create supplier' }).click();
    await sup.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Suppliers' }).getByRole('link', { name: 'ACME' }).click();
    await page.getByRole('button', { name: 'Add SKU terms' }).click();
    const terms = page.getByRole('dialog', { name: 'Add SKU terms' });
    await terms.getByLabel('SKU code').fill('MUG-BLUE');
    await terms.getByLabel('Lead time (days)', { exact: true }).fill('7');
    await terms.getByLabel('Minimum order quantity').fill('24');
    await terms.getByLabel('Pack size').fill('12');
    await terms.getByRole('button', { name: 'Save terms' }).click();
    await terms.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Supplier terms' }).getByRole('row', { name: /MUG-BLUE/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/7 d/);
    await shot('07-supplier-terms');
  });

  it('lets an admin create a user and change a role, create and revoke an API key, and read the audit log', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Name', { exact: true }).fill('Pat Planner');
    await dialog.getByLabel('Email').fill('pat@test.local');
    await dialog.getByLabel('Role').selectOption('planner');
    await dialog.getByLabel('Initial password').fill('pat-password-123');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'detached' });
    const role = page.getByLabel('Role of pat@test.local');
    await role.waitFor();
    const saved = page.waitForResponse((r) => r.url().includes('/api/v1/users/') && r.request().method() === 'PATCH');
    await role.selectOption('viewer');
    expect((await saved).status()).toBe(200);
    // the list refetched after the change shows it (a refetch started before the change may land first)
    for (let i = 0; i < 50 && (await role.inputValue()) !== 'viewer'; i++) await page.waitForTimeout(100);
    expect(await role.inputValue()).toBe('viewer');
    expect(((await call('GET', '/users?limit=100')) as { items: { email: string; role: string }[] }).items.find((u) => u.email === 'pat@test.local')?.role).toBe('viewer');
    await shot('08-users');

    await nav.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'New API key' }).click();
    const keyDialog = page.getByRole('dialog', { name: 'New API key' });
    await keyDialog.getByLabel('Name').fill('ERP nightly sync');
    await keyDialog.getByRole('button', { name: 'Create key' }).click();
    const key = page.getByLabel('API key value');
    await key.waitFor();
    const secret = await key.innerText();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Copy key' }).waitFor();
    await shot('09-api-key-created');
    await page.getByRole('button', { name: 'Done' }).click();
    // the key works: it reads stock levels through the API
    const withKey = await fetch(`${base}/api/v1/skus/MUG-BLUE/stock-levels`, { headers: { authorization: `Bearer ${secret}` } });
    expect(withKey.status).toBe(200);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke ERP nightly sync' }).click();
    await page.getByRole('table', { name: 'API keys' }).getByText('Revoked').waitFor();
    const revoked = await fetch(`${base}/api/v1/skus/MUG-BLUE/stock-levels`, { headers: { authorization: `Bearer ${secret}` } });
    expect(revoked.status).toBe(401);

    await nav.getByRole('link', { name: 'Audit log' }).click();
    const log = page.getByRole('table', { name: 'Audit log' });
    const skuUpdate = log.getByRole('row', { name: /sku\.updated.*MUG-BLUE/ }).first();
    await skuUpdate.waitFor();
    await skuUpdate.getByRole('button', { name: 'Show details' }).click();
    const diff = page.getByRole('table', { name: 'Changes' });
    const nameRow = diff.getByRole('row', { name: /^name/ });
    expect(await nameRow.innerText()).toMatch(/Blue ceramic mug\s+Blue stoneware mug/);
    await shot('10-audit-log');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(`${base}/admin/users`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.getByText(text, { exact: false }).first().waitFor();
}
