import { MAX_BASE_QUANTITY, toBaseQuantity } from './unit-conversion';

const sku = { baseUnit: 'each', units: { each: 1, case: 12, pallet: 1440 } };

describe('toBaseQuantity', () => {
  it.each([
    [5, undefined, 5],
    [5, 'each', 5],
    [3, 'case', 36],
    [-2, 'case', -24],
    [2, 'pallet', 2880],
    [0, 'case', 0],
  ])('%d %s is %d base units', (q, unit, expected) => {
    expect(toBaseQuantity(q, unit, sku)).toEqual({ ok: true, quantity: expected });
  });

  it('refuses a unit the SKU does not declare, naming those it does', () => {
    const r = toBaseQuantity(1, 'crate', sku);
    expect(r).toMatchObject({ ok: false, path: 'unit' });
    expect(!r.ok && r.message).toMatch(/each, case, pallet/);
  });

  it('does not take inherited object keys for units', () => {
    expect(toBaseQuantity(1, 'constructor', sku)).toMatchObject({ ok: false, path: 'unit' });
  });

  it.each([
    [Math.floor(MAX_BASE_QUANTITY / 12) + 1, 'case'],
    [-(Math.floor(MAX_BASE_QUANTITY / 12) + 1), 'case'],
    [MAX_BASE_QUANTITY, 'pallet'],
  ])('refuses %d %s: past the largest quantity after conversion', (q, unit) => {
    expect(toBaseQuantity(q, unit, sku)).toMatchObject({ ok: false, path: 'quantity' });
  });

  it('accepts the largest quantity that converts within bounds', () => {
    const q = Math.floor(MAX_BASE_QUANTITY / 12);
    expect(toBaseQuantity(q, 'case', sku)).toEqual({ ok: true, quantity: q * 12 });
  });
});
