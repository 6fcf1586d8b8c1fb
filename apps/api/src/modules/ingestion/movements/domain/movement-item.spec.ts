import fc from 'fast-check';
import { z } from 'zod';
import { MOVEMENT_TYPES, movementItemSchema } from '@stockpulse/contracts';
import { movementItem } from './movement-item';

/** The compiled schema answers exactly as the schema it was compiled from: the same data, the same errors. */
describe('movementItem (compiled)', () => {
  const text = fc.oneof(
    fc.constantFrom('pos', 'SKU-1', 'DC-1', 'a/b.c_d-e', '', ' ', '  padded ', 'bad code', 'x'.repeat(64), 'x'.repeat(65)),
    fc.string({ maxLength: 70 }),
  );
  const item = fc.record(
    {
      source: text,
      externalId: text,
      sku: text,
      location: text,
      type: fc.oneof(fc.constantFrom(...MOVEMENT_TYPES), fc.constantFrom('Receipt', '', 'transfer')),
      quantity: fc.oneof(
        fc.integer({ min: -5, max: 5 }),
        fc.constantFrom(2_147_483_647, 2_147_483_648, -2_147_483_648, 1.5, Number.NaN, Infinity),
        fc.constantFrom('3', null),
      ),
      unit: fc.oneof(text, fc.constant(undefined)),
      occurredAt: fc.oneof(
        fc.constantFrom('2026-01-31T12:00:00Z', '2026-01-31T12:00:00.123+02:00', '2026-02-30T00:00:00Z', '2026-01-31', '2026-01-31T12:00Z'),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string({ maxLength: 30 }),
      ),
      reason: fc.oneof(fc.constantFrom(undefined, 'damaged, "wet"', 'x'.repeat(501)), fc.string({ maxLength: 20 })),
      toLocation: fc.oneof(fc.constant(undefined), text),
      fromLocation: fc.oneof(fc.constant(undefined), text),
      fromOrder: fc.oneof(fc.constant(undefined), fc.boolean(), fc.constant('yes')),
      extra: fc.oneof(fc.constant(undefined), fc.integer()),
    },
    { requiredKeys: ['source', 'externalId', 'sku', 'location', 'type', 'quantity', 'occurredAt'] },
  );
  const answer = (r: ReturnType<typeof movementItemSchema.safeParse>) =>
    r.success ? { data: r.data } : { issues: r.error.issues.map((i) => ({ path: i.path, message: i.message, code: i.code })) };

  it('parses and refuses like the schema', () => {
    fc.assert(
      fc.property(fc.oneof(item, fc.anything()), (raw) => {
        expect(answer(movementItem.safeParse(raw))).toEqual(answer(movementItemSchema.safeParse(raw)));
      }),
      { numRuns: 1500 },
    );
  });

  it('compiles: a schema change zod cannot compile would silently lose the fast path', () => {
    expect(() => z.compile(movementItemSchema, { strict: true })).not.toThrow();
    for (const raw of [
      { source: 'pos', externalId: 'r-1', sku: 'SKU-1', location: 'ST-1', type: 'sale', quantity: 3, occurredAt: '2026-11-22T17:03:00Z' },
      { source: 'wms', externalId: 'a-7', sku: 'SKU-1', location: 'DC-1', type: 'receipt', quantity: 4, unit: 'case', occurredAt: '2026-11-22T08:00:00.000Z' },
    ]) {
      expect(movementItem.safeParse(raw)).toEqual({ success: true, data: raw });
    }
  });
});
