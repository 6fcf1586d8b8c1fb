import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { MovementType } from '@stockpulse/contracts';
import { selectRows } from '../../../shared/database';
import { Buckets } from '../domain/stock-level';

export interface LockedLevel extends Buckets {
  skuId: string;
  locationId: string;
}

/** A ledger row about to be written, deltas explicit. */
export interface LedgerRow {
  skuId: string;
  locationId: string;
  type: MovementType;
  leg: 'primary' | 'peer';
  quantity: number;
  deltas: Buckets;
  countedValue: number | null;
  unit: string | null;
  unitQuantity: number;
  peerLocationId: string | null;
  fromOrder: boolean;
  source: string;
  externalId: string;
  reason: string | null;
  occurredAt: string;
}

export interface ExistingMovement {
  id: string;
  source: string;
  externalId: string;
  skuId: string;
  locationId: string;
  type: MovementType;
  unit: string | null;
  unitQuantity: number;
  occurredAt: Date;
  reason: string | null;
  peerLocationId: string | null;
  fromOrder: boolean;
}

/** A primary leg that was written. */
export interface InsertedMovement {
  id: string;
  source: string;
  externalId: string;
}

/**
 * The hot path of intake, set-based: a handful of statements per batch whatever its size, each taking arrays
 * (unnest), none per item.
 */
/**
 * The fast path (no count, hold or release in the batch): one upsert in key order, so concurrent batches lock
 * levels in the same order. Its deltas never lower on_hold or reserved, which matters because Postgres checks
 * the proposed row's CHECK constraints (on_hold >= 0, reserved >= 0) before it finds the conflict.
 */
const UPSERT_LEVELS = `
         INSERT INTO inventory.stock_levels AS s (sku_id, location_id, on_hand, on_hold, reserved, in_transit, on_order,
           version, last_movement_at)
         SELECT sku_id, location_id, on_hand, on_hold, reserved, in_transit, on_order, 1, last_at
         FROM agg ORDER BY sku_id, location_id
         ON CONFLICT (sku_id, location_id) DO UPDATE
         SET on_hand = s.on_hand + excluded.on_hand, on_hold = s.on_hold + excluded.on_hold,
             reserved = s.reserved + excluded.reserved, in_transit = s.in_transit + excluded.in_transit,
             on_order = s.on_order + excluded.on_order, version = s.version + 1,
             last_movement_at = greatest(s.last_movement_at, excluded.last_movement_at), updated_at = now()
         RETURNING 1`;

/** The careful path: every level is already locked and exists; a batch may release more than it holds. */
const UPDATE_LOCKED_LEVELS = `
         UPDATE inventory.stock_levels s
         SET on_hand = s.on_hand + a.on_hand, on_hold = s.on_hold + a.on_hold, reserved = s.reserved + a.reserved,
             in_transit = s.in_transit + a.in_transit, on_order = s.on_order + a.on_order, version = s.version + 1,
             last_movement_at = greatest(s.last_movement_at, a.last_at), updated_at = now()
         FROM agg a WHERE s.sku_id = a.sku_id AND s.location_id = a.location_id
         RETURNING 1`;

@Injectable()
export class MovementLedgerRepository {
  /**
   * Creates the missing stock level rows and locks every one the batch touches, in (sku_id, location_id) order,
   * so that concurrent batches never deadlock on each other; returns their current buckets.
   */
  async lockLevels(em: EntityManager, pairs: { skuId: string; locationId: string }[]): Promise<LockedLevel[]> {
    if (!pairs.length) return [];
    const rows: Record<string, unknown>[] = await em.query(
      `INSERT INTO inventory.stock_levels AS s (sku_id, location_id)
       SELECT sku_id, location_id FROM unnest($1::uuid[], $2::uuid[]) AS t(sku_id, location_id)
       ORDER BY sku_id, location_id
       ON CONFLICT (sku_id, location_id) DO UPDATE SET version = s.version
       RETURNING sku_id, location_id, on_hand, on_hold, reserved, in_transit, on_order`,
      [pairs.map((p) => p.skuId), pairs.map((p) => p.locationId)],
    );
    return rows.map((r) => ({
      skuId: r.sku_id as string,
      locationId: r.location_id as string,
      onHand: r.on_hand as number,
      onHold: r.on_hold as number,
      reserved: r.reserved as number,
      inTransit: r.in_transit as number,
      onOrder: r.on_order as number,
    }));
  }

