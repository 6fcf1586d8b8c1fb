import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import fc from 'fast-check';
import type { MovementType } from '@stockpulse/contracts';
import { loadConfig } from '../../../../config/app-config';
import { ConfigModule } from '../../../../config/config.module';
import { Database, DatabaseModule } from '../../../../shared/database';
import { Outbox } from '../../../../shared/outbox/outbox';
import { workerDatabaseUrl } from '../../../../shared/testing/test-env';
import { AuditTrail } from '../../../identity';
import { InventoryFacade } from '../inventory.facade';
import { MovementLedgerRepository } from '../../infrastructure/movement-ledger.repository';
import { DemandHistoryRepository } from '../../infrastructure/demand-history.repository';
import { StockReadRepository } from '../../infrastructure/stock-read.repository';
import { RecordMovementsUseCase } from './record-movements.use-case';
import { RecordMovementCommand } from './record-movements.types';

/**
 * The conservation invariant and the write rules of inventory against real Postgres, through InventoryFacade
 * (the same path POST /api/v1/movements takes after validation). SKUs and locations are plain ids here: inventory
 * references the catalog by id only.
 */
let ctx: INestApplicationContext;
let db: Database;
let inventory: InventoryFacade;

const skus = Array.from({ length: 3 }, (_, i) => ({ id: randomUUID(), code: `SKU-${i}` }));
const locations = Array.from({ length: 3 }, (_, i) => ({ id: randomUUID(), code: `LOC-${i}` }));

beforeAll(async () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: workerDatabaseUrl(),
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: '12',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot()],
    providers: [
      Outbox,
      AuditTrail,
      MovementLedgerRepository,
      StockReadRepository,
      DemandHistoryRepository,
      RecordMovementsUseCase,
      InventoryFacade,
    ],
  }).compile();
  ctx = await moduleRef.init();
  db = ctx.get(Database);
  inventory = ctx.get(InventoryFacade);
});

afterAll(async () => {
  await ctx?.close();
});

async function reset(): Promise<void> {
  await db.query(`TRUNCATE inventory.movements, inventory.stock_levels, platform.outbox RESTART IDENTITY`);
}

let seq = 0;
function command(
  type: MovementType,
  quantity: number,
  over: Partial<RecordMovementCommand> & { skuIndex?: number; locationIndex?: number; peerIndex?: number } = {},
): RecordMovementCommand {
  const { skuIndex = 0, locationIndex = 0, peerIndex, ...rest } = over;
  return {
    source: 'test',
    externalId: `m-${++seq}`,
    sku: skus[skuIndex],
    location: locations[locationIndex],
    type,
    quantity,
    unit: null,
    unitQuantity: quantity,
    occurredAt: new Date('2026-01-10T10:00:00Z'),
    peerLocation:
      type === 'transfer_out' ? locations[peerIndex ?? (locationIndex + 1) % locations.length] : null,
    ...rest,
  };
}

/** stock_levels against the replay of the ledger, for every SKU x location either has. */
async function mismatches(): Promise<unknown[]> {
  return db.query(`
    WITH replay AS (
      SELECT sku_id, location_id, sum(on_hand_delta) AS on_hand, sum(on_hold_delta) AS on_hold,
             sum(reserved_delta) AS reserved, sum(in_transit_delta) AS in_transit, sum(on_order_delta) AS on_order
      FROM inventory.movements GROUP BY sku_id, location_id)
    SELECT * FROM replay r FULL JOIN inventory.stock_levels s USING (sku_id, location_id)
    WHERE coalesce(r.on_hand, 0) <> coalesce(s.on_hand, 0) OR coalesce(r.on_hold, 0) <> coalesce(s.on_hold, 0)
       OR coalesce(r.reserved, 0) <> coalesce(s.reserved, 0) OR coalesce(r.in_transit, 0) <> coalesce(s.in_transit, 0)
       OR coalesce(r.on_order, 0) <> coalesce(s.on_order, 0)`);
}

async function levels() {
  return db.query(`SELECT * FROM inventory.stock_level_figures ORDER BY sku_id, location_id`);
}

