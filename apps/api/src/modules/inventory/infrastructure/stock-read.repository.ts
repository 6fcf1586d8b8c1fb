import { Injectable } from '@nestjs/common';
import type {
  HistoryInterval,
  Movement,
  MovementListQuery,
  StockBuckets,
  StockHistoryPoint,
  StockLevel,
  StockLevelListQuery,
} from '@stockpulse/contracts';
import { Database, SqlFilter } from '../../../shared/database';
import { stockStatus, withFigures } from '../domain/stock-level';

/**
 * The read side of inventory: the ledger and the levels as the API and the dashboard list them. It joins the
 * catalog's tables read-only (codes, names, categories) so that lists of 100,000 SKU x locations filter, sort
 * and page in the database; writes never touch them.
 */
@Injectable()
export class StockReadRepository {
  constructor(private readonly db: Database) {}

  async listMovements(query: MovementListQuery, offset: number): Promise<{ items: Movement[]; total: number }> {
    const f = new SqlFilter();
    if (query.sku) f.add('k.code = ?', query.sku);
    if (query.location) f.add('l.code = ?', query.location);
    if (query.from) f.add('m.occurred_at >= ?::timestamptz', query.from);
    if (query.to) f.add('m.occurred_at <= ?::timestamptz', query.to);
    if (query.type) f.add('m.type = ?', query.type);
    if (query.source) f.add('m.source = ?', query.source);
    const from = `FROM inventory.movements m
      JOIN catalog.skus k ON k.id = m.sku_id
      JOIN catalog.locations l ON l.id = m.location_id
      LEFT JOIN catalog.locations p ON p.id = m.transfer_peer_location_id
      ${f.where}`;
    const [rows, total] = await Promise.all([
      this.db.query(
        `SELECT m.*, m.id::text AS id, k.code AS sku_code, l.code AS location_code, p.code AS peer_code
         ${from} ORDER BY m.occurred_at DESC, m.id DESC LIMIT ${f.next(1)} OFFSET ${f.next(2)}`,
        [...f.params, query.limit, offset],
      ),
      this.db.query<{ n: string }>(`SELECT count(*)::text AS n ${from}`, f.params),
    ]);
    return { items: rows.map(toMovement), total: Number(total[0].n) };
  }

