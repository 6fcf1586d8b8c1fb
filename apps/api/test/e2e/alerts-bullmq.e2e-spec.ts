import type { Alert } from '@stockpulse/contracts';
import { createApiKey, loginAs } from '../../src/shared/testing/auth';
import { TestApp, createTestApp, resetDatabase } from '../../src/shared/testing/test-app';
import { alertsOf, move, setUpPairAndSettle, waitFor } from './alerts-helpers';

/**
 * The production path: BullMQ on Redis. A sale posted to one process is evaluated by its workers, and the alert
 * reaches the server-sent event clients of another process (APP_ROLE=api, no workers) through Redis pub/sub.
 */
describe('alerts on BullMQ, across processes', () => {
  let worker: TestApp;
  let api: TestApp;

  beforeAll(async () => {
    worker = await createTestApp({ queue: 'bullmq' });
    await resetDatabase(worker.db);
    api = await createTestApp({ queue: 'bullmq', env: { APP_ROLE: 'api' } });
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  it('a sale posted to one process opens the alert, and another process streams it', async () => {
    const planner = (await loginAs(worker, 'planner')).agent;
    const erp = (await createApiKey(worker, ['inventory:write'])).agent;
    await setUpPairAndSettle(worker, planner, 'BQ', 'WH-Q', { min: 50, max: 200, safetyStock: 5 });
    await move(erp, [{ sku: 'BQ', location: 'WH-Q', type: 'receipt', quantity: 80 }]);

    const session = await loginAs(api, 'viewer');
    const port = (api.app.getHttpServer().address() as { port: number }).port;
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/alerts/stream`, { headers: { cookie: session.cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const received = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        text += decoder.decode(value, { stream: true });
        const frame = text.split('\n\n').find((f) => f.includes('event: alert') && f.includes('"sku":"BQ"'));
        if (frame) return JSON.parse(frame.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { type: string; alert: Alert };
      }
    })();

    const posted = Date.now();
    await move(erp, [{ sku: 'BQ', location: 'WH-Q', type: 'sale', quantity: 40 }]); // position 40 <= ROP 50
    let timer: NodeJS.Timeout | undefined;
    const event = await Promise.race([received, new Promise<null>((r) => (timer = setTimeout(() => r(null), 15_000)))]);
    clearTimeout(timer);
    controller.abort();
    expect(event).toMatchObject({ type: 'opened', alert: { sku: 'BQ', location: 'WH-Q', kind: 'below_reorder_point' } });
    const rows = await waitFor('the alert row', async () => {
      const r = await alertsOf(worker, 'BQ');
      return r.length ? r : null;
    });
    expect(rows).toHaveLength(1);
    expect(Date.now() - posted).toBeLessThan(15_000);
  });
});
