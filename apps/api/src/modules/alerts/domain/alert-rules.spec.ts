import fc from 'fast-check';
import type { AlertKind } from '@stockpulse/contracts';
import {
  ARMED,
  AlertDecision,
  ArmState,
  PolicyFigures,
  StockFigures,
  buildSnapshot,
  decide,
  hasRecovered,
  overstockCondition,
  reArmLevel,
  reasonFor,
  shortageCondition,
  suggestedOrderQuantity,
} from './alert-rules';

/** ROP 100, SS 40, S 300, max 400, d 10/day, L 5 days; approaching up to 130; projected stockout below 50. */
const policy: PolicyFigures = {
  reorderPoint: 100,
  safetyStock: 40,
  orderUpTo: 300,
  maxStock: 400,
  dailyDemand: 10,
  leadTimeDays: 5,
  supplier: { code: 'SUP-1', name: 'Acme', moq: 1, packSize: 1, leadTimeDays: 5 },
};
const settings = { approachDays: 3, reArmDays: 1, escalateAfterMinutes: 30 };

function stock(b: Partial<Omit<StockFigures, 'available' | 'inventoryPosition'>>): StockFigures {
  const s = { onHand: 0, onHold: 0, reserved: 0, inTransit: 0, onOrder: 0, ...b };
  const available = s.onHand - s.onHold - s.reserved;
  return { ...s, available, inventoryPosition: available + s.inTransit + s.onOrder };
}

describe('shortageCondition: each kind at and around its threshold', () => {
  it.each<[string, Partial<StockFigures>, AlertKind | null]>([
    // stockout: available <= 0
    ['available -5', { onHand: -5 }, 'stockout'],
    ['available 0', { onHand: 0 }, 'stockout'],
    ['available 0 with plenty on order', { onHand: 0, onOrder: 500 }, 'stockout'],
    ['available 0 (on hand 10 all on hold)', { onHand: 10, onHold: 10 }, 'stockout'],
    ['available 0 (on hand 10 all reserved)', { onHand: 10, reserved: 10 }, 'stockout'],
    ['available 1', { onHand: 1 }, 'critical'],
    // critical: available <= SS (40)
    ['available 39', { onHand: 39 }, 'critical'],
    ['available 40 = SS', { onHand: 40 }, 'critical'],
    // critical: projected stockout before a receipt (available / d < L: below 50)
    ['available 41 (4.1 days < 5)', { onHand: 41 }, 'critical'],
    ['available 49 (4.9 days < 5)', { onHand: 49 }, 'critical'],
    ['available 49 with 200 on order', { onHand: 49, onOrder: 200 }, 'critical'],
    ['available 50 (5 days = L)', { onHand: 50 }, 'below_reorder_point'],
    // below_reorder_point: position <= ROP (100)
    ['position 99', { onHand: 99 }, 'below_reorder_point'],
    ['position 100 = ROP', { onHand: 100 }, 'below_reorder_point'],
    ['position 100 = 60 available + 40 in transit', { onHand: 60, inTransit: 40 }, 'below_reorder_point'],
    ['position 101', { onHand: 101 }, 'approaching'],
    ['position 101 = 70 available + 31 on order', { onHand: 70, onOrder: 31 }, 'approaching'],
    // approaching: position <= ROP + 3 days x 10 = 130
    ['position 129', { onHand: 129 }, 'approaching'],
    ['position 130 = approach level', { onHand: 130 }, 'approaching'],
    ['position 131', { onHand: 131 }, null],
    ['position 1000', { onHand: 1000 }, null],
    ['available 120 + reserved 20 (position 120)', { onHand: 140, reserved: 20 }, 'approaching'],
  ])('%s -> %s', (_name, buckets, expected) => {
    expect(shortageCondition(stock(buckets), policy, settings)).toBe(expected);
  });

  it.each<[number, number, AlertKind | null]>([
    // without demand (d = 0) only SS and ROP count; no projection, no approach margin
    [40, 0, 'critical'],
    [41, 0, 'below_reorder_point'],
    [100, 0, 'below_reorder_point'],
    [101, 0, null],
    // approachDays 0: the approaching level is the ROP itself
    [101, 10, null],
  ])('d = 0 / approachDays 0: available %d -> %s', (onHand, approachDays, expected) => {
    const p = approachDays === 0 ? { ...policy, dailyDemand: 0 } : policy;
    const s = approachDays === 10 ? { ...settings, approachDays: 0 } : settings;
    expect(shortageCondition(stock({ onHand }), p, s)).toBe(expected);
  });

  it('approaching follows the configured margin', () => {
    expect(shortageCondition(stock({ onHand: 150 }), policy, { approachDays: 5 })).toBe('approaching');
    expect(shortageCondition(stock({ onHand: 151 }), policy, { approachDays: 5 })).toBeNull();
  });

  it.each<[string, Partial<StockFigures>, AlertKind | null]>([
    ['available 0, nothing on the way', { onHand: 0 }, 'stockout'],
    ['available -3, nothing on the way', { onHand: -3 }, 'stockout'],
    ['available 0, a transfer in transit', { inTransit: 5 }, null],
    ['available 0, on order', { onOrder: 5 }, null],
    ['available 1', { onHand: 1 }, null],
  ])('without a policy only a stockout alerts: %s -> %s', (_name, buckets, expected) => {
    expect(shortageCondition(stock(buckets), null, settings)).toBe(expected);
  });
});

