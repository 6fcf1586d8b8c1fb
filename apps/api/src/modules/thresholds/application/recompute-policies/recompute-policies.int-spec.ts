import type { RecomputeRun } from '@stockpulse/contracts';
import { InventoryFacade } from '../../../inventory';
import { loginAsAdmin, TestSession } from '../../../../shared/testing/auth';
import { createTestApp, resetDatabase, TestApp } from '../../../../shared/testing/test-app';
import { localDate } from '../../domain/demand-statistics';

/**
 * Demand history read from the real ledger (day cutting in the location's time zone, demand netted, transfers
 * excluded), and recomputes run as BullMQ jobs on Redis: progress in the run row, `thresholds.policies-changed` in
 * the outbox for the pairs whose figures moved, and a recompute when supplier terms change.
 */
describe('thresholds recompute on Postgres and BullMQ', () => {
  let t: TestApp;
  let admin: TestSession;
  const DAY = 86_400_000;

  beforeAll(async () => {
    t = await createTestApp({ queue: 'bullmq' });
    await resetDatabase(t.db);
    admin = await loginAsAdmin(t);
    await admin.agent.post('/api/v1/locations').send({ code: 'TYO', name: 'Tokyo', type: 'store', timeZone: 'Asia/Tokyo' }).expect(201);
    await admin.agent.post('/api/v1/locations').send({ code: 'NYC', name: 'New York', type: 'store', timeZone: 'America/New_York' }).expect(201);
    for (const code of ['A', 'B']) await admin.agent.post('/api/v1/skus').send({ code, name: code, category: 'Bench', unitCost: 3 }).expect(201);
    await admin.agent.post('/api/v1/suppliers').send({ code: 'SUP', name: 'Supplier' }).expect(201);
    await admin.agent.put('/api/v1/suppliers/SUP/skus/A').send({ leadTimeDays: 4, leadTimeStdDays: 0.5 }).expect(200);
  });
  afterAll(() => t.close());

  const id = async (table: 'skus' | 'locations', code: string) =>
    (await t.db.query<{ id: string }>(`SELECT id FROM catalog.${table} WHERE code = $1`, [code]))[0].id;
  const post = (items: Record<string, unknown>[]) =>
    admin.agent.post('/api/v1/movements').send({ items: items.map((m, i) => ({ source: 'int', externalId: `${Date.now()}-${i}-${Math.random()}`, ...m })) });

  it('cuts the ledger into days at the location midnight, nets returns, leaves transfers out of demand', async () => {
    const asOf = new Date('2025-06-15T12:00:00Z'); // 21:00 in Tokyo: today is 2025-06-15 there
    const items = [
      { sku: 'B', location: 'TYO', type: 'receipt', quantity: 100, occurredAt: '2025-06-01T00:00:00Z' },
      { sku: 'B', location: 'TYO', type: 'sale', quantity: 3, occurredAt: '2025-06-10T14:59:00Z' }, // 23:59 on the 10th
      { sku: 'B', location: 'TYO', type: 'sale', quantity: 4, occurredAt: '2025-06-10T15:00:00Z' }, // midnight: the 11th
      { sku: 'B', location: 'TYO', type: 'return', quantity: 1, occurredAt: '2025-06-11T03:00:00Z' },
      { sku: 'B', location: 'TYO', type: 'transfer_out', quantity: 10, toLocation: 'NYC', occurredAt: '2025-06-12T03:00:00Z' },
      { sku: 'B', location: 'TYO', type: 'sale', quantity: 2, occurredAt: '2025-06-15T10:00:00Z' }, // today
    ];
    await post(items).expect((r) => expect(r.status).toBeLessThan(300));
    const [history] = await t.app.get(InventoryFacade).dailyDemand(
      [{ skuId: await id('skus', 'B'), locationId: await id('locations', 'TYO'), timeZone: 'Asia/Tokyo' }],
      10,
      asOf,
    );
    // the window is 2025-06-05 .. 06-14 (offsets 0..9); today, the 15th, is offset 10
    const offset = (at: string) => (Date.parse(localDate(new Date(at), 'Asia/Tokyo')) - Date.parse('2025-06-05')) / DAY;
    expect(offset(items[1].occurredAt)).toBe(5);
    expect(offset(items[2].occurredAt)).toBe(6);
    expect(history).toMatchObject({
      availableNow: 100 - 3 - 4 + 1 - 10 - 2,
      firstMovementOffset: offset(items[0].occurredAt),
      days: [
        { offset: 5, demand: 3, availableDelta: -3 },
        { offset: 6, demand: 3, availableDelta: -3 },
        { offset: 7, demand: 0, availableDelta: -10 },
        { offset: 10, demand: 2, availableDelta: -2 },
      ],
    });
    expect(history.firstMovementOffset).toBe(-4);
  });

  async function waitForRun(find: () => Promise<RecomputeRun | undefined>): Promise<RecomputeRun> {
    for (let i = 0; i < 200; i++) {
      const run = await find();
      if (run && (run.status === 'succeeded' || run.status === 'failed')) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the recompute did not finish');
  }

  it('recomputes as a job with progress, and announces only the pairs whose figures moved', async () => {
    // day 0 is today in New York, whatever the hour of the run in UTC
    const today = Date.parse(`${localDate(new Date(), 'America/New_York')}T00:00:00Z`);
    const items: Record<string, unknown>[] = [{ sku: 'A', location: 'NYC', type: 'receipt', quantity: 500, occurredAt: new Date(today - 40 * DAY).toISOString() }];
    for (let d = 39; d >= 1; d--) items.push({ sku: 'A', location: 'NYC', type: 'sale', quantity: 5 + (d % 3), occurredAt: new Date(today - d * DAY + 17 * 3_600_000).toISOString() });
    await post(items).expect((r) => expect(r.status).toBeLessThan(300));
    await t.db.query(`DELETE FROM platform.outbox`);

    const started = await admin.agent.post('/api/v1/policies/recompute').send({}).expect(202);
    const run = await waitForRun(async () => (await admin.agent.get(`/api/v1/policies/recompute/${started.body.id}`)).body);
    // A at NYC, B at TYO, B at NYC (the transfer's destination has a stock level too)
    expect(run).toMatchObject({ status: 'succeeded', total: 3, done: 3, progress: 100, error: null });
    const figures = await t.db.query(`SELECT reorder_point, lead_time_days, data_points FROM thresholds.computed_policies WHERE sku_id = $1 AND location_id = $2`, [
      await id('skus', 'A'),
      await id('locations', 'NYC'),
    ]);
    // the receipt came at 20:00 the evening before day -40 in New York: days -40..-1 count (day -40 sold nothing)
    expect(figures).toEqual([expect.objectContaining({ lead_time_days: 4, data_points: 40 })]);
    expect(figures[0].reorder_point).toBeGreaterThan(6 * 4);
    const events = await t.db.query<{ payload: { levels: { skuId: string; locationId: string }[] } }>(
      `SELECT payload FROM platform.outbox WHERE event = 'thresholds.policies-changed'`,
    );
    const announced = events.flatMap((e) => e.payload.levels);
    expect(announced).toContainEqual({ skuId: await id('skus', 'A'), locationId: await id('locations', 'NYC') });
    expect(announced).toHaveLength(run.changed);

    // nothing moved since: a second run changes nothing and announces nothing
    await t.db.query(`DELETE FROM platform.outbox`);
    const again = await admin.agent.post('/api/v1/policies/recompute').send({ skus: ['A'] }).expect(202);
    const second = await waitForRun(async () => (await admin.agent.get(`/api/v1/policies/recompute/${again.body.id}`)).body);
    expect(second).toMatchObject({ status: 'succeeded', total: 1, changed: 0 });
    expect(await t.db.query(`SELECT 1 FROM platform.outbox WHERE event = 'thresholds.policies-changed'`)).toEqual([]);
  });

  it("recomputes a SKU's policies when its supplier terms change", async () => {
    await t.db.query(`DELETE FROM thresholds.recompute_runs`);
    await admin.agent.put('/api/v1/suppliers/SUP/skus/A').send({ leadTimeDays: 12, leadTimeStdDays: 2 }).expect(200);
    const run = await waitForRun(
      async () =>
        (await t.db.query<RecomputeRun>(`SELECT status, trigger, filter FROM thresholds.recompute_runs WHERE trigger = 'supplier_terms'`))[0],
    );
    expect(run).toMatchObject({ status: 'succeeded', filter: { skus: ['A'] } });
    const [row] = await t.db.query(`SELECT lead_time_days, lead_time_std_days FROM thresholds.computed_policies WHERE sku_id = $1 AND location_id = $2`, [
      await id('skus', 'A'),
      await id('locations', 'NYC'),
    ]);
    expect(row).toEqual({ lead_time_days: 12, lead_time_std_days: 2 });
  });
});
