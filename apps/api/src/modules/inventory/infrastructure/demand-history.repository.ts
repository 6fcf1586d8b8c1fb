import { Injectable } from '@nestjs/common';
import { Database } from '../../../shared/database';

export interface DemandHistoryKey {
  skuId: string;
  locationId: string;
  /** the location's IANA time zone: days are cut at its midnights */
  timeZone: string;
}

/** One SKU x location's ledger since the start of a window, by local day (only days on which something moved). */
export interface DemandHistory {
  skuId: string;
  locationId: string;
  /** available now: on_hand - on_hold - reserved of the stock level (0 when nothing ever moved) */
  availableNow: number;
  /** days since the window's first day of the first movement ever here (negative: before the window); null: none */
  firstMovementOffset: number | null;
  /** per day with movements, from the window's first day on (today and later days included, offset >= windowDays) */
  days: { offset: number; demand: number; availableDelta: number }[];
}

/**
 * An int[] sent as text (`{1,-2,3}`), read character by character: a recompute reads ~300,000 of them per chunk, and
 * the driver's generic array parser (a string per element, then parseInt) made them the largest cost in Node.
 */
export function parseIntArray(v: unknown): number[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v.map(Number);
  const s = String(v);
  const out: number[] = [];
  let n = 0;
  let sign = 1;
  let digits = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits = true;
    } else if (c === 45) sign = -1;
    else if (c === 44 || c === 125) {
      if (digits) out.push(sign * n);
      n = 0;
      sign = 1;
      digits = false;
    }
  }
  return out;
}

/**
 * Demand history for thresholds, set-based (one statement per chunk of SKU x locations). Demand is sales + issues
 * - returns (transfers out are moves, not demand); the change of available per day lets the caller rebuild the
 * available each day began with, backwards from the level of now, without reading the ledger before the window.
 */
@Injectable()
export class DemandHistoryRepository {
  constructor(private readonly db: Database) {}

  async dailyDemand(keys: DemandHistoryKey[], windowDays: number, asOf: Date): Promise<DemandHistory[]> {
    if (!keys.length) return [];
    const rows: Record<string, unknown>[] = await this.db.transaction(async (em) => {
      // a chunk reads ~300,000 ledger rows by index: JIT compiling the plan costs more than it saves, and the
      // per-day sort spills to disk with the default work_mem
      await em.query(`SET LOCAL jit = off`);
      await em.query(`SET LOCAL work_mem = '64MB'`);
      return em.query(
      `WITH k AS (
         SELECT k.sku_id, k.location_id, k.tz, (($4::timestamptz AT TIME ZONE k.tz)::date - $5::int) AS start_day
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS k(sku_id, location_id, tz)
       ), b AS (
         SELECT k.*, (k.start_day::timestamp AT TIME ZONE k.tz) AS start_at FROM k
       ), per_day AS (
         SELECT m.sku_id, m.location_id, (m.occurred_at AT TIME ZONE b.tz)::date - b.start_day AS off,
                sum(CASE m.type WHEN 'sale' THEN m.quantity WHEN 'issue' THEN m.quantity WHEN 'return' THEN -m.quantity
                    ELSE 0 END) AS demand,
                sum(m.on_hand_delta - m.on_hold_delta - m.reserved_delta) AS delta
         FROM b JOIN inventory.movements m
           ON m.sku_id = b.sku_id AND m.location_id = b.location_id AND m.occurred_at >= b.start_at
         GROUP BY 1, 2, 3
       ), agg AS (
         SELECT sku_id, location_id, array_agg(off ORDER BY off) AS offs, array_agg(demand::int ORDER BY off) AS demands,
                array_agg(delta::int ORDER BY off) AS deltas
         FROM per_day GROUP BY 1, 2
       )
       SELECT b.sku_id, b.location_id, coalesce(s.on_hand - s.on_hold - s.reserved, 0) AS available_now,
              (SELECT (min(f.occurred_at) AT TIME ZONE b.tz)::date - b.start_day FROM inventory.movements f
               WHERE f.sku_id = b.sku_id AND f.location_id = b.location_id) AS first_offset,
              agg.offs::text AS offs, agg.demands::text AS demands, agg.deltas::text AS deltas
       FROM b
       LEFT JOIN inventory.stock_levels s ON s.sku_id = b.sku_id AND s.location_id = b.location_id
       LEFT JOIN agg ON agg.sku_id = b.sku_id AND agg.location_id = b.location_id`,
      [keys.map((k) => k.skuId), keys.map((k) => k.locationId), keys.map((k) => k.timeZone), asOf.toISOString(), windowDays],
      );
    });
    return rows.map((r) => {
      const offs = parseIntArray(r.offs);
      const demands = parseIntArray(r.demands);
      const deltas = parseIntArray(r.deltas);
      return {
        skuId: r.sku_id as string,
        locationId: r.location_id as string,
        availableNow: Number(r.available_now),
        firstMovementOffset: r.first_offset == null ? null : Number(r.first_offset),
        days: offs.map((offset, i) => ({ offset, demand: demands[i], availableDelta: deltas[i] })),
      };
    });
  }

  /** Every SKU x location that has a stock level (something moved there), optionally narrowed. */
  async stockLevelKeys(filter: { skuIds?: string[]; locationIds?: string[] }): Promise<{ skuId: string; locationId: string }[]> {
    const rows = await this.db.query(
      `SELECT sku_id, location_id FROM inventory.stock_levels
       WHERE ($1::uuid[] IS NULL OR sku_id = ANY($1::uuid[])) AND ($2::uuid[] IS NULL OR location_id = ANY($2::uuid[]))`,
      [filter.skuIds ?? null, filter.locationIds ?? null],
    );
    return rows.map((r) => ({ skuId: r.sku_id as string, locationId: r.location_id as string }));
  }
}