describe('overstockCondition', () => {
  it.each<[number, number | null, 'overstock' | null]>([
    [399, 400, null],
    [400, 400, null],
    [401, 400, 'overstock'],
    [10_000, null, null],
  ])('position %d with max %s -> %s', (onHand, maxStock, expected) => {
    expect(overstockCondition(stock({ onHand }), { ...policy, maxStock })).toBe(expected);
  });

  it('counts stock on order toward the position', () => {
    expect(overstockCondition(stock({ onHand: 300, onOrder: 101 }), policy)).toBe('overstock');
  });

  it('never without a policy', () => {
    expect(overstockCondition(stock({ onHand: 1e6 }), null)).toBeNull();
  });
});

describe('reasonFor', () => {
  it.each<[AlertKind, number, RegExp]>([
    ['stockout', 0, /available 0 is at or below 0/],
    ['critical', 40, /available 40 is at or below safety stock 40/],
    ['critical', 45, /available 45 covers 4.5 days of demand, less than the lead time of 5 days/],
    ['below_reorder_point', 90, /inventory position 90 is at or below the reorder point 100/],
    ['approaching', 120, /inventory position 120 is within 3 days of demand \(30\) above the reorder point 100/],
    ['overstock', 450, /inventory position 450 is above the maximum stock 400/],
  ])('%s at %d', (kind, onHand, expected) => {
    expect(reasonFor(kind, stock({ onHand }), policy, settings)).toMatch(expected);
  });
});

