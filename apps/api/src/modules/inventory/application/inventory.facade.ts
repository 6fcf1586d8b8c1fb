import { Injectable } from '@nestjs/common';
import type { StockBuckets } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database } from '../../../shared/database';
import { withFigures } from '../domain/stock-level';
import { DemandHistory, DemandHistoryKey, DemandHistoryRepository } from '../infrastructure/demand-history.repository';
import { StockReadRepository } from '../infrastructure/stock-read.repository';
import { RecordMovementsUseCase } from './record-movements/record-movements.use-case';
import { RecordMovementCommand, RecordMovementOutcome, RecordMovementsOptions } from './record-movements/record-movements.types';

export interface StockLevelKey {
  skuId: string;
  locationId: string;
}

export interface StockLevelSnapshot extends StockLevelKey, StockBuckets {
  version: number;
  lastMovementAt: Date | null;
}

/** What other contexts (ingestion, thresholds, atp, replenishment) may ask of inventory. */
@Injectable()
export class InventoryFacade {
  constructor(
    private readonly db: Database,
    private readonly record: RecordMovementsUseCase,
    private readonly reads: StockReadRepository,
    private readonly demand: DemandHistoryRepository,
  ) {}

  /**
   * Writes a batch of movements (one transaction; the levels move by exactly what is written) and answers per
   * item: created, duplicate (same (source, externalId), same content) or rejected (with the reason).
   */
  recordMovements(commands: RecordMovementCommand[], options?: RecordMovementsOptions): Promise<RecordMovementOutcome[]> {
    return this.record.execute(commands, options);
  }

  /**
   * The current levels of these SKU x locations (absent: nothing ever moved there, all buckets 0). With `em`, read
   * inside the caller's transaction (alerts reads them under its own lock of the pair).
   */
  async getStockLevels(keys: StockLevelKey[], em?: EntityManager): Promise<StockLevelSnapshot[]> {
    if (!keys.length) return [];
    const sql = `SELECT s.* FROM inventory.stock_levels s
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(sku_id, location_id) USING (sku_id, location_id)`;
    const params = [keys.map((k) => k.skuId), keys.map((k) => k.locationId)];
    const rows: Record<string, unknown>[] = em ? await em.query(sql, params) : await this.db.query(sql, params);
    return rows.map((r) => ({
      skuId: r.sku_id as string,
      locationId: r.location_id as string,
      ...withFigures({
        onHand: r.on_hand as number,
        onHold: r.on_hold as number,
        reserved: r.reserved as number,
        inTransit: r.in_transit as number,
        onOrder: r.on_order as number,
      }),
      version: Number(r.version),
      lastMovementAt: (r.last_movement_at as Date | null) ?? null,
    }));
  }

  /**
   * Demand history of a chunk of SKU x locations (thresholds): per local day of each location's time zone, from
   * `windowDays` days before the day of `asOf` on, the demand (sales + issues - returns) and the change of available.
   */
  dailyDemand(keys: DemandHistoryKey[], windowDays: number, asOf: Date): Promise<DemandHistory[]> {
    return this.demand.dailyDemand(keys, windowDays, asOf);
  }

  /** Every SKU x location with a stock level, optionally narrowed to some SKUs and locations. */
  stockLevelKeys(filter: { skuIds?: string[]; locationIds?: string[] } = {}): Promise<StockLevelKey[]> {
    return this.demand.stockLevelKeys(filter);
  }

  /** The buckets of one SKU x location as they were at `asOf`, replayed from the ledger. */
  stockLevelAt(skuId: string, locationId: string, asOf: Date): Promise<StockBuckets> {
    return this.reads.levelAt(skuId, locationId, asOf);
  }
}
