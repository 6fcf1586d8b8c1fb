import { ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import type { Delivery } from '@stockpulse/contracts';
import { Outbox } from '../../shared/outbox/outbox';
import { loginAsAdmin } from '../../shared/testing/auth';
import { eventually, testAlert, TestSmtpServer } from '../../shared/testing/notification-peers';
import { createTestApp, resetDatabase, TestApp } from '../../shared/testing/test-app';
import { TEST_REDIS_URL, workerDatabaseUrl, workerRedisPrefix } from '../../shared/testing/test-env';

const ROOT = join(__dirname, '../../../../..');

/**
 * A real worker process killed (SIGKILL) while it holds a delivery mid-send: another worker, started after,
 * sends it once the lease has expired, and only once.
 */
describe('a worker process killed mid-send (BullMQ)', () => {
  const smtp = new TestSmtpServer();
  let smtpUrl: string;
  let t: TestApp;
  const workers: ChildProcess[] = [];

  const log = () => (process.env.CRASH_TEST_LOG ? openSync(process.env.CRASH_TEST_LOG, 'a') : 'ignore');
  const startWorker = () => {
    const child = spawn(process.execPath, ['-r', './scripts/swc-register.cjs', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        APP_ROLE: 'worker',
        DATABASE_URL: workerDatabaseUrl(),
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: workerRedisPrefix(),
        SMTP_URL: smtpUrl,
        NOTIFY_SEND_TIMEOUT_MS: '2000',
        DEMO_DATA: 'false',
        ADMIN_EMAIL: 'admin@test.local',
        ADMIN_PASSWORD: 'admin-password-1',
        LOG_LEVEL: process.env.CRASH_TEST_LOG ? 'info' : 'silent',
        DB_POOL_SIZE: '4',
      },
      // CRASH_TEST_LOG=<file> keeps the workers' logs
      stdio: ['ignore', log(), log()],
    });
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    smtpUrl = await smtp.start();
    // this process serves HTTP only: every job runs in the worker processes
    t = await createTestApp({ queue: 'bullmq', env: { APP_ROLE: 'api', SMTP_URL: smtpUrl } });
    await resetDatabase(t.db);
  });
  afterAll(async () => {
    workers.forEach((w) => w.exitCode === null && w.kill('SIGKILL'));
    await t.close();
    await smtp.stop();
  });

  it('loses nothing and sends nothing twice', async () => {
    const admin = await loginAsAdmin(t);
    await admin.agent.post('/api/v1/notification-rules').send({ name: 'r', channels: ['email'], recipients: [{ email: 'ops@example.com' }] }).expect(201);
    smtp.behaviours.set('ops@example.com', 'hang');
    const first = startWorker();
    const alert = testAlert();
    await t.db.transaction((em) => t.app.get(Outbox).write(em, 'alerts.alert-opened', { alert, escalationStep: 0 }));
    const row = async (): Promise<Delivery | undefined> => (await admin.agent.get(`/api/v1/deliveries?alert=${alert.id}`).expect(200)).body.items[0];
    await eventually(async () => smtp.hanging === 1 && (await row())?.status === 'sending', 60_000, 'the worker sending');

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    smtp.behaviours.clear();
    expect((await row())!.status).toBe('sending'); // still owed, in Postgres

    startWorker(); // its reconciler finds the expired lease (2 x 2 s + 5 s) and sends again
    await eventually(async () => (await row())?.status === 'delivered', 60_000, 'delivered by the second worker');
    expect(smtp.to('ops@example.com')).toHaveLength(1);
    expect((await row())!.attempts).toBe(2);
    await new Promise((r) => setTimeout(r, 2000)); // a stalled BullMQ job of the dead worker may still run: it must be a no-op
    expect(smtp.to('ops@example.com')).toHaveLength(1);
  }, 150_000);
});
