import { SecretBox } from '../../shared/crypto';
import { Outbox } from '../../shared/outbox/outbox';
import { loginAsAdmin } from '../../shared/testing/auth';
import { eventually, testAlert, TestWebhookReceiver } from '../../shared/testing/notification-peers';
import { createTestApp, resetDatabase, TestApp } from '../../shared/testing/test-app';
import { ResealWebhookSecretsUseCase } from './application/reseal-webhook-secrets/reseal-webhook-secrets.use-case';
import { verifyWebhook } from './domain/webhook-signature';

const OLD_KEY = 'the-key-before-the-rotation-0123456789';
const NEW_KEY = 'the-key-after-the-rotation-01234567890';
const SEALED_SECRET = 'whsec_sealed_by_the_api_0123456789';
const LEGACY_SECRET = 'whsec_stored_in_clear_before_0123';

/**
 * Webhook secrets are sealed in Postgres (the HMAC needs them back, so they cannot be hashed): the API seals what
 * it stores, a start re-seals what is in clear or under the previous key, and webhooks are still signed with them.
 */
describe('webhook secrets at rest (sealed with SECRET_KEY, rotated with SECRET_KEY_PREVIOUS)', () => {
  const secrets = [SEALED_SECRET, LEGACY_SECRET];
  const hook = new TestWebhookReceiver((header, raw) => {
    const verdicts = secrets.map((s) => verifyWebhook(s, header, raw, Math.floor(Date.now() / 1000)));
    return verdicts.find((v) => v.ok) ?? verdicts[0];
  });
  let hookUrl: string;
  let apps: TestApp[] = [];
  const boot = async (env: Record<string, string>) => {
    const t = await createTestApp({ env: { PUBLIC_URL: 'https://stock.example.com', ...env } });
    apps.push(t);
    return t;
  };
  const stored = async (t: TestApp) =>
    (await t.db.query(`SELECT name, webhook_secret FROM notifications.recipients ORDER BY name`)) as { name: string; webhook_secret: string }[];

  beforeAll(async () => {
    hookUrl = await hook.start();
  });
  afterEach(async () => {
    await Promise.all(apps.map((t) => t.close()));
    apps = [];
  });
  afterAll(() => hook.stop());

  it('stores no secret in clear; after a key rotation every secret is sealed with the new key and still signs', async () => {
    const before = await boot({ SECRET_KEY: OLD_KEY });
    await resetDatabase(before.db);
    const admin = await loginAsAdmin(before);
    const erp = (await admin.agent.post('/api/v1/notification-recipients').send({ name: 'ERP', webhookUrl: `${hookUrl}/erp`, webhookSecret: SEALED_SECRET }).expect(201)).body;
    const legacy = (await admin.agent.post('/api/v1/notification-recipients').send({ name: 'Legacy', webhookUrl: `${hookUrl}/legacy` }).expect(201)).body;
    await admin.agent
      .post('/api/v1/notification-rules')
      .send({ name: 'machines', channels: ['webhook'], recipients: [{ recipientId: erp.id }, { recipientId: legacy.id }] })
      .expect(201);
    const [erpRow] = await stored(before);
    expect(erpRow.webhook_secret).toMatch(/^sb1\./);
    expect(erpRow.webhook_secret).not.toContain(SEALED_SECRET);
    // a row as a version before sealing left it
    await before.db.query(`UPDATE notifications.recipients SET webhook_secret = $1 WHERE id = $2`, [LEGACY_SECRET, legacy.id]);
    await before.close();
    apps = [];

    const after = await boot({ SECRET_KEY: NEW_KEY, SECRET_KEY_PREVIOUS: OLD_KEY });
    const rows = await stored(after);
    const prefix = new SecretBox(NEW_KEY).currentPrefix;
    expect(rows.map((r) => r.webhook_secret.startsWith(prefix))).toEqual([true, true]);
    expect(rows.some((r) => r.webhook_secret.includes(LEGACY_SECRET))).toBe(false);

    const alert = testAlert();
    await after.db.transaction((em) => after.app.get(Outbox).write(em, 'alerts.alert-opened', { alert, escalationStep: 0 }));
    await eventually(async () => hook.accepted.length === 2);
    expect(hook.accepted.map((h) => h.path).sort()).toEqual(['/erp', '/legacy']);
    expect(hook.refused).toEqual([]);
  });

  it('names the recipients whose secret no key opens, and leaves them as they are', async () => {
    const first = await boot({ SECRET_KEY: OLD_KEY });
    await resetDatabase(first.db);
    const admin = await loginAsAdmin(first);
    const erp = (await admin.agent.post('/api/v1/notification-recipients').send({ name: 'ERP', webhookUrl: `${hookUrl}/erp` }).expect(201)).body;
    await first.close();
    apps = [];

    const lost = await boot({ SECRET_KEY: NEW_KEY });
    const [row] = await stored(lost);
    expect(await lost.app.get(ResealWebhookSecretsUseCase).execute()).toEqual({ resealed: 0, unreadable: [erp.id] });
    expect((await stored(lost))[0].webhook_secret).toBe(row.webhook_secret);
  });
});
