import type { MovementType } from '@stockpulse/contracts';
import { BUCKET_NAMES, Buckets, ZERO_BUCKETS, addBuckets, available } from './stock-level';

/** Largest magnitude of a quantity, a delta or a bucket: a Postgres integer. */
export const MAX_QUANTITY = 2_147_483_647;

/**
 * What each movement type does to the buckets (shared/DOMAIN.md). Quantities are base units.
 *
 * Which movements may take a bucket negative, and why:
 * - on_hand may go negative through sale, issue, adjustment and transfer_out. A POS or a WMS reports what
 *   physically happened; refusing a sale because our count is behind would lose the fact, while recording it
 *   shows a negative on_hand that a planner sees (and the next count fixes). Recording reality beats refusing.
 * - in_transit and on_order may go negative transiently: a transfer_in (or a receipt from an order) can arrive
 *   before the transfer_out (or the order) it closes when they come from different systems; once both are in,
 *   the bucket is right again, whatever the order they arrived in. Clamping at zero would make it wrong forever.
 * - on_hold never goes negative (a release of more than is held is refused), and a hold never makes available
 *   negative (a hold of more than is available is refused): those are promises we make, not facts reported to us.
 * - a count sets on_hand to the counted value (>= 0), stored as the delta from the level at the moment it is
 *   recorded, with the counted value kept.
 * - no bucket and no delta may pass +/- 2^31 - 1 (a movement that would is refused, nothing overflows).
 */
export interface MovementIntent {
  type: MovementType;
  /** base units: > 0 for most types, signed for an adjustment, the absolute counted value for a count */
  quantity: number;
  /** a receipt that receives goods on order also lowers on_order */
  fromOrder?: boolean;
}

export interface MovementEffect {
  /** deltas at the movement's location */
  primary: Buckets;
  /** deltas at the other location of a transfer_out (its destination): +in_transit */
  peer?: Buckets;
  /** a count keeps the value it counted */
  countedValue?: number;
}

export type MovementDecision = { ok: true; effect: MovementEffect } | { ok: false; path: string; message: string };

const delta = (d: Partial<Buckets>): Buckets => ({
  onHand: d.onHand ?? 0,
  onHold: d.onHold ?? 0,
  reserved: d.reserved ?? 0,
  inTransit: d.inTransit ?? 0,
  onOrder: d.onOrder ?? 0,
});

/** The effect of one movement given the current buckets at its location (pure; no bounds checks). */
export function movementEffect(intent: MovementIntent, current: Buckets): MovementDecision {
  const q = intent.quantity;
  switch (intent.type) {
    case 'receipt':
      return ok({ primary: delta({ onHand: q, onOrder: intent.fromOrder ? -q : 0 }) });
    case 'sale':
    case 'issue':
      return ok({ primary: delta({ onHand: -q }) });
    case 'return':
      return ok({ primary: delta({ onHand: q }) });
    case 'adjustment':
      return ok({ primary: delta({ onHand: q }) });
    case 'count':
      return ok({ primary: delta({ onHand: q - current.onHand }), countedValue: q });
    case 'transfer_out':
      return ok({ primary: delta({ onHand: -q }), peer: delta({ inTransit: q }) });
    case 'transfer_in':
      return ok({ primary: delta({ inTransit: -q, onHand: q }) });
    case 'hold': {
      const free = available(current);
      if (q > free) {
        return refuse('quantity', `cannot hold ${q}: only ${Math.max(free, 0)} available (on_hand ${current.onHand}, on_hold ${current.onHold}, reserved ${current.reserved})`);
      }
      return ok({ primary: delta({ onHold: q }) });
    }
    case 'release':
      if (q > current.onHold) return refuse('quantity', `cannot release ${q}: only ${current.onHold} on hold`);
      return ok({ primary: delta({ onHold: -q }) });
  }
}

const ok = (effect: MovementEffect): MovementDecision => ({ ok: true, effect });
const refuse = (path: string, message: string): MovementDecision => ({ ok: false, path, message });

function outOfBounds(b: Buckets): keyof Buckets | undefined {
  return BUCKET_NAMES.find((name) => Math.abs(b[name]) > MAX_QUANTITY);
}

const SNAKE: Record<string, string> = {
  onHand: 'on_hand',
  onHold: 'on_hold',
  reserved: 'reserved',
  inTransit: 'in_transit',
  onOrder: 'on_order',
};

export interface SequencedMovement extends MovementIntent {
  /** the SKU x location the movement is at */
  key: string;
  /** the other SKU x location of a transfer_out */
  peerKey?: string;
}

export type SequencedOutcome =
  | { ok: true; effect: MovementEffect }
  | { ok: false; path: string; message: string };

/**
 * Applies movements in order to the given levels (mutated in place: pass a copy), so that a count, hold or
 * release later in a batch sees the effect of those before it. A refused movement changes nothing.
 */
export function applyInSequence(levels: Map<string, Buckets>, movements: SequencedMovement[]): SequencedOutcome[] {
  return movements.map((m) => {
    const current = levels.get(m.key) ?? ZERO_BUCKETS;
    const decision = movementEffect(m, current);
    if (!decision.ok) return decision;
    const { primary, peer } = decision.effect;
    const badDelta = outOfBounds(primary) ?? (peer ? outOfBounds(peer) : undefined);
    if (badDelta) return refuse('quantity', `the ${SNAKE[badDelta]} change would pass ${MAX_QUANTITY}`);
    const next = addBuckets(current, primary);
    const nextPeer = peer && m.peerKey ? addBuckets(levels.get(m.peerKey) ?? ZERO_BUCKETS, peer) : undefined;
    const bad = outOfBounds(next) ?? (nextPeer ? outOfBounds(nextPeer) : undefined);
    if (bad) return refuse('quantity', `this would take ${SNAKE[bad]} past ${MAX_QUANTITY}`);
    levels.set(m.key, next);
    if (nextPeer && m.peerKey) levels.set(m.peerKey, nextPeer);
    return decision;
  });
}
