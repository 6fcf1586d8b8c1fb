import 'reflect-metadata';
import { INestApplication, Module, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Request } from 'express';
import Redis from 'ioredis';
import request from 'supertest';
import { SCOPES, type Scope } from '@stockpulse/contracts';
import { AppConfig, loadConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import { PlatformModule } from '../../modules/platform/platform.module';
import { Database, DatabaseModule } from '../database';
import { AUTHENTICATOR, AuthGuard, Authenticator } from '../http/auth';
import { configureHttp } from '../http/configure-http';
import { ProblemFilter } from '../http/problem.filter';
import { Principal } from '../http/request-context';
import { createRootLogger } from '../logger';
import { OutboxModule } from '../outbox/outbox.module';
import { EventSubscriptions, OUTBOX_SUBSCRIPTIONS } from '../outbox/outbox-relay';
import { JOB_CATALOGUE, JobCatalogue } from '../queue/job-catalogue';
import { QueueModule } from '../queue/queue.module';
import { TEST_REDIS_URL, workerDatabaseUrl, workerRedisPrefix } from './test-env';

/** Bearer tokens the platform test app understands, in place of the identity context's sessions and API keys. */
export const TEST_TOKENS: Record<string, Principal> = {
  'admin-token': { kind: 'api-key', id: '00000000-0000-4000-8000-000000000001', name: 'admin key', scopes: new Set<Scope>(['admin']) },
  'other-admin-token': { kind: 'api-key', id: '00000000-0000-4000-8000-000000000002', name: 'other key', scopes: new Set<Scope>(['admin']) },
  'reader-token': {
    kind: 'api-key',
    id: '00000000-0000-4000-8000-000000000003',
    name: 'reader key',
    scopes: new Set<Scope>(SCOPES.filter((s) => s !== 'admin')),
  },
};

const tokenAuthenticator: Authenticator = {
  authenticate: async (req: Request) => TEST_TOKENS[req.header('authorization')?.replace(/^Bearer /, '') ?? ''] ?? null,
};

export interface PlatformTestAppOptions {
  queue?: 'in-process' | 'bullmq';
  /** the job catalogue (default: a fake one with only the platform's own job, plus `jobs`) */
  jobs?: JobCatalogue;
  /** @JobHandler providers and anything else the test needs */
  providers?: Provider[];
  controllers?: Type[];
  subscriptions?: EventSubscriptions;
  env?: Record<string, string>;
}

export interface PlatformTestApp {
  app: INestApplication;
  config: AppConfig;
  db: Database;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * The kernel without the business contexts: config, database, queue, outbox and the platform module, with a
 * token authenticator, so that the platform can be tested over HTTP on its own (real Postgres, real Redis).
 */
export async function createPlatformTestApp(options: PlatformTestAppOptions = {}): Promise<PlatformTestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: workerDatabaseUrl(),
    ...(options.queue === 'bullmq' ? { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `${workerRedisPrefix()}-platform` } : {}),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DB_POOL_SIZE: '10',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...options.env,
  });
  const catalogue: JobCatalogue = {
    'platform.purge-expired-records': JOB_CATALOGUE['platform.purge-expired-records'],
    ...options.jobs,
  };

  @Module({ controllers: options.controllers ?? [], providers: options.providers ?? [] })
  class TestFeatureModule {}

  let builder = Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot(),
      QueueModule.forRoot({ catalogue }),
      OutboxModule,
      PlatformModule,
      TestFeatureModule,
    ],
    providers: [
      { provide: AUTHENTICATOR, useValue: tokenAuthenticator },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemFilter },
    ],
  });
  if (options.subscriptions) builder = builder.overrideProvider(OUTBOX_SUBSCRIPTIONS).useValue(options.subscriptions);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureHttp(app, config, createRootLogger(config.logLevel));
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  const close = async () => {
    await app.close();
    if (config.redisUrl) await deleteRedisKeys(config.redisUrl, config.redisPrefix);
  };
  return { app, config, db: app.get(Database), http: () => request(server), close };
}

/** Deletes every Redis key under a prefix (a test's queues). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