describe('decide', () => {
  const disarmed = (kind: AlertKind): ArmState => ({ armed: false, disarmedKind: kind });
  it.each<[string, AlertKind | null, AlertKind | null, ArmState, boolean, AlertDecision['action'], AlertKind | undefined]>([
    ['nothing, nothing open', null, null, ARMED, true, 'none', undefined],
    ['condition, armed: opens', 'approaching', null, ARMED, false, 'open', 'approaching'],
    ['stockout straight away: opens as stockout', 'stockout', null, ARMED, false, 'open', 'stockout'],
    ['worse than the open alert: escalates', 'below_reorder_point', 'approaching', ARMED, false, 'escalate', 'below_reorder_point'],
    ['two steps worse: escalates to the worst', 'stockout', 'below_reorder_point', ARMED, false, 'escalate', 'stockout'],
    ['same kind: keeps', 'critical', 'critical', ARMED, false, 'keep', 'critical'],
    ['better but not gone: keeps the highest kind', 'approaching', 'stockout', ARMED, false, 'keep', 'stockout'],
    ['condition gone: resolves', null, 'below_reorder_point', ARMED, false, 'resolve', 'below_reorder_point'],
    ['disarmed, same kind again: suppressed', 'below_reorder_point', null, disarmed('below_reorder_point'), false, 'suppressed', 'below_reorder_point'],
    ['disarmed, a milder kind: suppressed', 'approaching', null, disarmed('below_reorder_point'), false, 'suppressed', 'approaching'],
    ['disarmed, a worse kind breaks through', 'stockout', null, disarmed('below_reorder_point'), false, 'open', 'stockout'],
    ['disarmed at stockout, stockout again: suppressed', 'stockout', null, disarmed('stockout'), false, 'suppressed', 'stockout'],
    ['disarmed but recovered past the re-arm level: opens', 'below_reorder_point', null, disarmed('below_reorder_point'), true, 'open', 'below_reorder_point'],
  ])('%s', (_name, condition, openKind, arm, recovered, action, kind) => {
    const d = decide({ condition, open: openKind ? { kind: openKind } : null, arm, recovered });
    expect(d.action).toBe(action);
    if (kind) expect(d.action === 'escalate' ? d.to : (d as { kind?: AlertKind }).kind).toBe(kind);
  });

  it('a resolve disarms the family at the kind resolved, unless the position is already past the re-arm level', () => {
    expect(decide({ condition: null, open: { kind: 'critical' }, arm: ARMED, recovered: false }).arm).toEqual(disarmed('critical'));
    expect(decide({ condition: null, open: { kind: 'critical' }, arm: ARMED, recovered: true }).arm).toEqual(ARMED);
  });

  it('recovering past the re-arm level with no condition arms the family again', () => {
    expect(decide({ condition: null, open: null, arm: disarmed('approaching'), recovered: true }).arm).toEqual(ARMED);
    expect(decide({ condition: null, open: null, arm: disarmed('approaching'), recovered: false }).arm).toEqual(disarmed('approaching'));
  });
});

describe('re-arm level and recovery', () => {
  it.each<[string, PolicyFigures | null, typeof settings, number]>([
    ['approach level 130 + 1 day of demand', policy, settings, 140],
    ['approachDays 0: ROP + reArmDays x d, as DOMAIN.md', policy, { ...settings, approachDays: 0 }, 110],
    ['at least one unit', { ...policy, dailyDemand: 0 }, settings, 101],
    ['reArmDays 0: still one unit', policy, { ...settings, reArmDays: 0 }, 131],
    ['no policy: one unit above zero', null, settings, 1],
  ])('shortage: %s', (_name, p, s, expected) => {
    expect(reArmLevel('shortage', p, s)).toBe(expected);
  });

  it('shortage recovers strictly above the level; overstock strictly below max minus the margin', () => {
    expect(hasRecovered('shortage', stock({ onHand: 140 }), policy, settings)).toBe(false);
    expect(hasRecovered('shortage', stock({ onHand: 141 }), policy, settings)).toBe(true);
    expect(reArmLevel('overstock', policy, settings)).toBe(390);
    expect(hasRecovered('overstock', stock({ onHand: 390 }), policy, settings)).toBe(false);
    expect(hasRecovered('overstock', stock({ onHand: 389 }), policy, settings)).toBe(true);
  });
});

/** The whole loop of the evaluator for the shortage family, pure: how many alerts a path of stock opens. */
function simulate(path: number[], p: PolicyFigures = policy, s = settings): { opened: number; open: AlertKind | null } {
  let open: AlertKind | null = null;
  let arm = ARMED;
  let opened = 0;
  for (const onHand of path) {
    const st = stock({ onHand });
    const d = decide({ condition: shortageCondition(st, p, s), open: open ? { kind: open } : null, arm, recovered: hasRecovered('shortage', st, p, s) });
    arm = d.arm;
    if (d.action === 'open') {
      opened++;
      open = d.kind;
    } else if (d.action === 'escalate') open = d.to;
    else if (d.action === 'resolve') open = null;
  }
  return { opened, open };
}