async function ledgerCount(): Promise<number> {
  const [r] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM inventory.movements`);
  return Number(r.n);
}

const TYPES: MovementType[] = ['receipt', 'sale', 'issue', 'return', 'adjustment', 'count', 'transfer_out', 'transfer_in', 'hold', 'release'];

const movementArb = fc.record({
  type: fc.constantFrom(...TYPES),
  quantity: fc.integer({ min: 1, max: 500 }),
  negative: fc.boolean(),
  skuIndex: fc.integer({ min: 0, max: 2 }),
  locationIndex: fc.integer({ min: 0, max: 2 }),
  peerShift: fc.integer({ min: 1, max: 2 }),
  fromOrder: fc.boolean(),
  minutes: fc.integer({ min: 0, max: 60 * 24 * 20 }),
});
type Arb = typeof movementArb extends fc.Arbitrary<infer T> ? T : never;

function toCommand(m: Arb, externalId: string): RecordMovementCommand {
  const quantity = m.type === 'adjustment' && m.negative ? -m.quantity : m.type === 'count' ? m.quantity - 1 : m.quantity;
  return command(m.type, quantity, {
    externalId,
    skuIndex: m.skuIndex,
    locationIndex: m.locationIndex,
    peerIndex: (m.locationIndex + m.peerShift) % 3,
    fromOrder: m.type === 'receipt' ? m.fromOrder : false,
    occurredAt: new Date(Date.parse('2026-01-01T00:00:00Z') + m.minutes * 60_000),
  });
}

describe('InventoryFacade.recordMovements against Postgres', () => {
  beforeEach(reset);

  it('replaying the ledger gives the stock levels exactly, with batches written concurrently', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(movementArb, { minLength: 1, maxLength: 40 }), { minLength: 2, maxLength: 6 }), async (batches) => {
        await reset();
        const run = ++seq;
        const results = await Promise.all(
          batches.map((batch, b) => inventory.recordMovements(batch.map((m, i) => toCommand(m, `p${run}-${b}-${i}`)))),
        );
        expect(await mismatches()).toEqual([]);
        const created = results.flat().filter((o) => o.status === 'created').length;
        const [primary] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM inventory.movements WHERE leg = 'primary'`);
        expect(Number(primary.n)).toBe(created);
        for (const l of await levels()) {
          expect(l.on_hold).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('the same batch sent several times at once records each movement once, the levels still the ledger replayed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(movementArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 4 }), async (batch, copies) => {
        await reset();
        const run = ++seq;
        const commands = batch.map((m, i) => toCommand(m, `r${run}-${i}`));
        const results = await Promise.all(Array.from({ length: copies }, () => inventory.recordMovements(commands)));
        expect(await mismatches()).toEqual([]);
        const [primary] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM inventory.movements WHERE leg = 'primary'`);
        expect(Number(primary.n)).toBe(results.flat().filter((o) => o.status === 'created').length);
        commands.forEach((_, i) => expect(results.filter((r) => r[i].status === 'created').length).toBeLessThanOrEqual(1));
      }),
      { numRuns: 15 },
    );
  });

  it('a batch that would overflow a level is redone item by item: the item that would is refused, the rest written', async () => {
    await inventory.recordMovements([command('receipt', 2_000_000_000)]);
    const out = await inventory.recordMovements([command('receipt', 100_000_000), command('receipt', 100_000_000)]);
    expect(out.map((o) => o.status)).toEqual(['created', 'rejected']);
    expect(out[1]).toMatchObject({ errors: [{ path: 'quantity', message: expect.stringMatching(/on_hand past 2147483647/) }] });
    const [level] = await levels();
    expect(level).toMatchObject({ on_hand: 2_100_000_000 });
    expect(await mismatches()).toEqual([]);
  });

  it('a retried batch changes nothing and answers duplicate with the same movement ids', async () => {
    const batch = [command('receipt', 10), command('sale', 3), command('transfer_out', 2, { peerIndex: 1 }), command('hold', 4)];
    const first = await inventory.recordMovements(batch);
    expect(first.map((o) => o.status)).toEqual(['created', 'created', 'created', 'created']);
    const before = { levels: await levels(), count: await ledgerCount() };
    const [outboxBefore] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM platform.outbox`);

    const again = await inventory.recordMovements(batch.map((c) => ({ ...c })));
    expect(again).toEqual(first.map((o) => ({ status: 'duplicate', movementId: (o as { movementId: string }).movementId })));
    expect(await ledgerCount()).toBe(before.count);
    expect(await levels()).toEqual(before.levels);
    const [outboxAfter] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM platform.outbox`);
    expect(outboxAfter.n).toBe(outboxBefore.n);
  });

  it('a repeated (source, externalId) with different content is rejected, not ignored', async () => {
    const original = command('receipt', 10);
    await inventory.recordMovements([original]);
    const [out] = await inventory.recordMovements([{ ...original, quantity: 11, unitQuantity: 11 }]);
    expect(out.status).toBe('rejected');
    expect(out.status === 'rejected' && out.errors[0]).toMatchObject({ path: 'externalId', message: expect.stringMatching(/different quantity/) });
    expect(await ledgerCount()).toBe(1);
  });

  it('inside one batch, a repeat is a duplicate of the first, and a changed repeat is rejected', async () => {
    const a = command('receipt', 5);
    const out = await inventory.recordMovements([a, { ...a }, { ...a, quantity: 6, unitQuantity: 6 }]);
    expect(out.map((o) => o.status)).toEqual(['created', 'duplicate', 'rejected']);
    expect(out[1]).toEqual({ status: 'duplicate', movementId: (out[0] as { movementId: string }).movementId });
    expect(await ledgerCount()).toBe(1);
  });

  it('concurrent holds racing for the same stock hold at most what is available', async () => {
    await inventory.recordMovements([command('receipt', 100), command('hold', 5), command('sale', 5)]);
    // available = 100 - 5 - 5 = 90; 12 holds of 10 race for it
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => inventory.recordMovements([command('hold', 10)])));
    const created = outcomes.flat().filter((o) => o.status === 'created').length;
    expect(created).toBe(9);
    const rejected = outcomes.flat().filter((o) => o.status === 'rejected');
    expect(rejected).toHaveLength(3);
    expect(rejected[0]).toMatchObject({ errors: [{ path: 'quantity', message: expect.stringMatching(/cannot hold 10: only 0 available/) }] });
    const [level] = await levels();
    expect(level.available).toBe(0);
    expect(level.on_hold).toBe(95);
    expect(await mismatches()).toEqual([]);
  });

  it('a release of more than is held is refused; a count sets on_hand and keeps the counted value', async () => {
    const out = await inventory.recordMovements([command('receipt', 20), command('hold', 3), command('release', 4), command('count', 12)]);
    expect(out.map((o) => o.status)).toEqual(['created', 'created', 'rejected', 'created']);
    const [level] = await levels();
    expect(level).toMatchObject({ on_hand: 12, on_hold: 3, available: 9 });
    const [count] = await db.query(`SELECT on_hand_delta, counted_value FROM inventory.movements WHERE type = 'count'`);
    expect(count).toEqual({ on_hand_delta: -8, counted_value: 12 });
  });

  it('a batch that releases more than it holds releases what earlier batches held', async () => {
    await inventory.recordMovements([command('receipt', 20), command('hold', 5)]);
    const out = await inventory.recordMovements([command('release', 4), command('hold', 1), command('release', 2)]);
    expect(out.map((o) => o.status)).toEqual(['created', 'created', 'created']);
    const [level] = await levels();
    expect(level).toMatchObject({ on_hand: 20, on_hold: 0, available: 20 });
    expect(await mismatches()).toEqual([]);
  });

  it('a transfer moves stock into transit at the destination and on hand on arrival', async () => {
    await inventory.recordMovements([
      command('receipt', 10, { locationIndex: 0 }),
      command('transfer_out', 4, { locationIndex: 0, peerIndex: 1 }),
    ]);
    let rows = await levels();
    const at = (loc: number) => rows.find((r) => r.location_id === locations[loc].id);
    expect(at(0)).toMatchObject({ on_hand: 6, in_transit: 0 });
    expect(at(1)).toMatchObject({ on_hand: 0, in_transit: 4, inventory_position: 4 });
    await inventory.recordMovements([command('transfer_in', 4, { locationIndex: 1, peerLocation: locations[0] })]);
    rows = await levels();
    expect(at(1)).toMatchObject({ on_hand: 4, in_transit: 0 });
  });

  it('writes one stock-levels-changed event per batch, listing each changed SKU x location once, and one audit entry', async () => {
    await db.query(`DELETE FROM platform.outbox`);
    const [{ n: auditBefore }] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM identity.audit_log WHERE action = 'movements.recorded'`);
    const batch = [
      command('receipt', 1, { skuIndex: 0 }),
      command('receipt', 1, { skuIndex: 0 }),
      command('receipt', 1, { skuIndex: 1, occurredAt: new Date('2026-01-11T00:00:00Z') }),
      command('transfer_out', 1, { skuIndex: 1, locationIndex: 0, peerIndex: 2, occurredAt: new Date('2026-01-12T00:00:00Z') }),
    ];
    await inventory.recordMovements(batch);
    const events = await db.query(`SELECT event, payload FROM platform.outbox`);
    expect(events).toHaveLength(1);
    expect(events[0].event).toBe('inventory.stock-levels-changed');
    const levels = events[0].payload.levels as { skuCode: string; locationCode: string }[];
    expect(levels.sort((a, b) => (a.skuCode + a.locationCode < b.skuCode + b.locationCode ? -1 : 1))).toEqual([
      { skuId: skus[0].id, locationId: locations[0].id, skuCode: 'SKU-0', locationCode: 'LOC-0', occurredAt: '2026-01-10T10:00:00.000Z' },
      { skuId: skus[1].id, locationId: locations[0].id, skuCode: 'SKU-1', locationCode: 'LOC-0', occurredAt: '2026-01-12T00:00:00.000Z' },
      { skuId: skus[1].id, locationId: locations[2].id, skuCode: 'SKU-1', locationCode: 'LOC-2', occurredAt: '2026-01-12T00:00:00.000Z' },
    ]);
    const [{ n: auditAfter }] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM identity.audit_log WHERE action = 'movements.recorded'`);
    expect(Number(auditAfter) - Number(auditBefore)).toBe(1);
    // a retried batch changes no level: no event
    expect((await inventory.recordMovements(batch)).map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await db.query(`SELECT 1 FROM platform.outbox`)).toHaveLength(1);
  });

  it('the ledger is append-only', async () => {
    await inventory.recordMovements([command('receipt', 1)]);
    await expect(db.query(`UPDATE inventory.movements SET quantity = 2`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM inventory.movements`)).rejects.toThrow(/append-only/);
    expect(await ledgerCount()).toBe(1);
  });

  it('the level as of a past time equals the replay of the ledger up to that time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(movementArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: -60, max: 60 * 24 * 21 }), { minLength: 1, maxLength: 5 }),
        async (ms, probes) => {
          await reset();
          const run = ++seq;
          const commands = ms.map((m, i) => toCommand({ ...m, skuIndex: 0, locationIndex: i % 2 === 0 ? 0 : 1 }, `h${run}-${i}`));
          const outcomes = await inventory.recordMovements(commands);
          const reads = ctx.get(StockReadRepository);
          for (const minutes of probes) {
            const asOf = new Date(Date.parse('2026-01-01T00:00:00Z') + minutes * 60_000);
            const expected = { onHand: 0, onHold: 0, inTransit: 0, onOrder: 0 };
            const rows = await db.query(
              `SELECT on_hand_delta, on_hold_delta, in_transit_delta, on_order_delta, occurred_at FROM inventory.movements
               WHERE sku_id = $1 AND location_id = $2`,
              [skus[0].id, locations[0].id],
            );
            for (const r of rows) {
              if (new Date(r.occurred_at) > asOf) continue;
              expected.onHand += r.on_hand_delta;
              expected.onHold += r.on_hold_delta;
              expected.inTransit += r.in_transit_delta;
              expected.onOrder += r.on_order_delta;
            }
            const at = await inventory.stockLevelAt(skus[0].id, locations[0].id, asOf);
            expect(at).toMatchObject(expected);
            // the daily series ends each day with the level as of the end of that day
            const series = await reads.series(skus[0].id, locations[0].id, new Date('2026-01-01T00:00:00Z'), asOf, 'day');
            if (series.length) expect(series[series.length - 1]).toMatchObject(expected);
          }
          expect(outcomes.length).toBe(commands.length);
          // and now: the current level is the level as of the last movement
          const now = await inventory.stockLevelAt(skus[0].id, locations[0].id, new Date('2100-01-01T00:00:00Z'));
          const [current] = await inventory.getStockLevels([{ skuId: skus[0].id, locationId: locations[0].id }]);
          if (current) expect(now).toMatchObject({ onHand: current.onHand, onHold: current.onHold, inTransit: current.inTransit });
        },
      ),
      { numRuns: 15 },
    );
  });
});