  /** The movements already recorded under these (source, external id) pairs. */
  async findExisting(em: EntityManager, keys: { source: string; externalId: string }[]): Promise<ExistingMovement[]> {
    if (!keys.length) return [];
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT m.id::text AS id, m.source, m.external_id, m.sku_id, m.location_id, m.type, m.unit, m.unit_quantity,
              m.occurred_at, m.reason, m.transfer_peer_location_id, m.from_order
       FROM unnest($1::text[], $2::text[]) AS k(source, external_id)
       JOIN inventory.movements m ON m.source = k.source AND m.external_id = k.external_id AND m.leg = 'primary'`,
      [keys.map((k) => k.source), keys.map((k) => k.externalId)],
    );
    return rows.map((r) => ({
      id: r.id as string,
      source: r.source as string,
      externalId: r.external_id as string,
      skuId: r.sku_id as string,
      locationId: r.location_id as string,
      type: r.type as MovementType,
      unit: r.unit as string | null,
      unitQuantity: r.unit_quantity as number,
      occurredAt: r.occurred_at as Date,
      reason: r.reason as string | null,
      peerLocationId: r.transfer_peer_location_id as string | null,
      fromOrder: r.from_order as boolean,
    }));
  }

  /**
   * Appends the rows to the ledger (a primary leg whose (source, external id) exists already is skipped) and adds
   * the deltas of what was written to the stock levels, in one statement: the levels move exactly by the rows
   * that were inserted, never by one that was not. `careful`: the caller locked (and created) every level the rows
   * touch, so they are updated in place; otherwise they are upserted in (sku_id, location_id) order.
   */
  async append(em: EntityManager, rows: LedgerRow[], recordedBy: string, careful: boolean): Promise<InsertedMovement[]> {
    if (!rows.length) return [];
    const col = <T extends string | number | boolean | null>(f: (r: LedgerRow) => T) => rows.map(f);
    const params: unknown[] = [];
    const select = selectRows(
      [
        { type: 'uuid', values: col((r) => r.skuId) },
        { type: 'uuid', values: col((r) => r.locationId) },
        { type: 'text', values: col((r) => r.type) },
        { type: 'text', values: col((r) => r.leg) },
        { type: 'int', values: col((r) => r.quantity) },
        { type: 'int', values: col((r) => r.deltas.onHand) },
        { type: 'int', values: col((r) => r.deltas.onHold) },
        { type: 'int', values: col((r) => r.deltas.reserved) },
        { type: 'int', values: col((r) => r.deltas.inTransit) },
        { type: 'int', values: col((r) => r.deltas.onOrder) },
        { type: 'int', values: col((r) => r.countedValue) },
        { type: 'text', values: col((r) => r.unit) },
        { type: 'int', values: col((r) => r.unitQuantity) },
        { type: 'uuid', values: col((r) => r.peerLocationId) },
        { type: 'boolean', values: col((r) => r.fromOrder) },
        { type: 'text', values: col((r) => r.source) },
        { type: 'text', values: col((r) => r.externalId) },
        { type: 'text', values: col((r) => r.reason) },
        { type: 'timestamptz', values: col((r) => r.occurredAt) },
        { type: 'text', value: recordedBy },
      ],
      params,
    );
    const [{ inserted }]: { inserted: string | [string, string, string][] }[] = await em.query(
      `WITH ins AS (
         INSERT INTO inventory.movements (sku_id, location_id, type, leg, quantity, on_hand_delta, on_hold_delta,
           reserved_delta, in_transit_delta, on_order_delta, counted_value, unit, unit_quantity,
           transfer_peer_location_id, from_order, source, external_id, reason, occurred_at, recorded_by)
         ${select}
         ON CONFLICT (source, external_id) WHERE leg = 'primary' DO NOTHING
         RETURNING id, leg, source, external_id, sku_id, location_id, on_hand_delta, on_hold_delta, reserved_delta,
           in_transit_delta, on_order_delta, occurred_at
       ), agg AS (
         SELECT sku_id, location_id, sum(on_hand_delta)::int AS on_hand, sum(on_hold_delta)::int AS on_hold,
                sum(reserved_delta)::int AS reserved, sum(in_transit_delta)::int AS in_transit,
                sum(on_order_delta)::int AS on_order, max(occurred_at) AS last_at
         FROM ins GROUP BY sku_id, location_id
       ), upd AS (${careful ? UPDATE_LOCKED_LEVELS : UPSERT_LEVELS}
       )
       SELECT coalesce(json_agg(json_build_array(id::text, source, external_id)), '[]') AS inserted
       FROM ins WHERE leg = 'primary'`,
      params,
    );
    // one JSON value rather than a row per movement: much less to send and to parse
    const legs = typeof inserted === 'string' ? (JSON.parse(inserted) as [string, string, string][]) : inserted;
    return legs.map(([id, source, externalId]) => ({ id, source, externalId }));
  }
}
