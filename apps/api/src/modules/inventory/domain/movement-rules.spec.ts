import fc from 'fast-check';
import { MAX_QUANTITY, SequencedMovement, applyInSequence, movementEffect } from './movement-rules';
import { Buckets, ZERO_BUCKETS, addBuckets, available, inventoryPosition } from './stock-level';

const level = (b: Partial<Buckets>): Buckets => ({ ...ZERO_BUCKETS, ...b });

describe('movementEffect', () => {
  const current = level({ onHand: 10, onHold: 2, reserved: 3, inTransit: 4, onOrder: 5 });
  it.each([
    ['receipt', 7, false, { onHand: 7 }],
    ['receipt', 7, true, { onHand: 7, onOrder: -7 }],
    ['sale', 4, false, { onHand: -4 }],
    ['sale', 40, false, { onHand: -40 }], // a sale may take on_hand negative: recorded, not refused
    ['issue', 3, false, { onHand: -3 }],
    ['return', 2, false, { onHand: 2 }],
    ['adjustment', -6, false, { onHand: -6 }],
    ['adjustment', 6, false, { onHand: 6 }],
    ['count', 25, false, { onHand: 15 }],
    ['count', 0, false, { onHand: -10 }],
    ['count', 10, false, {}],
    ['transfer_out', 3, false, { onHand: -3 }],
    ['transfer_in', 3, false, { inTransit: -3, onHand: 3 }],
    ['transfer_in', 9, false, { inTransit: -9, onHand: 9 }], // in_transit may go negative until the transfer_out arrives
    ['hold', 5, false, { onHold: 5 }],
    ['release', 2, false, { onHold: -2 }],
  ] as const)('%s of %d (fromOrder %s) moves %j', (type, quantity, fromOrder, expected) => {
    const d = movementEffect({ type, quantity, fromOrder }, current);
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.effect.primary).toEqual(level(expected));
  });

  it('a transfer_out puts the quantity in transit at the destination', () => {
    const d = movementEffect({ type: 'transfer_out', quantity: 3 }, current);
    expect(d.ok && d.effect.peer).toEqual(level({ inTransit: 3 }));
  });

  it('a count keeps the counted value', () => {
    const d = movementEffect({ type: 'count', quantity: 25 }, current);
    expect(d.ok && d.effect.countedValue).toBe(25);
  });

  it.each([
    ['hold', 6, /only 5 available/],
    ['release', 3, /only 2 on hold/],
  ] as const)('refuses a %s of %d', (type, quantity, message) => {
    const d = movementEffect({ type, quantity }, current);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.path).toBe('quantity');
      expect(d.message).toMatch(message);
    }
  });

  it('a hold of exactly what is available leaves available at 0', () => {
    const d = movementEffect({ type: 'hold', quantity: 5 }, current);
    expect(d.ok && available(addBuckets(current, d.effect.primary))).toBe(0);
  });
});

describe('applyInSequence', () => {
  it('a count sees the movements before it in the batch', () => {
    const levels = new Map<string, Buckets>();
    const out = applyInSequence(levels, [
      { key: 'a', type: 'receipt', quantity: 10 },
      { key: 'a', type: 'count', quantity: 7 },
    ]);
    expect(out[1].ok && out[1].effect.primary.onHand).toBe(-3);
    expect(levels.get('a')!.onHand).toBe(7);
  });

  it('refuses what would overflow a bucket, and the refused movement changes nothing', () => {
    const levels = new Map<string, Buckets>([['a', level({ onHand: MAX_QUANTITY - 1 })]]);
    const out = applyInSequence(levels, [{ key: 'a', type: 'receipt', quantity: 5 }]);
    expect(out[0]).toMatchObject({ ok: false, path: 'quantity' });
    expect(levels.get('a')!.onHand).toBe(MAX_QUANTITY - 1);
  });

  it('refuses a count whose delta would overflow', () => {
    const levels = new Map<string, Buckets>([['a', level({ onHand: -MAX_QUANTITY })]]);
    const out = applyInSequence(levels, [{ key: 'a', type: 'count', quantity: 5 }]);
    expect(out[0]).toMatchObject({ ok: false, path: 'quantity' });
  });

  const movement = fc.record({
    key: fc.constantFrom('a', 'b', 'c'),
    type: fc.constantFrom(
      'receipt', 'sale', 'issue', 'return', 'adjustment', 'count', 'transfer_out', 'transfer_in', 'hold', 'release',
    ),
    quantity: fc.integer({ min: 1, max: 1000 }),
    negative: fc.boolean(),
  });

  it('no sequence of movements makes available negative through a hold, or on_hold negative', () => {
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 60 }), (ms) => {
        const levels = new Map<string, Buckets>();
        const seq: SequencedMovement[] = ms.map((m) => ({
          key: m.key,
          peerKey: m.type === 'transfer_out' ? (m.key === 'a' ? 'b' : 'a') : undefined,
          type: m.type,
          quantity: m.type === 'adjustment' && m.negative ? -m.quantity : m.quantity,
        }));
        const outcomes = applyInSequence(levels, seq);
        // replaying the accepted effects from zero gives the same levels (conservation)
        const replay = new Map<string, Buckets>();
        outcomes.forEach((o, i) => {
          if (!o.ok) return;
          replay.set(seq[i].key, addBuckets(replay.get(seq[i].key) ?? ZERO_BUCKETS, o.effect.primary));
          if (o.effect.peer) replay.set(seq[i].peerKey!, addBuckets(replay.get(seq[i].peerKey!) ?? ZERO_BUCKETS, o.effect.peer));
        });
        for (const [k, b] of levels) {
          expect(replay.get(k) ?? ZERO_BUCKETS).toEqual(b);
          expect(b.onHold).toBeGreaterThanOrEqual(0);
        }
        // a hold that was accepted never left available negative at that moment
        const running = new Map<string, Buckets>();
        outcomes.forEach((o, i) => {
          if (!o.ok) return;
          const next = addBuckets(running.get(seq[i].key) ?? ZERO_BUCKETS, o.effect.primary);
          if (seq[i].type === 'hold') expect(available(next)).toBeGreaterThanOrEqual(0);
          running.set(seq[i].key, next);
          if (o.effect.peer) running.set(seq[i].peerKey!, addBuckets(running.get(seq[i].peerKey!) ?? ZERO_BUCKETS, o.effect.peer));
        });
      }),
    );
  });
});

describe('derived figures', () => {
  it.each([
    [{ onHand: 10, onHold: 2, reserved: 3, inTransit: 4, onOrder: 5 }, 5, 14],
    [{ onHand: -4, onHold: 0, reserved: 0, inTransit: 0, onOrder: 0 }, -4, -4],
    [{ onHand: 0, onHold: 0, reserved: 0, inTransit: -2, onOrder: 7 }, 0, 5],
  ])('%j: available %d, inventory_position %d', (b, a, ip) => {
    expect(available(b)).toBe(a);
    expect(inventoryPosition(b)).toBe(ip);
  });
});
