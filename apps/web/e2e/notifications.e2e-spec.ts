/**
 * The notification pages in a real browser: the delivery log with retry-now, the message log of the embedded
 * default, rules and recipients, and editing them: a recipient's preferences and webhook secret, a rule with its
 * escalation tiers, deleting both. Alerts come in as the alerts context sends them: outbox events.
 */
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { verifyWebhook, WEBHOOK_SECRET_PURPOSE } from '../../api/src/modules/notifications';
import { SecretBox } from '../../api/src/shared/crypto';
import { Outbox } from '../../api/src/shared/outbox/outbox';
import { eventually, testAlert, TestWebhookReceiver } from '../../api/src/shared/testing/notification-peers';
import { createTestApp, TestApp } from '../../api/src/shared/testing/test-app';
import { ADMIN, apiCaller, checkPrerequisites, launchChromium, SHOTS, sessionCookie, signedInPage } from './support';

const SECRET = 'whsec_browser_test_0123456789';

jest.setTimeout(60_000);

describe('notifications dashboard (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let cookie = '';
  const consoleErrors: string[] = [];
  /** API answers of 400 and above; a test that provokes one on purpose lists it in `expectedFailures` */
  const failedResponses: string[] = [];
  let expectedFailures: RegExp[] = [];
  const verify = (header: string | undefined, raw: string) => verifyWebhook(SECRET, header, raw, Math.floor(Date.now() / 1000));

  const call = (method: string, path: string, body?: unknown) => apiCaller(base, () => cookie)<Record<string, unknown>>(method, path, body);

  beforeAll(async () => {
    checkPrerequisites();
    t = await createTestApp({ fresh: true, env: { NOTIFY_MAX_ATTEMPTS: '2', NOTIFY_RETRY_BASE_MS: '10', NOTIFY_SEND_TIMEOUT_MS: '1000' } });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    cookie = await sessionCookie(base, ADMIN);
    browser = await launchChromium();
    page = await signedInPage(browser, base, ADMIN, consoleErrors);
    // from here on (the login page asked who is signed in: 401)
    page.on('response', (r) => {
      if (r.status() >= 400) failedResponses.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    const unexpected = failedResponses.splice(0).filter((f) => !expectedFailures.some((e) => e.test(f)));
    expectedFailures = [];
    expect(consoleErrors).toEqual([]);
    expect(unexpected).toEqual([]);
  });

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

  it('shows where an SMS of unknown outcome stands: its next Twilio lookup, or that a person must check', async () => {
    const onCall = await call('POST', '/notification-rules', { name: 'On call', kinds: ['stockout'], channels: ['sms'], recipients: [{ phone: '+14155550170' }, { phone: '+14155550171' }] });
    const alert = testAlert({ sku: 'SKU-SMS' });
    await t.db.transaction((em) => t.app.get(Outbox).write(em, 'alerts.alert-opened', { alert, escalationStep: 0 }));
    await eventually(async () => ((await call('GET', `/deliveries?alert=${alert.id}&channel=sms&status=delivered`)).items as unknown[]).length === 2, 30_000);
    // the states the lookup job leaves (this app has no Twilio to ask): one waiting for its next lookup, one given up
    await t.db.query(
      `UPDATE notifications.deliveries SET status = 'unknown', sms_lookups = CASE WHEN address LIKE '%70' THEN 2 ELSE 5 END,
         sms_lookup_at = CASE WHEN address LIKE '%70' THEN now() + interval '1 hour' END WHERE alert_id = $1 AND channel = 'sms'`,
      [alert.id],
    );
    await page.goto(`${base}/notifications/deliveries?alert=${alert.id}`);
    const table = page.getByRole('table', { name: 'Deliveries' });
    await table.getByText(/^next Twilio lookup .+ \(2 made\)$/).waitFor();
    await table.getByText('5 Twilio lookups failed: check Twilio, then retry').waitFor();
    expect(await page.getByRole('button', { name: /^Retry delivery to \+1415555017/ }).count()).toBe(2);
    await call('DELETE', `/notification-rules/${onCall.id}`); // the later tests count the rules
  });

  it('lists rules and recipients, and names the bad field when a recipient is refused', async () => {
    expectedFailures = [/^400 POST \/api\/v1\/notification-recipients$/];
    await page.getByRole('link', { name: 'Rules', exact: true }).click();
    await page.getByRole('table', { name: 'Rules' }).getByText('Stockouts').waitFor();
    await page.getByRole('link', { name: 'Recipients', exact: true }).click();
    await page.getByRole('table', { name: 'Recipients' }).getByText('ERP').waitFor();
    await page.getByRole('button', { name: 'New recipient' }).click();
    await page.getByLabel('Name').fill('On-call phone');
    await page.getByLabel('Phone').fill('555-0100');
    await page.getByRole('button', { name: 'Create recipient' }).click();
    await page.getByText('must be a phone number in E.164 form').waitFor();
    await page.screenshot({ path: join(SHOTS, 'notifications-recipient-create.png') });
    await page.getByLabel('Phone').fill('+14155550100');
    await page.getByRole('button', { name: 'Create recipient' }).click();
    await page.getByRole('table', { name: 'Recipients' }).getByText('On-call phone').waitFor();
    await page.screenshot({ path: join(SHOTS, 'notifications-recipients.png'), fullPage: true });
  });

  describe('editing', () => {
    type Json = Record<string, unknown>;
    let night: Json;
    let opsLead: Json;
    let plantManager: Json;
    let rule: Json;
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
    /** a fresh load, so the lists show what the test seeded through the API */
    const visit = (path: string) => page.goto(`${base}/notifications/${path}`);
    const openRecipient = async (name: string) => {
      await visit('recipients');
      await page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
      const drawer = page.getByRole('dialog', { name });
      await drawer.waitFor();
      return drawer;
    };
    const openRule = async (name: string) => {
      await visit('rules');
      await page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Rule: ${name}` });
      await dialog.waitFor();
      return dialog;
    };
    /** the error under the control labelled `label` */
    const fieldError = (scope: ReturnType<Page['getByRole']>, label: string) => scope.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field__error');

    beforeAll(async () => {
      night = await call('POST', '/notification-recipients', { name: 'Night shift', email: 'night@example.com', phone: '+14155550111' });
      opsLead = await call('POST', '/notification-recipients', { name: 'Ops lead', email: 'ops.lead@example.com' });
      plantManager = await call('POST', '/notification-recipients', { name: 'Plant manager', email: 'plant@example.com' });
      rule = ((await call('GET', '/notification-rules')).items as Json[]).find((r) => r.name === 'Stockouts')!;
    });

    it("edits a recipient's time zone, quiet hours, severities per channel and digest, and the API keeps them", async () => {
      const drawer = await openRecipient('Night shift');
      expect(page.url()).toContain(`edit=${night.id}`);
      await drawer.getByLabel('Time zone').selectOption('Europe/Paris');
      await drawer.getByLabel('Hold alerts during quiet hours').check();
      await drawer.getByLabel('Quiet hours from').fill('22:30');
      await drawer.getByLabel('Quiet hours until').fill('06:15');
      await drawer.getByRole('checkbox', { name: 'email: Info' }).uncheck();
      await drawer.getByRole('checkbox', { name: 'sms: High' }).check();
      await drawer.getByRole('checkbox', { name: 'webhook: Warning' }).uncheck();
      await drawer.getByRole('button', { name: 'Daily' }).click();
      await drawer.getByLabel('Daily digest at').fill('07:45');
      await drawer.getByLabel('Active').uncheck();
      await shot('notifications-recipient-edit');
      await drawer.getByRole('button', { name: 'Save changes' }).click();
      await drawer.getByText('Saved.').waitFor();

      const saved = await call('GET', `/notification-recipients/${night.id}`);
      expect(saved).toMatchObject({
        timeZone: 'Europe/Paris',
        quietHours: { start: '22:30', end: '06:15' },
        digest: { period: 'daily', at: '07:45' },
        active: false,
        email: 'night@example.com',
        phone: '+14155550111',
        channelSeverities: { email: ['warning', 'high', 'critical'], sms: ['high', 'critical'], webhook: ['info', 'high', 'critical'], dashboard: ['info', 'warning', 'high', 'critical'] },
      });
      // the table says it too
      await drawer.getByRole('button', { name: 'Close' }).click();
      await drawer.waitFor({ state: 'detached' });
      const row = page.getByRole('table', { name: 'Recipients' }).getByRole('row').filter({ hasText: 'Night shift' });
      await row.getByText('Europe/Paris, quiet 22:30–06:15, digest daily at 07:45').waitFor();
      await row.getByText('Inactive').waitFor();
    });

    it('shows each field the API refused next to that field, and changes nothing', async () => {
      expectedFailures = [/^400 PATCH \/api\/v1\/notification-recipients\//];
      const drawer = await openRecipient('Night shift');
      await drawer.getByLabel('Phone').fill('555-0100');
      await drawer.getByLabel('Daily digest at').fill('');
      await drawer.getByRole('button', { name: 'Save changes' }).click();
      await fieldError(drawer, 'Phone').getByText('must be a phone number in E.164 form, e.g. +14155550100').waitFor();
      await drawer.getByRole('group', { name: 'Digest' }).locator('..').locator('.field__error').getByText('a daily digest needs `at` (HH:MM)').waitFor();
      // the errors sit by their fields, not in a banner
      expect(await drawer.getByText('The recipient was not saved').count()).toBe(0);
      await shot('notifications-recipient-field-errors');
      expect(await call('GET', `/notification-recipients/${night.id}`)).toMatchObject({ phone: '+14155550111', digest: { period: 'daily', at: '07:45' } });
      await drawer.getByRole('button', { name: 'Close' }).click();
    });

    it('sets a new webhook secret, shown before it is saved, and stores it sealed for the sender', async () => {
      const erp = ((await call('GET', '/notification-recipients?q=ERP')).items as Json[])[0]!;
      const drawer = await openRecipient('ERP');
      await drawer.getByRole('button', { name: 'Set a new secret' }).click();
      const input = drawer.getByLabel('Secret', { exact: true });
      const generated = await input.inputValue();
      expect(generated).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
      await drawer.getByRole('button', { name: 'Generate' }).click();
      const secret = await input.inputValue();
      expect(secret).not.toBe(generated);
      await input.scrollIntoViewIfNeeded();
      await shot('notifications-recipient-secret');
      await drawer.getByRole('button', { name: 'Save changes' }).click();
      await drawer.getByText('Webhook calls are signed with the new secret from now on.').waitFor();
      await drawer.getByRole('button', { name: 'Set a new secret' }).waitFor(); // not shown again
      const [row] = await t.db.query<{ webhook_secret: string }>('SELECT webhook_secret FROM notifications.recipients WHERE id = $1', [erp.id]);
      // kept sealed, and what the sender opens is the new secret
      expect(row!.webhook_secret).not.toContain(secret);
      expect(t.app.get(SecretBox).open(row!.webhook_secret, WEBHOOK_SECRET_PURPOSE)).toBe(secret);
      await drawer.getByRole('button', { name: 'Close' }).click();
    });

    it('sends a test message on a channel of the recipient and follows it until it is delivered', async () => {
      const drawer = await openRecipient('Night shift');
      const tests = drawer.getByRole('region', { name: 'Test message' });
      expect(await tests.getByRole('button').allTextContents()).toEqual(['Send a test email', 'Send a test SMS']);
      await tests.getByRole('button', { name: 'Send a test SMS' }).click();
      const result = tests.getByRole('status');
      await result.getByText('delivered', { exact: true }).waitFor();
      expect(await result.textContent()).toContain('Test SMS to +14155550111');
      await shot('notifications-recipient-test');
      const log = (await call('GET', '/notification-messages?channel=sms')).items as Json[];
      expect(log[0]).toMatchObject({ address: '+14155550111' });
      expect(String(log[0]!.text)).toContain('Stockpulse test message from admin@test.local');
      await drawer.getByRole('button', { name: 'Close' }).click();
    });

    it('edits a rule: every field, and two escalation tiers put in order', async () => {
      expectedFailures = [/^400 PATCH \/api\/v1\/notification-rules\//];
      const dialog = await openRule('Stockouts');
      await dialog.getByLabel('Name', { exact: true }).fill('Stockouts and criticals');
      await dialog.getByRole('checkbox', { name: 'Critical' }).first().check(); // severity
      await dialog.getByRole('checkbox', { name: 'Below reorder point' }).check();
      await dialog.getByLabel('Locations').fill('ST-NYC');
      await dialog.getByLabel('Locations').press('Enter');
      await dialog.getByRole('checkbox', { name: 'sms' }).check();
      await dialog.getByRole('button', { name: 'Remove buyer@example.com from Recipients' }).click();
      await dialog.getByLabel('Add a role to Recipients').selectOption('planner');

      // an empty tier is refused, and the reason shows in that tier
      await dialog.getByRole('button', { name: 'Add a tier' }).click();
      await dialog.getByRole('button', { name: 'Save rule' }).click();
      await dialog.locator('.tier').first().getByText('must name at least one recipient').waitFor();

      await dialog.getByLabel('Find a recipient for Tier 1').fill('ops');
      await dialog.getByRole('button', { name: 'Add Ops lead to Tier 1' }).click();
      await dialog.getByRole('button', { name: 'Add a tier' }).click();
      await dialog.getByLabel('Add a role to Tier 2').selectOption('admin');
      await dialog.getByLabel('Find a recipient for Tier 2').fill('plant');
      await dialog.getByRole('button', { name: 'Add Plant manager to Tier 2' }).click();
      await dialog.getByRole('button', { name: 'Move tier 2 up' }).click();
      const tiers = dialog.getByRole('list', { name: 'Escalation tiers' });
      await tiers.getByRole('list', { name: 'Tier 1' }).getByText('Plant manager').waitFor();
      await tiers.getByRole('list', { name: 'Tier 2' }).getByText('Ops lead').waitFor();
      await dialog.getByText('every 30 minutes').waitFor(); // the alert settings' escalateAfterMinutes
      await shot('notifications-rule-edit');
      await dialog.getByRole('button', { name: 'Save rule' }).click();
      await dialog.waitFor({ state: 'detached' });

      const saved = await call('GET', `/notification-rules/${rule.id}`);
      expect(saved).toMatchObject({
        name: 'Stockouts and criticals',
        severities: ['critical'],
        kinds: ['below_reorder_point', 'stockout'],
        locations: ['ST-NYC'],
        channels: ['email', 'sms', 'webhook'],
        escalation: [{ recipients: [{ role: 'admin' }, { recipientId: plantManager.id }] }, { recipients: [{ recipientId: opsLead.id }] }],
      });
      expect(saved.recipients).toEqual([{ recipientId: (rule.recipients as Json[])[1]!.recipientId }, { role: 'planner' }]);
      await page.getByRole('table', { name: 'Rules' }).getByText('2 + 2 escalation tiers').waitFor();
    });

    it('refuses to delete a recipient a rule names, and says which rule', async () => {
      expectedFailures = [/^409 DELETE \/api\/v1\/notification-recipients\//];
      const drawer = await openRecipient('Ops lead');
      page.once('dialog', (d) => void d.accept());
      await drawer.getByRole('button', { name: 'Delete recipient' }).click();
      const banner = drawer.getByRole('alert').filter({ hasText: 'The recipient is still named by a rule' });
      await banner.getByText(/is named by rule\(s\) Stockouts and criticals; remove it from them first/).waitFor();
      await shot('notifications-recipient-in-use');
      await call('GET', `/notification-recipients/${opsLead.id}`); // still there
      await drawer.getByRole('button', { name: 'Close' }).click();
    });

    it('deletes a rule once confirmed; then its recipients can go', async () => {
      let dialog = await openRule('Stockouts and criticals');
      page.once('dialog', (d) => void d.dismiss());
      await dialog.getByRole('button', { name: 'Delete rule' }).click();
      await dialog.getByRole('button', { name: 'Save rule' }).waitFor(); // not deleted
      await call('GET', `/notification-rules/${rule.id}`);

      page.once('dialog', (d) => void d.accept());
      await dialog.getByRole('button', { name: 'Delete rule' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('table', { name: 'Rules' }).getByText('No rules').waitFor();
      await expect(call('GET', `/notification-rules/${rule.id}`)).rejects.toThrow(/404/);

      const drawer = await openRecipient('Ops lead');
      page.once('dialog', (d) => void d.accept());
      await drawer.getByRole('button', { name: 'Delete recipient' }).click();
      await drawer.waitFor({ state: 'detached' });
      await page.getByRole('table', { name: 'Recipients' }).getByText('Ops lead').waitFor({ state: 'detached' });
      dialog = page.getByRole('dialog');
      expect(await dialog.count()).toBe(0);
    });

    it('shows the addresses a provider refused for good, with what lifts the suppression', async () => {
      const receiver = new TestWebhookReceiver(verify);
      const url = await receiver.start();
      try {
        const gone = await call('POST', '/notification-recipients', { name: 'Old ERP', webhookUrl: `${url}/gone`, webhookSecret: SECRET });
        await call('POST', '/notification-rules', { name: 'To the old ERP', channels: ['webhook'], recipients: [{ recipientId: gone.id }] });
        const alert = testAlert();
        await t.db.transaction((em) => t.app.get(Outbox).write(em, 'alerts.alert-opened', { alert, escalationStep: 0 }));
        await eventually(async () => ((await call('GET', `/deliveries?alert=${alert.id}&status=rejected`)).items as unknown[]).length === 1, 30_000);

        const drawer = await openRecipient('Old ERP');
        const section = drawer.getByRole('region', { name: 'Suppressed addresses' });
        await section.getByText(`${url}/gone`).waitFor();
        await section.getByText('A provider refused these addresses for good').waitFor();
        await section.getByRole('cell', { name: 'webhook' }).waitFor();
        await section.scrollIntoViewIfNeeded();
        await shot('notifications-recipient-suppressed');
        await section.getByRole('link', { name: 'delivery log' }).click();
        await page.waitForURL(new RegExp(`/notifications/deliveries\\?recipient=${gone.id}`));
        await page.getByRole('table', { name: 'Deliveries' }).getByText('rejected', { exact: true }).waitFor();
      } finally {
        await receiver.stop();
      }
    });
  });
});
