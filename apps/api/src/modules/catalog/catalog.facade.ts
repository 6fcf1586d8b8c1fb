import { Injectable } from '@nestjs/common';
import { Database } from '../../shared/database';
import { CatalogWriter } from './application/write-catalog/catalog-writer';
import { LocationRef, PreferredSupplierTerms, SkuRef, unitMap } from './domain/catalog-refs';

const TTL_MS = 5_000;

/**
 * What other contexts may ask of the catalog. Lookups are batched and cached for a few seconds (dropped at once
 * on a change made in this process), because movement intake resolves up to 10,000 codes per batch.
 */
@Injectable()
export class CatalogFacade {
  private skuCache = new Map<string, { ref: SkuRef; at: number }>();
  private locationCache = new Map<string, { ref: LocationRef; at: number }>();

  constructor(
    private readonly db: Database,
    readonly writer: CatalogWriter,
  ) {
    writer.onChange(() => {
      this.skuCache.clear();
      this.locationCache.clear();
    });
  }

  async resolveSkus(codes: string[]): Promise<Map<string, SkuRef>> {
    return this.resolve(codes, this.skuCache, (missing) =>
      this.db.query(
        `SELECT id, code, name, category, base_unit, units, unit_cost, active FROM catalog.skus WHERE code = ANY($1::text[])`,
        [missing],
      ).then((rows) => rows.map(toSkuRef)),
    );
  }

  async resolveLocations(codes: string[]): Promise<Map<string, LocationRef>> {
    return this.resolve(codes, this.locationCache, (missing) =>
      this.db.query(`SELECT id, code, name, type, time_zone, active FROM catalog.locations WHERE code = ANY($1::text[])`, [
        missing,
      ]).then((rows) => rows.map(toLocationRef)),
    );
  }

  async getSkusByIds(ids: string[]): Promise<Map<string, SkuRef>> {
    const rows = await this.db.query(
      `SELECT id, code, name, category, base_unit, units, unit_cost, active FROM catalog.skus WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id as string, toSkuRef(r)]));
  }

  async getLocationsByIds(ids: string[]): Promise<Map<string, LocationRef>> {
    const rows = await this.db.query(`SELECT id, code, name, type, time_zone, active FROM catalog.locations WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    return new Map(rows.map((r) => [r.id as string, toLocationRef(r)]));
  }

  /**
   * The supplier each SKU is ordered from by default, with its terms: among its active suppliers, the shortest lead
   * time, then the smallest lead-time deviation, then the lowest supplier code (deterministic). Absent: no terms.
   */
  async preferredSupplierTerms(skuIds: string[]): Promise<Map<string, PreferredSupplierTerms>> {
    if (!skuIds.length) return new Map();
    const rows = await this.db.query(
      `SELECT DISTINCT ON (t.sku_id) t.sku_id, s.id, s.code, s.name, t.lead_time_days, t.lead_time_std_days, t.moq, t.pack_size
       FROM catalog.supplier_terms t JOIN catalog.suppliers s ON s.id = t.supplier_id
       WHERE t.sku_id = ANY($1::uuid[]) AND s.active
       ORDER BY t.sku_id, t.lead_time_days, t.lead_time_std_days, s.code`,
      [skuIds],
    );
    return new Map(
      rows.map((r) => [
        r.sku_id as string,
        {
          id: r.id as string,
          code: r.code as string,
          name: r.name as string,
          leadTimeDays: Number(r.lead_time_days),
          leadTimeStdDays: Number(r.lead_time_std_days),
          moq: Number(r.moq),
          packSize: Number(r.pack_size),
        },
      ]),
    );
  }

  /** The ids of the SKUs in these categories. */
  async skuIdsInCategories(categories: string[]): Promise<string[]> {
    if (!categories.length) return [];
    const rows = await this.db.query(`SELECT id FROM catalog.skus WHERE category = ANY($1::text[])`, [categories]);
    return rows.map((r) => r.id as string);
  }

  async countSkus(): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.skus`);
    return n;
  }

  private async resolve<R extends { code: string }>(
    codes: string[],
    cache: Map<string, { ref: R; at: number }>,
    load: (missing: string[]) => Promise<R[]>,
  ): Promise<Map<string, R>> {
    const now = Date.now();
    const found = new Map<string, R>();
    const missing: string[] = [];
    for (const code of new Set(codes)) {
      const hit = cache.get(code);
      if (hit && now - hit.at < TTL_MS) found.set(code, hit.ref);
      else missing.push(code);
    }
    if (missing.length) {
      for (const ref of await load(missing)) {
        cache.set(ref.code, { ref, at: now });
        found.set(ref.code, ref);
      }
    }
    return found;
  }
}

function toSkuRef(r: Record<string, unknown>): SkuRef {
  const units = (typeof r.units === 'string' ? JSON.parse(r.units) : r.units) as { name: string; factor: number }[];
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    category: r.category as string,
    baseUnit: r.base_unit as string,
    units: unitMap(r.base_unit as string, units),
    unitCost: Number(r.unit_cost),
    active: r.active as boolean,
  };
}

function toLocationRef(r: Record<string, unknown>): LocationRef {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    type: r.type as string,
    timeZone: r.time_zone as string,
    active: r.active as boolean,
  };
}
