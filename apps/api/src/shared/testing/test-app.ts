import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { Role } from '@stockpulse/contracts';
import { AppModule } from '../../app.module';
import { BootstrapAdminService } from '../../modules/identity';
import { AppConfig, loadConfig } from '../../config/app-config';
import { Database } from '../database';
import { configureHttp } from '../http/configure-http';
import { createRootLogger } from '../logger';
import { TEST_REDIS_URL, TEST_SECRET_KEY, workerDatabaseUrl, workerRedisPrefix } from './test-env';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: Database;
  /** an unauthenticated supertest client */
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** 'in-process' (default) or 'bullmq' against the local Redis */
  queue?: 'in-process' | 'bullmq';
  env?: Record<string, string>;
  /**
   * Start from empty tables (and the bootstrap admin): the suites of one jest worker share its database, so a suite
   * that seeds fixed codes must not meet what an earlier suite left there.
   */
  fresh?: boolean;
}

/** Boots the whole application against this worker's test database, listening on an ephemeral port. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: workerDatabaseUrl(),
    ...(options.queue === 'bullmq' ? { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: workerRedisPrefix() } : {}),
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_EMAIL: 'admin@test.local',
    ADMIN_PASSWORD: 'admin-password-1',
    DB_POOL_SIZE: '10',
    SECRET_KEY: TEST_SECRET_KEY,
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureHttp(app, config, createRootLogger(config.logLevel));
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  if (options.fresh) {
    await resetDatabase(app.get(Database));
    await app.get(BootstrapAdminService).ensureAdmin();
  }
  return {
    app,
    config,
    db: app.get(Database),
    http: () => request(server),
    close: () => app.close(),
  };
}

/** Empties every context's tables (keeps the migrations table), for a clean slate between tests. */
export async function resetDatabase(db: Database): Promise<void> {
  const rows = await db.query<{ t: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables
     WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'public')`,
  );
  if (rows.length) await db.query(`TRUNCATE ${rows.map((r) => r.t).join(', ')} RESTART IDENTITY CASCADE`);
}

export const TEST_PASSWORD = 'test-password-1';
export type { Role };
