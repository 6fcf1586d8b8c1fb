/**
 * Notification latency benchmark: an `alerts.alert-opened` event written to the outbox -> the email accepted by an
 * SMTP server, at a steady rate, on Postgres + BullMQ; prints p50, p90, p99 and the max.
 *
 *   npm run bench:notify
 *
 * Boots the whole API in this process (APP_ROLE=all) against BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/stockpulse_bench_ntf, created if missing) and REDIS_URL (default
 * redis://127.0.0.1:6379, prefix bench-ntf), with SMTP_URL pointing at an SMTP server in this process. One
 * routing rule sends every alert by email; BENCH_RATE alerts per second (default 100), each in its own
 * transaction as the alerts context writes them, for BENCH_SECONDS (default 20).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { AppModule } from '../apps/api/src/app.module';
import { loadConfig } from '../apps/api/src/config/app-config';
import { Database } from '../apps/api/src/shared/database';
import { Outbox } from '../apps/api/src/shared/outbox/outbox';
import { testAlert, TestSmtpServer } from '../apps/api/src/shared/testing/notification-peers';
import { ensureDatabase, env, percentile } from './bench-support';

const DATABASE_URL = env('BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/stockpulse_bench_ntf');
const REDIS_URL = env('REDIS_URL', 'redis://127.0.0.1:6379');
const PREFIX = env('REDIS_PREFIX', 'bench-ntf');
const RATE = Number(env('BENCH_RATE', '100'));
const SECONDS = Number(env('BENCH_SECONDS', '20'));

async function flushPrefix(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  await flushPrefix();
  const smtp = new TestSmtpServer(false);
  const smtpUrl = await smtp.start();
  const config = loadConfig({
    DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX: PREFIX,
    SMTP_URL: smtpUrl,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: 'bench@stockpulse.local',
    ADMIN_PASSWORD: 'bench-password-1',
    NOTIFY_EMAIL_PER_MINUTE: '100000',
    PUBLIC_URL: 'http://localhost:3000',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  const db = app.get(Database);
  const outbox = app.get(Outbox);
  await db.query(`TRUNCATE notifications.rules, notifications.recipients, notifications.deliveries, notifications.message_log, notifications.suppressions, notifications.digest_items CASCADE`);
  await db.transaction(async (em) => {
    const [r] = await em.query(`INSERT INTO notifications.recipients (name, email) VALUES ('Bench buyer', 'bench@example.com') RETURNING id`);
    await em.query(`INSERT INTO notifications.rules (name, channels, recipients) VALUES ('bench', '{email}', $1::jsonb)`, [JSON.stringify([{ recipientId: r.id }])]);
  });

  const writtenAt = new Map<string, number>();
  const total = RATE * SECONDS;
  console.log(`bench:notify: ${total} alerts at ${RATE}/s over ${SECONDS} s, Postgres ${new URL(DATABASE_URL).pathname.slice(1)}, BullMQ prefix ${PREFIX}`);
  const started = Date.now();
  const writes: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const alert = testAlert({ sku: `SKU-B${String(i).padStart(6, '0')}` });
    writtenAt.set(alert.id, Date.now());
    writes.push(db.transaction((em) => outbox.write(em, 'alerts.alert-opened', { alert, escalationStep: 0 })));
  }
  await Promise.all(writes);
  const deadline = Date.now() + 60_000;
  while (smtp.received.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

  const latencies = smtp.received
    .map((m) => {
      const id = /\/alerts\/([0-9a-f-]{36})/.exec(m.text.replace(/=\r?\n/g, ''))?.[1];
      return id && writtenAt.has(id) ? m.at - writtenAt.get(id)! : NaN;
    })
    .filter((n) => !Number.isNaN(n))
    .sort((a, b) => a - b);
  const [{ n: duplicates }] = await db.query(`SELECT count(*) - count(DISTINCT alert_id) AS n FROM notifications.deliveries`);
  console.log(`accepted by SMTP: ${latencies.length}/${total} (duplicate deliveries: ${duplicates})`);
  if (latencies.length) {
    console.log(
      `latency outbox write -> SMTP accepted: p50 ${percentile(latencies, 50)} ms, p90 ${percentile(latencies, 90)} ms, ` +
        `p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms`,
    );
  }
  await app.close();
  await smtp.stop();
  await flushPrefix();
  process.exit(latencies.length === total ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
