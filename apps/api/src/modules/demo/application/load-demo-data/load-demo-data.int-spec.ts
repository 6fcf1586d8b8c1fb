import { IngestMovementsUseCase } from '../../../ingestion';
import { createTestApp, TestApp } from '../../../../shared/testing/test-app';
import { generateDemoScenario } from '../../domain/demo-scenario';
import { LoadDemoDataUseCase } from './load-demo-data.use-case';

describe('loading the demo business', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ fresh: true }); // empty tables, and the admin the demo rule tells
  });
  afterAll(() => t.close());

  const scenario = generateDemoScenario({ seed: Number(process.env.DEMO_SEED ?? 3), skuCount: Number(process.env.DEMO_SKUS ?? 12), days: Number(process.env.DEMO_DAYS ?? 90), end: new Date('2026-06-30T00:00:00Z') });

  it('ends with the stock the simulation ended with, for every SKU x location', async () => {
    const loader = t.app.get(LoadDemoDataUseCase);
    const result = await loader.execute(scenario);
    expect(result.movements).toBe(scenario.movements.length);

    const expected = new Map<string, { onHand: number; onHold: number; inTransit: number }>();
    const at = (k: string) => expected.get(k) ?? expected.set(k, { onHand: 0, onHold: 0, inTransit: 0 }).get(k)!;
    for (const m of scenario.movements) {
      const s = at(`${m.sku}@${m.location}`);
      if (m.type === 'count') s.onHand = m.quantity;
      else if (['receipt', 'return', 'transfer_in'].includes(m.type)) s.onHand += m.quantity;
      else if (['sale', 'issue', 'transfer_out'].includes(m.type)) s.onHand -= m.quantity;
      if (m.type === 'transfer_out') at(`${m.sku}@${m.toLocation}`).inTransit += m.quantity;
      if (m.type === 'transfer_in') s.inTransit -= m.quantity;
      if (m.type === 'hold') s.onHold += m.quantity;
      if (m.type === 'release') s.onHold -= m.quantity;
    }
    const rows = await t.db.query<{ sku: string; location: string; on_hand: number; on_hold: number; in_transit: number }>(
      `SELECT k.code AS sku, l.code AS location, s.on_hand, s.on_hold, s.in_transit
       FROM inventory.stock_levels s JOIN catalog.skus k ON k.id = s.sku_id JOIN catalog.locations l ON l.id = s.location_id`,
    );
    const actual = new Map(rows.map((r) => [`${r.sku}@${r.location}`, { onHand: r.on_hand, onHold: r.on_hold, inTransit: r.in_transit }]));
    for (const [key, want] of expected) expect({ key, ...actual.get(key) }).toEqual({ key, ...want });
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ingestion.dead_letters`);
    expect(n).toBe(0);

    // then the reorder policies are computed from that history, not left as they were before it
    let computed = 0;
    for (let i = 0; i < 100 && !computed; i++) {
      await new Promise((r) => setTimeout(r, 200));
      [{ n: computed }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM thresholds.recompute_runs WHERE filter = '{}'::jsonb AND status = 'succeeded' AND total > 0`,
      );
    }
    expect(computed).toBe(1);
    const [{ moving }] = await t.db.query<{ moving: number }>(`SELECT count(*)::int AS moving FROM thresholds.computed_policies WHERE reorder_point > 0`);
    expect(moving).toBeGreaterThan(0);

    // a stockout reaches the bell of the admin through the demo rule: sell what is left of a pair at critical stock
    const [short] = await t.db.query<{ sku_code: string; location_code: string; available: number }>(
      `SELECT sku_code, location_code, (snapshot->>'available')::int AS available FROM alerts.alerts
       WHERE status = 'open' AND (snapshot->>'available')::int > 0 ORDER BY severity_rank DESC, sku_code LIMIT 1`,
    );
    expect(short).toBeDefined();
    await t.app.get(IngestMovementsUseCase).execute([
      { source: 'demo-test', externalId: 'sell-out', sku: short.sku_code, location: short.location_code, type: 'sale', quantity: short.available, occurredAt: new Date().toISOString() },
    ]);
    let bell = 0;
    for (let i = 0; i < 100 && !bell; i++) {
      await new Promise((r) => setTimeout(r, 200));
      [{ n: bell }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications.deliveries d JOIN identity.users u ON d.address = 'user:' || u.id
         WHERE d.channel = 'dashboard' AND d.kind = 'stockout' AND u.role = 'admin'`,
      );
    }
    expect(bell).toBe(1);
  });

  it('is resumable: loading again changes nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n, sum(on_hand)::int AS h FROM inventory.stock_levels`);
    await t.app.get(LoadDemoDataUseCase).execute(scenario);
    const after = await t.db.query(`SELECT count(*)::int AS n, sum(on_hand)::int AS h FROM inventory.stock_levels`);
    expect(after).toEqual(before);
    expect(await t.db.query(`SELECT name FROM notifications.rules`)).toEqual([{ name: 'Demo: stockouts to admins and planners' }]);
  });
});
