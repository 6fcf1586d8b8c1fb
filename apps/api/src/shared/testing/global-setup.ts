import 'reflect-metadata';
import { Client } from 'pg';
import Redis from 'ioredis';
import { createDataSource, migrate } from '../database/data-source';
import { MAX_TEST_WORKERS, TEST_DATABASE_URL, TEST_REDIS_URL, workerDatabaseUrl } from './test-env';

/**
 * Once per `jest` run: checks Postgres and Redis answer (with the fix when one does not), creates a fresh
 * database per worker and migrates it.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `Postgres is not reachable at ${admin.host} (${(e as Error).message}).\n` +
        `Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
        `or point DATABASE_URL at a Postgres 15+ server whose database name contains "test".`,
      { cause: e },
    );
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (${(e as Error).message}).\n` +
        `Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n` +
        `or point REDIS_URL at a Redis 7 server.`,
      { cause: e },
    );
  } finally {
    redis.disconnect();
  }
  try {
    for (let id = 1; id <= MAX_TEST_WORKERS; id++) {
      const url = new URL(workerDatabaseUrl(id));
      const name = url.pathname.slice(1);
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}"`);
      const ds = createDataSource({ database: { url: url.toString(), dataDir: '', poolSize: 2 } });
      await ds.initialize();
      await migrate(ds);
      await ds.destroy();
    }
  } finally {
    await client.end();
  }
}