describe('hysteresis', () => {
  it('stock oscillating around the reorder point opens one alert', () => {
    const path = Array.from({ length: 120 }, (_, i) => (i % 2 ? 99 : 101));
    expect(simulate([200, ...path])).toEqual({ opened: 1, open: 'below_reorder_point' });
  });

  it('stock oscillating around the approaching level (resolving each time up) opens one alert', () => {
    const path = Array.from({ length: 120 }, (_, i) => (i % 2 ? 129 : 131));
    expect(simulate([200, ...path]).opened).toBe(1);
  });

  it('a recovery past the re-arm level and a new fall opens a second alert', () => {
    expect(simulate([200, 120, 135, 125, 141, 125]).opened).toBe(2);
  });

  it('property: any path that never recovers past the re-arm level after the first alert opens at most two (the second only for a worse kind)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 140 }), { minLength: 1, maxLength: 200 }), (path) => {
        const { opened } = simulate([200, ...path]);
        expect(opened).toBeLessThanOrEqual(4); // at most once per kind of strictly increasing severity
        const flat = simulate([200, ...path.map((x) => Math.max(x, 50))]); // never below critical
        expect(flat.opened).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('suggestedOrderQuantity: order-up-to minus position, up to the pack, at least MOQ', () => {
  it.each<[number, number, number, number, number]>([
    // S, position, moq, pack, expected
    [300, 100, 1, 1, 200],
    [300, 100, 1, 12, 204],
    [300, 100, 250, 1, 250],
    [300, 100, 250, 12, 252],
    [300, 299, 50, 1, 50],
    [300, 300, 1, 1, 0],
    [300, 301, 50, 12, 0],
    [300.5, 100, 1, 1, 201],
    [300, -20, 1, 10, 320],
  ])('S %d, position %d, MOQ %d, pack %d -> %d', (s, position, moq, packSize, expected) => {
    expect(suggestedOrderQuantity(s, position, { moq, packSize })).toBe(expected);
  });

  it('without a supplier: no pack, no MOQ', () => {
    expect(suggestedOrderQuantity(300, 123, null)).toBe(177);
  });
});

describe('buildSnapshot', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('carries buckets, policy figures, cover, projection, order and receipt date', () => {
    const snap = buildSnapshot(stock({ onHand: 60, onHold: 5, reserved: 10, onOrder: 20 }), { ...policy, supplier: { ...policy.supplier!, packSize: 12, moq: 24 } }, now);
    expect(snap).toEqual({
      onHand: 60,
      onHold: 5,
      reserved: 10,
      inTransit: 0,
      onOrder: 20,
      available: 45,
      inventoryPosition: 65,
      reorderPoint: 100,
      safetyStock: 40,
      orderUpTo: 300,
      dailyDemand: 10,
      daysOfCover: 4.5,
      projectedStockoutDate: '2026-03-06T00:00:00.000Z',
      suggestedOrderQuantity: 240, // 235 up to a pack of 12
      supplier: { code: 'SUP-1', name: 'Acme', leadTimeDays: 5, moq: 24, packSize: 12 },
      earliestReceiptDate: '2026-03-06T12:00:00.000Z',
    });
  });

  it('without demand: no cover and no projection unless already out', () => {
    const p = { ...policy, dailyDemand: 0 };
    expect(buildSnapshot(stock({ onHand: 5 }), p, now)).toMatchObject({ daysOfCover: null, projectedStockoutDate: null });
    expect(buildSnapshot(stock({ onHand: 0 }), p, now)).toMatchObject({ daysOfCover: null, projectedStockoutDate: now.toISOString() });
  });

  it('without a policy: zeros, no supplier, no receipt date, nothing to suggest', () => {
    expect(buildSnapshot(stock({ onHand: 0 }), null, now)).toMatchObject({
      reorderPoint: 0,
      safetyStock: 0,
      suggestedOrderQuantity: 0,
      supplier: null,
      earliestReceiptDate: null,
    });
  });

  it('a stockout projects today', () => {
    expect(buildSnapshot(stock({ onHand: -3 }), policy, now).projectedStockoutDate).toBe(now.toISOString());
  });
});
