import { generateDemoScenario } from './demo-scenario';

const end = new Date('2026-11-21T00:00:00Z');

describe('the demo scenario', () => {
  const scenario = generateDemoScenario({ seed: 7, skuCount: 40, days: 365, end });

  it('is the same for the same seed and end date', () => {
    const again = generateDemoScenario({ seed: 7, skuCount: 40, days: 365, end });
    expect(again.movements.length).toBe(scenario.movements.length);
    expect(again.movements.slice(0, 50)).toEqual(scenario.movements.slice(0, 50));
    expect(again.skus).toEqual(scenario.skus);
  });

  it('has 3 locations, 2 suppliers and terms for every SKU', () => {
    expect(scenario.locations).toHaveLength(3);
    expect(scenario.suppliers).toHaveLength(2);
    for (const sku of scenario.skus) expect(scenario.terms.some((t) => t.sku === sku.code)).toBe(true);
  });

  it('mixes steady, seasonal, trending and intermittent demand', () => {
    const patterns = new Set(scenario.skus.map((s) => s.pattern));
    expect([...patterns].sort()).toEqual(['intermittent', 'seasonal', 'steady', 'trending']);
  });

  it('never takes on hand or available below zero, and moves only integers', () => {
    const onHand = new Map<string, number>();
    const onHold = new Map<string, number>();
    const violations: string[] = [];
    for (const m of scenario.movements) {
      if (!(Number.isInteger(m.quantity) && (m.quantity > 0 || (m.type === 'count' && m.quantity >= 0)))) violations.push(`${m.externalId}: quantity ${m.quantity}`);
      const key = `${m.sku}@${m.location}`;
      const oh = onHand.get(key) ?? 0;
      const delta = { receipt: m.quantity, return: m.quantity, transfer_in: m.quantity, sale: -m.quantity, issue: -m.quantity, transfer_out: -m.quantity, count: m.quantity - oh, adjustment: m.quantity, hold: 0, release: 0 }[m.type];
      onHand.set(key, oh + delta);
      if (m.type === 'hold') onHold.set(key, (onHold.get(key) ?? 0) + m.quantity);
      if (m.type === 'release') onHold.set(key, (onHold.get(key) ?? 0) - m.quantity);
      if (onHand.get(key)! < 0 || onHand.get(key)! - (onHold.get(key) ?? 0) < 0) violations.push(`${m.externalId}: ${key} below zero`);
    }
    expect(violations).toEqual([]);
  });

  it('receives from suppliers after a lead time and feeds stores by transfer', () => {
    const types = new Set(scenario.movements.map((m) => m.type));
    for (const t of ['receipt', 'sale', 'transfer_out', 'transfer_in', 'count', 'hold', 'release']) expect(types.has(t as never)).toBe(true);
    const firstReceipt = scenario.movements.find((m) => m.type === 'receipt')!;
    expect(new Date(firstReceipt.occurredAt).getTime()).toBeGreaterThan(new Date(scenario.movements[0].occurredAt).getTime());
  });

  it('keeps every external id unique', () => {
    expect(new Set(scenario.movements.map((m) => m.externalId)).size).toBe(scenario.movements.length);
  });
});
