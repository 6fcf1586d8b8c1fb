import { createServer } from 'node:net';
import request from 'supertest';
import { QUEUE_DRIVER, QueueDriver } from '../../src/shared/queue/job-queue.port';
import { createPlatformTestApp, PlatformTestApp } from '../../src/shared/testing/platform-test-app';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe.each(['in-process', 'bullmq'] as const)('GET /health and GET /metrics (%s queue)', (queue) => {
  let t: PlatformTestApp;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    t = await createPlatformTestApp({ queue, env: { METRICS_PORT: String(metricsPort) } });
  });
  afterAll(() => t.close());

  it('reports ok with the database, the queue and the workers, without credentials', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      checks: {
        database: { status: 'ok', embedded: false },
        queue: { status: 'ok', driver: queue },
        workers: { status: 'ok', role: 'all' },
      },
    });
    expect(res.body.checks.workers.queues).toEqual(expect.arrayContaining(['default', 'imports', 'events']));
  });

  it('refuses /metrics without credentials (401) and without the admin scope (403)', async () => {
    const anonymous = await t.http().get('/metrics').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    await t.http().get('/metrics').set('Authorization', 'Bearer reader-token').expect(403);
  });

  it('serves Prometheus text to an admin, with request timings by route template', async () => {
    await t.http().get('/health').expect(200);
    const res = await t.http().get('/metrics').set('Authorization', 'Bearer admin-token').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/);
    expect(res.text).toMatch(/stockpulse_queue_depth\{queue="default",state="waiting"\} \d+/);
    expect(res.text).toMatch(/stockpulse_outbox_pending \d+/);
    expect(res.text).toMatch(/stockpulse_outbox_oldest_pending_age_seconds \d+/);
    expect(res.text).toContain('stockpulse_jobs_total');
  });

  it('serves /metrics without authentication on the internal metrics port, and nothing else there', async () => {
    const internal = request(`http://127.0.0.1:${metricsPort}`);
    const res = await internal.get('/metrics').expect(200);
    expect(res.text).toContain('http_request_duration_seconds');
    await internal.get('/health').expect(404);
  });
});

describe('GET /health when a dependency fails', () => {
  it('answers 503 naming the failing checks once the queue has stopped', async () => {
    const t = await createPlatformTestApp();
    try {
      await (t.app.get(QUEUE_DRIVER) as QueueDriver & { close(ms: number): Promise<void> }).close(0);
      const res = await t.http().get('/health').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.checks.database.status).toBe('ok');
      expect(res.body.checks.queue).toMatchObject({ status: 'error', reason: expect.any(String) });
      expect(res.body.checks.workers).toMatchObject({ status: 'error' });
    } finally {
      await t.close();
    }
  });

  it('answers 503 when Redis does not answer', async () => {
    const t = await createPlatformTestApp({ queue: 'bullmq' });
    const driver = t.app.get(QUEUE_DRIVER) as { connection: { disconnect(): void } };
    try {
      driver.connection.disconnect();
      const res = await t.http().get('/health').expect(503);
      expect(res.body.checks.queue).toMatchObject({ status: 'error', driver: 'bullmq' });
    } finally {
      await t.close();
    }
  });

  it('reports no workers for APP_ROLE=api, and is still ready', async () => {
    const t = await createPlatformTestApp({ queue: 'bullmq', env: { APP_ROLE: 'api' } });
    try {
      const res = await t.http().get('/health').expect(200);
      expect(res.body.checks.workers).toMatchObject({ status: 'ok', role: 'api', queues: [] });
    } finally {
      await t.close();
    }
  });
});
