import { Injectable } from '@nestjs/common';
import type { AbcClass, PolicyExplanation, PolicyInput, XyzClass } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database } from '../../../shared/database';
import { ComputedPolicy, PairKey } from '../domain/computed-policy';
import { PolicySource, SupplierTerms } from '../domain/reorder-policy';
import { json } from './rows';

export interface StoredComputedPolicy extends ComputedPolicy {
  computedAt: Date;
}

const num = (v: unknown): number | null => (v == null ? null : Number(v));

export function toComputed(r: Record<string, unknown>): StoredComputedPolicy {
  return {
    skuId: r.sku_id as string,
    locationId: r.location_id as string,
    method: r.method as ComputedPolicy['method'],
    source: r.source as PolicySource,
    settings: json<PolicyInput>(r.settings),
    reorderPoint: num(r.reorder_point),
    safetyStock: num(r.safety_stock),
    orderUpTo: num(r.order_up_to),
    maxStock: num(r.max_stock),
    d: Number(r.daily_demand),
    sigmaD: Number(r.demand_std),
    leadTimeDays: Number(r.lead_time_days),
    leadTimeStdDays: Number(r.lead_time_std_days),
    reviewPeriodDays: Number(r.review_period_days),
    z: num(r.z),
    serviceLevel: num(r.service_level),
    windowDays: Number(r.window_days),
    dataPoints: Number(r.data_points),
    censoredDays: Number(r.censored_days),
    annualValue: Number(r.annual_value),
    abcClass: (r.abc_class as AbcClass | null) ?? null,
    xyzClass: (r.xyz_class as XyzClass | null) ?? null,
    supplier: r.supplier == null ? null : json<SupplierTerms>(r.supplier),
    explanation: json<PolicyExplanation>(r.explanation),
    computedAt: new Date(r.computed_at as string),
  };
}

/** thresholds.computed_policies: the figures of every SKU x location and the inputs they came from. */
@Injectable()
export class ComputedPoliciesRepository {
  constructor(private readonly db: Database) {}

  async find(keys: PairKey[]): Promise<StoredComputedPolicy[]> {
    if (!keys.length) return [];
    const rows = await this.db.query(
      `SELECT c.* FROM thresholds.computed_policies c
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(sku_id, location_id) USING (sku_id, location_id)`,
      [keys.map((k) => k.skuId), keys.map((k) => k.locationId)],
    );
    return rows.map(toComputed);
  }

  /** Annual consumption values of the pairs at these locations (what ABC ranks), as last computed. */
  async annualValues(locationIds: string[]): Promise<{ skuId: string; locationId: string; annualValue: number }[]> {
    if (!locationIds.length) return [];
    const rows = await this.db.query(
      `SELECT sku_id, location_id, annual_value FROM thresholds.computed_policies WHERE location_id = ANY($1::uuid[])`,
      [locationIds],
    );
    return rows.map((r) => ({ skuId: r.sku_id as string, locationId: r.location_id as string, annualValue: Number(r.annual_value) }));
  }

  /**
   * Writes computed policies (one statement) and answers the pairs whose reorder point, safety stock, order-up-to
   * or max stock moved (a new pair with figures counts as moved).
   */
  async upsert(em: EntityManager, rows: ComputedPolicy[], runId: string | null): Promise<PairKey[]> {
    if (!rows.length) return [];
    const col = <T>(f: (r: ComputedPolicy) => T) => rows.map(f);
    const moved = await em.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::int[], $7::int[], $8::int[],
                              $9::int[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::float8[],
                              $15::float8[], $16::float8[], $17::int[], $18::int[], $19::int[], $20::float8[], $21::text[],
                              $22::text[], $23::jsonb[], $24::jsonb[])
           AS t(sku_id, location_id, method, source, settings, reorder_point, safety_stock, order_up_to, max_stock,
                daily_demand, demand_std, lead_time_days, lead_time_std_days, review_period_days, z, service_level,
                window_days, data_points, censored_days, annual_value, abc_class, xyz_class, supplier, explanation)
       ), old AS (
         SELECT c.sku_id, c.location_id, c.reorder_point, c.safety_stock, c.order_up_to, c.max_stock
         FROM thresholds.computed_policies c JOIN input USING (sku_id, location_id)
       ), up AS (
         INSERT INTO thresholds.computed_policies (sku_id, location_id, method, source, settings, reorder_point, safety_stock,
           order_up_to, max_stock, daily_demand, demand_std, lead_time_days, lead_time_std_days, review_period_days, z,
           service_level, window_days, data_points, censored_days, annual_value, abc_class, xyz_class, supplier,
           explanation, computed_at, run_id)
         SELECT input.*, now(), $25::uuid FROM input
         ON CONFLICT (sku_id, location_id) DO UPDATE SET method = excluded.method, source = excluded.source,
           settings = excluded.settings, reorder_point = excluded.reorder_point, safety_stock = excluded.safety_stock,
           order_up_to = excluded.order_up_to, max_stock = excluded.max_stock, daily_demand = excluded.daily_demand,
           demand_std = excluded.demand_std, lead_time_days = excluded.lead_time_days,
           lead_time_std_days = excluded.lead_time_std_days, review_period_days = excluded.review_period_days,
           z = excluded.z, service_level = excluded.service_level, window_days = excluded.window_days,
           data_points = excluded.data_points, censored_days = excluded.censored_days,
           annual_value = excluded.annual_value, abc_class = excluded.abc_class, xyz_class = excluded.xyz_class,
           supplier = excluded.supplier, explanation = excluded.explanation, computed_at = now(), run_id = excluded.run_id
         RETURNING sku_id, location_id, reorder_point, safety_stock, order_up_to, max_stock
       )
       SELECT up.sku_id, up.location_id FROM up LEFT JOIN old USING (sku_id, location_id)
       WHERE CASE WHEN old.sku_id IS NULL THEN up.reorder_point IS NOT NULL
             ELSE (up.reorder_point, up.safety_stock, up.order_up_to, up.max_stock)
                  IS DISTINCT FROM (old.reorder_point, old.safety_stock, old.order_up_to, old.max_stock) END`,
      [
        col((r) => r.skuId),
        col((r) => r.locationId),
        col((r) => r.method),
        col((r) => r.source),
        col((r) => JSON.stringify(r.settings)),
        col((r) => r.reorderPoint),
        col((r) => r.safetyStock),
        col((r) => r.orderUpTo),
        col((r) => r.maxStock),
        col((r) => r.d),
        col((r) => r.sigmaD),
        col((r) => r.leadTimeDays),
        col((r) => r.leadTimeStdDays),
        col((r) => r.reviewPeriodDays),
        col((r) => r.z),
        col((r) => r.serviceLevel),
        col((r) => r.windowDays),
        col((r) => r.dataPoints),
        col((r) => r.censoredDays),
        col((r) => r.annualValue),
        col((r) => r.abcClass),
        col((r) => r.xyzClass),
        col((r) => (r.supplier ? JSON.stringify(r.supplier) : null)),
        col((r) => JSON.stringify(r.explanation)),
        runId,
      ],
    );
    return (moved as Record<string, unknown>[]).map((r) => ({ skuId: r.sku_id as string, locationId: r.location_id as string }));
  }
}
