import type TestAgent from 'supertest/lib/agent';
import type { Alert } from '@stockpulse/contracts';
import { metricsRegistry } from '../../src/shared/metrics';
import { OutboxRelay } from '../../src/shared/outbox/outbox-relay';
import { QUEUE_DRIVER, QueueDriver } from '../../src/shared/queue/job-queue.port';
import type { TestApp } from '../../src/shared/testing/test-app';

/** Helpers shared by the alerts e2e tests: catalog and policy setup through the API, movements, waiting on the pipeline. */

let sequence = 0;
export const externalId = (prefix = 'm') => `${prefix}-${Date.now().toString(36)}-${++sequence}`;

/** How many alert evaluations have finished in this process (any outcome). */
export async function evaluationsDone(): Promise<number> {
  const metric = metricsRegistry.getSingleMetric('stockpulse_jobs_total');
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.filter((v) => v.labels.name === 'alerts.evaluate-stock-level').reduce((n, v) => n + v.value, 0);
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function jobsDone(): Promise<number> {
  const metric = metricsRegistry.getSingleMetric('stockpulse_jobs_total');
  return metric ? (await metric.get()).values.reduce((n, v) => n + v.value, 0) : 0;
}

/** Waits until the outbox is relayed, no job waits, and no job finished for a little while (nothing in flight). */
export async function settle(t: TestApp): Promise<void> {
  const relay = t.app.get(OutboxRelay);
  const driver = t.app.get<QueueDriver>(QUEUE_DRIVER);
  let last = -1;
  for (;;) {
    await relay.flush();
    const waiting = (await driver.depth()).reduce((n, q) => n + q.waiting, 0);
    const done = await jobsDone();
    if (waiting === 0 && done === last) return;
    last = done;
    await new Promise((r) => setTimeout(r, 60));
  }
}

/** A SKU at a location with a supplier and a static policy (min = ROP, max, safety stock), set through the API. */
export async function setUpPair(
  planner: TestAgent,
  sku: string,
  location: string,
  policy: { min: number; max: number; safetyStock?: number },
  options: { category?: string; supplier?: string; leadTimeDays?: number; moq?: number; packSize?: number } = {},
): Promise<void> {
  await planner.post('/api/v1/skus').send({ code: sku, name: `${sku} name`, category: options.category ?? 'Kitchen' }).expect(201);
  const loc = await planner.get(`/api/v1/locations/${location}`);
  if (loc.status === 404) await planner.post('/api/v1/locations').send({ code: location, name: `${location} name`, type: 'warehouse' }).expect(201);
  if (options.supplier) {
    const sup = await planner.get(`/api/v1/suppliers/${options.supplier}`);
    if (sup.status === 404) await planner.post('/api/v1/suppliers').send({ code: options.supplier, name: `${options.supplier} Ltd` }).expect(201);
    await planner
      .put(`/api/v1/suppliers/${options.supplier}/skus/${sku}`)
      .send({ leadTimeDays: options.leadTimeDays ?? 7, moq: options.moq ?? 1, packSize: options.packSize ?? 1 })
      .expect(200);
  }
  const res = await planner.put(`/api/v1/policies/${sku}/${location}`).send({ method: 'static', ...policy, overstockAlerts: true });
  if (res.status >= 300) throw new Error(`PUT policy answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** setUpPair, then waits for the evaluation the policy change causes. */
export async function setUpPairAndSettle(t: TestApp, ...args: Parameters<typeof setUpPair>): Promise<void> {
  await setUpPair(...args);
  await settle(t);
}

export async function move(
  agent: TestAgent,
  items: { sku: string; location: string; type: string; quantity: number; occurredAt?: string }[],
): Promise<void> {
  const res = await agent
    .post('/api/v1/movements')
    .send({ items: items.map((i) => ({ source: 'test', externalId: externalId(), occurredAt: new Date().toISOString(), ...i })) });
  if (res.status !== 200 || res.body.summary.rejected) throw new Error(`movements answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/** A new SKU at `location` with three weeks of daily sales of 10 (a receipt of 1000 before), so its policy has a daily demand. */
export async function skuWithThreeWeeksOfSales(t: TestApp, planner: TestAgent, erp: TestAgent, sku: string, location: string): Promise<void> {
  await planner.post('/api/v1/skus').send({ code: sku, name: sku[0] + sku.slice(1).toLowerCase(), category: 'Kitchen' }).expect(201);
  const day = 86_400_000;
  const now = Date.now();
  await move(erp, [
    { sku, location, type: 'receipt', quantity: 1000, occurredAt: new Date(now - 22 * day).toISOString() },
    ...Array.from({ length: 21 }, (_, i) => ({ sku, location, type: 'sale', quantity: 10, occurredAt: new Date(now - (21 - i) * day).toISOString() })),
  ]);
  await settle(t);
}

/** Posts movements and waits until the alert evaluations they cause have run (call after settle: nothing else in flight). */
export async function moveAndSettle(t: TestApp, agent: TestAgent, items: Parameters<typeof move>[1]): Promise<void> {
  const before = await evaluationsDone();
  const pairs = new Set(items.map((i) => `${i.sku}|${i.location}`)).size;
  await move(agent, items);
  await waitFor('the alert evaluation', async () => (await evaluationsDone()) >= before + pairs);
}

export async function alertsOf(t: TestApp, sku: string): Promise<Record<string, unknown>[]> {
  return t.db.query(`SELECT * FROM alerts.alerts WHERE sku_code = $1 ORDER BY opened_at, id`, [sku]);
}

export async function unresolved(agent: TestAgent, sku: string): Promise<Alert[]> {
  const res = await agent.get(`/api/v1/alerts?sku=${sku}&status=open,acknowledged,snoozed`).expect(200);
  return res.body.items as Alert[];
}