  async listStockLevels(
    query: StockLevelListQuery,
    offset: number,
    skuId?: string,
  ): Promise<{ items: StockLevel[]; total: number }> {
    const f = new SqlFilter();
    if (skuId) f.add('s.sku_id = ?::uuid', skuId);
    if (query.sku) f.add('k.code = ?', query.sku);
    if (query.location) f.add('l.code = ?', query.location);
    if (query.category) f.add('k.category = ?', query.category);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      f.add('(k.code ILIKE ? OR k.name ILIKE ?)', like, like);
    }
    if (query.status === 'stockout') f.add('s.available <= 0');
    if (query.status === 'ok') f.add('s.available > 0');
    const sortable: Record<string, string> = {
      sku: 'k.code',
      location: 'l.code',
      onHand: 's.on_hand',
      onHold: 's.on_hold',
      reserved: 's.reserved',
      inTransit: 's.in_transit',
      onOrder: 's.on_order',
      available: 's.available',
      inventoryPosition: 's.inventory_position',
      updatedAt: 's.updated_at',
    };
    const sort = query.sort ?? 'sku';
    const desc = sort.startsWith('-');
    const column = sortable[desc ? sort.slice(1) : sort] ?? 'k.code';
    // reorder figures come from a view thresholds owns for this purpose: a facade call back into thresholds would
    // make a context cycle (thresholds reads inventory), and the list must sort and page in one query
    const from = `FROM inventory.stock_level_figures s
      JOIN catalog.skus k ON k.id = s.sku_id
      JOIN catalog.locations l ON l.id = s.location_id
      LEFT JOIN thresholds.reorder_figures f ON f.sku_id = s.sku_id AND f.location_id = s.location_id
      ${f.where}`;
    const [rows, total] = await Promise.all([
      this.db.query(
        `SELECT s.*, k.code AS sku_code, k.name AS sku_name, l.code AS location_code, f.reorder_point, f.safety_stock
         ${from} ORDER BY ${column} ${desc ? 'DESC' : 'ASC'}, k.code, l.code
         LIMIT ${f.next(1)} OFFSET ${f.next(2)}`,
        [...f.params, query.limit, offset],
      ),
      this.db.query<{ n: string }>(`SELECT count(*)::text AS n ${from}`, f.params),
    ]);
    return { items: rows.map(toStockLevel), total: Number(total[0].n) };
  }

  /** The buckets of one SKU x location as they were at `asOf`: the sum of the ledger up to then. */
  async levelAt(skuId: string, locationId: string, asOf: Date): Promise<StockBuckets> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum(on_hand_delta), 0)::int AS on_hand, coalesce(sum(on_hold_delta), 0)::int AS on_hold,
              coalesce(sum(reserved_delta), 0)::int AS reserved, coalesce(sum(in_transit_delta), 0)::int AS in_transit,
              coalesce(sum(on_order_delta), 0)::int AS on_order
       FROM inventory.movements WHERE sku_id = $1 AND location_id = $2 AND occurred_at <= $3`,
      [skuId, locationId, asOf.toISOString()],
    );
    return toBuckets(row);
  }

  /**
   * End-of-period buckets from `from` to `to`, one point per UTC day or hour: the level before the first bucket
   * plus a running (window) sum of the ledger's deltas per bucket; movements after `to` are left out.
   */
  async series(skuId: string, locationId: string, from: Date, to: Date, interval: HistoryInterval): Promise<StockHistoryPoint[]> {
    const rows = await this.db.query(
      `WITH b AS (
         SELECT g AS at FROM generate_series(date_trunc($3, $4::timestamptz AT TIME ZONE 'UTC'),
                                             $5::timestamptz AT TIME ZONE 'UTC', ('1 ' || $3)::interval) AS g
       ), base AS (
         SELECT coalesce(sum(on_hand_delta), 0) AS on_hand, coalesce(sum(on_hold_delta), 0) AS on_hold,
                coalesce(sum(reserved_delta), 0) AS reserved, coalesce(sum(in_transit_delta), 0) AS in_transit,
                coalesce(sum(on_order_delta), 0) AS on_order
         FROM inventory.movements
         WHERE sku_id = $1 AND location_id = $2
           AND occurred_at < (date_trunc($3, $4::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
       ), per AS (
         SELECT date_trunc($3, occurred_at AT TIME ZONE 'UTC') AS at, sum(on_hand_delta) AS on_hand,
                sum(on_hold_delta) AS on_hold, sum(reserved_delta) AS reserved, sum(in_transit_delta) AS in_transit,
                sum(on_order_delta) AS on_order
         FROM inventory.movements
         WHERE sku_id = $1 AND location_id = $2
           AND occurred_at >= (date_trunc($3, $4::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
           AND occurred_at <= $5::timestamptz
         GROUP BY 1
       )
       SELECT b.at AT TIME ZONE 'UTC' AS at,
              (base.on_hand + sum(coalesce(per.on_hand, 0)) OVER w)::int AS on_hand,
              (base.on_hold + sum(coalesce(per.on_hold, 0)) OVER w)::int AS on_hold,
              (base.reserved + sum(coalesce(per.reserved, 0)) OVER w)::int AS reserved,
              (base.in_transit + sum(coalesce(per.in_transit, 0)) OVER w)::int AS in_transit,
              (base.on_order + sum(coalesce(per.on_order, 0)) OVER w)::int AS on_order
       FROM b CROSS JOIN base LEFT JOIN per ON per.at = b.at
       WINDOW w AS (ORDER BY b.at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
       ORDER BY b.at`,
      [skuId, locationId, interval, from.toISOString(), to.toISOString()],
    );
    return rows.map((r) => ({ at: new Date(r.at as string).toISOString(), ...toBuckets(r) }));
  }
}

function toBuckets(r: Record<string, unknown>): StockBuckets {
  return withFigures({
    onHand: Number(r.on_hand),
    onHold: Number(r.on_hold),
    reserved: Number(r.reserved),
    inTransit: Number(r.in_transit),
    onOrder: Number(r.on_order),
  });
}

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function toStockLevel(r: Record<string, unknown>): StockLevel {
  const b = toBuckets(r);
  return {
    sku: r.sku_code as string,
    skuName: (r.sku_name as string) ?? null,
    location: r.location_code as string,
    ...b,
    reorderPoint: r.reorder_point == null ? null : Number(r.reorder_point),
    safetyStock: r.safety_stock == null ? null : Number(r.safety_stock),
    status: stockStatus(b),
    version: Number(r.version),
    lastMovementAt: iso(r.last_movement_at),
    updatedAt: iso(r.updated_at)!,
  };
}

function toMovement(r: Record<string, unknown>): Movement {
  return {
    id: r.id as string,
    sku: r.sku_code as string,
    location: r.location_code as string,
    type: r.type as Movement['type'],
    leg: r.leg as Movement['leg'],
    quantity: r.quantity as number,
    unit: (r.unit as string) ?? null,
    unitQuantity: r.unit_quantity as number,
    countedValue: (r.counted_value as number) ?? null,
    onHandDelta: r.on_hand_delta as number,
    onHoldDelta: r.on_hold_delta as number,
    reservedDelta: r.reserved_delta as number,
    inTransitDelta: r.in_transit_delta as number,
    onOrderDelta: r.on_order_delta as number,
    peerLocation: (r.peer_code as string) ?? null,
    fromOrder: r.from_order as boolean,
    source: r.source as string,
    externalId: r.external_id as string,
    reason: (r.reason as string) ?? null,
    occurredAt: iso(r.occurred_at)!,
    recordedAt: iso(r.recorded_at)!,
    recordedBy: r.recorded_by as string,
  };
}
