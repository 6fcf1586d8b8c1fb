import { ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import type { Delivery } from '@stockpulse/contracts';
import { Outbox } from '../../shared/outbox/outbox';
import { loginAsAdmin } from '../../shared/testing/auth';
import { eventually, testAlert, TestSmtpServer, TestTwilioServer } from '../../shared/testing/notification-peers';
import { createTestApp, resetDatabase, TestApp } from '../../shared/testing/test-app';
import { TEST_REDIS_URL, TEST_SECRET_KEY, workerDatabaseUrl, workerRedisPrefix } from '../../shared/testing/test-env';

const ROOT = join(__dirname, '../../../../..');

/**
 * A real worker process killed (SIGKILL) while it holds a delivery mid-send: another worker, started after,
 * sends an email once the lease has expired, and only once; an SMS the dead worker handed to Twilio is settled
 * by a lookup in Twilio's message log, never texted twice.
 */
describe('a worker process killed mid-send (BullMQ)', () => {
  const smtp = new TestSmtpServer();
  const twilio = new TestTwilioServer();
  let smtpUrl: string;
  let twilioUrl: string;
  let t: TestApp;
  const workers: ChildProcess[] = [];
  const kill = async (w: ChildProcess) => {
    if (w.exitCode !== null || w.signalCode !== null) return;
    w.kill('SIGKILL');
    await new Promise((r) => w.once('exit', r));
  };

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
        ...twilio.env(twilioUrl),
        SECRET_KEY: TEST_SECRET_KEY,
        NOTIFY_SEND_TIMEOUT_MS: '2000',
        NOTIFY_SMS_LOOKUP_AFTER_MS: '1000',
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

  /**
   * One alert to one recipient (a rule), taken by a first worker that is SIGKILLed while its peer leaves the send
   * unanswered (`hanging`); returns how to read the delivery.
   */
  const killedMidSend = async (target: object, hanging: () => boolean) => {
    const admin = await loginAsAdmin(t);
    const channel = 'phone' in target ? 'sms' : 'email';
    await admin.agent.post('/api/v1/notification-rules').send({ name: 'r', channels: [channel], recipients: [target] }).expect(201);
    const first = startWorker();
    const alert = testAlert();
    await t.db.transaction((em) => t.app.get(Outbox).write(em, 'alerts.alert-opened', { alert, escalationStep: 0 }));
    const row = async (): Promise<Delivery | undefined> => (await admin.agent.get(`/api/v1/deliveries?alert=${alert.id}`).expect(200)).body.items[0];
    await eventually(async () => hanging() && (await row())?.status === 'sending', 60_000, 'the worker sending');
    await kill(first);
    return row;
  };

  beforeAll(async () => {
    smtpUrl = await smtp.start();
    twilioUrl = await twilio.start();
    // this process serves HTTP only: every job runs in the worker processes
    t = await createTestApp({ queue: 'bullmq', env: { APP_ROLE: 'api', SMTP_URL: smtpUrl } });
  });
  beforeEach(() => resetDatabase(t.db));
  afterEach(() => Promise.all(workers.map(kill)));
  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.stop(), twilio.stop()]);
  });

  it('loses nothing and sends nothing twice', async () => {
    smtp.behaviours.set('ops@example.com', 'hang');
    const row = await killedMidSend({ email: 'ops@example.com' }, () => smtp.hanging === 1);
    smtp.behaviours.clear();
    expect((await row())!.status).toBe('sending'); // still owed, in Postgres

    startWorker(); // its reconciler finds the expired lease (2 x 2 s + 5 s) and sends again
    await eventually(async () => (await row())?.status === 'delivered', 60_000, 'delivered by the second worker');
    expect(smtp.to('ops@example.com')).toHaveLength(1);
    expect((await row())!.attempts).toBe(2);
    await new Promise((r) => setTimeout(r, 2000)); // a stalled BullMQ job of the dead worker may still run: it must be a no-op
    expect(smtp.to('ops@example.com')).toHaveLength(1);
  }, 150_000);

  it('settles an SMS the killed worker had handed to Twilio by a lookup: delivered with its SID, texted once', async () => {
    twilio.behave('+14155550150', 'hang-after-send');
    const row = await killedMidSend({ phone: '+14155550150' }, () => twilio.hanging === 1);
    twilio.behaviours.clear();
    expect(twilio.to('+14155550150')).toHaveLength(1); // the phone has it; the worker never learnt so

    // the second worker's reconciler takes the expired lease (2 x 2 s + 5 s): unknown, then looked up at Twilio
    startWorker();
    await eventually(async () => (await row())?.status === 'delivered', 90_000, 'delivered after a lookup');
    const d = (await row())!;
    expect(d).toMatchObject({ providerId: twilio.received[0].sid, attempts: 1, lookups: 1 });
    expect(d.lastError).toMatch(/found in Twilio's message log.*worker sending it stopped/);
    await new Promise((r) => setTimeout(r, 2000));
    expect(twilio.to('+14155550150')).toHaveLength(1);
    expect(twilio.requests).toBe(1);
  }, 150_000);
});
