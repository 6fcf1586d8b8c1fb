/**
 * Where tests find Postgres and Redis. DATABASE_URL and REDIS_URL default to the local servers; every jest
 * worker gets its own database `<name>_w<worker>` (the name must contain `test`, so a test can never wipe a
 * real database) and its own Redis key prefix.
 */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stockpulse_test';
/** Seals the webhook secrets of every test process alike (an app in the test, or a worker it spawns). */
export const TEST_SECRET_KEY = 'test-secret-key-that-is-long-enough-1234';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const MAX_TEST_WORKERS = 4;

export function workerId(): number {
  return Number(process.env.JEST_WORKER_ID ?? '1');
}

export function workerDatabaseUrl(id = workerId()): string {
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.replace(/^\//, '');
  if (!name.includes('test')) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
  url.pathname = `/${name}_w${id}`;
  return url.toString();
}

export function workerRedisPrefix(id = workerId()): string {
  const db = new URL(TEST_DATABASE_URL).pathname.slice(1);
  return `sp-${db}-w${id}`;
}
