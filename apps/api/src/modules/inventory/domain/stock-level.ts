/**
 * The buckets of one SKU x location and the figures derived from them (shared/DOMAIN.md). The SQL view
 * inventory.stock_level_figures computes the same two figures; these functions are the only TypeScript copy.
 */
export interface Buckets {
  onHand: number;
  onHold: number;
  reserved: number;
  inTransit: number;
  onOrder: number;
}

export const BUCKET_NAMES = ['onHand', 'onHold', 'reserved', 'inTransit', 'onOrder'] as const satisfies readonly (keyof Buckets)[];

export const ZERO_BUCKETS: Readonly<Buckets> = Object.freeze({ onHand: 0, onHold: 0, reserved: 0, inTransit: 0, onOrder: 0 });

/** available = on_hand - on_hold - reserved: what can be promised now. */
export function available(b: Buckets): number {
  return b.onHand - b.onHold - b.reserved;
}

/** inventory_position = available + in_transit + on_order: what reorder decisions compare. */
export function inventoryPosition(b: Buckets): number {
  return available(b) + b.inTransit + b.onOrder;
}

export function addBuckets(a: Buckets, d: Buckets): Buckets {
  return {
    onHand: a.onHand + d.onHand,
    onHold: a.onHold + d.onHold,
    reserved: a.reserved + d.reserved,
    inTransit: a.inTransit + d.inTransit,
    onOrder: a.onOrder + d.onOrder,
  };
}

export function withFigures<B extends Buckets>(b: B): B & { available: number; inventoryPosition: number } {
  return { ...b, available: available(b), inventoryPosition: inventoryPosition(b) };
}

/** Until thresholds computes reorder points, the only status is whether anything can be promised. */
export function stockStatus(b: Buckets): 'ok' | 'stockout' {
  return available(b) <= 0 ? 'stockout' : 'ok';
}
