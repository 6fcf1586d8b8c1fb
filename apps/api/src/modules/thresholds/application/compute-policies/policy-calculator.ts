import { Injectable } from '@nestjs/common';
import type { AbcClass, PolicyInput, ServiceLevels } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Outbox } from '../../../../shared/outbox/outbox';
import { CatalogFacade } from '../../../catalog';
import { InventoryFacade } from '../../../inventory';
import { abcClasses, xyzClass } from '../../domain/classification';
import { ComputedPolicy, PairKey, PolicyInputs, pairKey } from '../../domain/computed-policy';
import { demandStatistics } from '../../domain/demand-statistics';
import { computeFigures, resolvePolicy, windowDaysOf } from '../../domain/reorder-policy';
import { ComputedPoliciesRepository } from '../../infrastructure/computed-policies.repository';
import { DefaultsIndex, PolicySettingsRepository } from '../../infrastructure/policy-settings.repository';

/** What every pair of one computation shares: the defaults, the service levels and the instant it is "now". */
export interface CalculationContext {
  defaults: DefaultsIndex;
  serviceLevels: ServiceLevels;
  asOf: Date;
}

const DAYS_PER_YEAR = 365;

/**
 * Computes reorder policies in three steps, so a recompute can run the expensive first one chunk by chunk:
 * 1. gather: the settings in force, demand statistics from the ledger (InventoryFacade), the preferred supplier's
 *    lead time (CatalogFacade), XYZ;
 * 2. classify: ABC per location, against the latest annual values of every other SKU there;
 * 3. figures, then store: the computed rows and, in the same transaction, `thresholds.policies-changed` for the
 *    pairs whose figures moved.
 */
@Injectable()
export class PolicyCalculator {
  constructor(
    private readonly catalog: CatalogFacade,
    private readonly inventory: InventoryFacade,
    private readonly settings: PolicySettingsRepository,
    private readonly computed: ComputedPoliciesRepository,
    private readonly outbox: Outbox,
  ) {}

  async context(asOf = new Date()): Promise<CalculationContext> {
    const [defaults, serviceLevels] = await Promise.all([this.settings.defaults(), this.settings.serviceLevels()]);
    return { defaults, serviceLevels, asOf };
  }

  /** Step 1 for a chunk of pairs; `overrides` replaces the stored policy of some pairs (a PUT about to be applied). */
  async gather(keys: PairKey[], ctx: CalculationContext, overrides?: Map<string, PolicyInput>): Promise<PolicyInputs[]> {
    if (!keys.length) return [];
    const skuIds = [...new Set(keys.map((k) => k.skuId))];
    const locationIds = [...new Set(keys.map((k) => k.locationId))];
    const [skus, locations, own, suppliers] = await Promise.all([
      this.catalog.getSkusByIds(skuIds),
      this.catalog.getLocationsByIds(locationIds),
      this.settings.policiesOf(keys),
      this.catalog.preferredSupplierTerms(skuIds),
    ]);
    const pairs = keys.flatMap((key) => {
      const sku = skus.get(key.skuId);
      const location = locations.get(key.locationId);
      if (!sku || !location) return [];
      const id = pairKey(key);
      const resolved = resolvePolicy(
        overrides?.get(id) ?? own.get(id) ?? null,
        ctx.defaults.get(`location:${location.code}`)?.settings ?? null,
        ctx.defaults.get(`category:${sku.category}`)?.settings ?? null,
      );
      return [{ key, sku, location, ...resolved, windowDays: windowDaysOf(resolved.settings) }];
    });
    const byWindow = new Map<number, typeof pairs>();
    for (const p of pairs) {
      const group = byWindow.get(p.windowDays);
      if (group) group.push(p);
      else byWindow.set(p.windowDays, [p]);
    }
    const histories = new Map<string, Awaited<ReturnType<InventoryFacade['dailyDemand']>>[number]>();
    for (const [windowDays, group] of byWindow) {
      const rows = await this.inventory.dailyDemand(
        group.map((p) => ({ ...p.key, timeZone: p.location.timeZone })),
        windowDays,
        ctx.asOf,
      );
      for (const h of rows) histories.set(pairKey(h), h);
    }
    return pairs.map((p) => {
      const h = histories.get(pairKey(p.key));
      const stats = demandStatistics({
        windowDays: p.windowDays,
        days: h?.days ?? [],
        availableNow: h?.availableNow ?? 0,
        firstMovementOffset: h?.firstMovementOffset ?? null,
      });
      return {
        ...p.key,
        settings: p.settings,
        source: p.source,
        windowDays: p.windowDays,
        d: stats.d,
        sigmaD: stats.sigmaD,
        dataPoints: stats.dataPoints,
        censoredDays: stats.censoredDays,
        preExistenceDays: stats.preExistenceDays,
        annualValue: stats.d * DAYS_PER_YEAR * p.sku.unitCost,
        xyzClass: xyzClass(stats.d, stats.sigmaD, stats.dataPoints),
        supplier: suppliers.get(p.key.skuId) ?? null,
      };
    });
  }

  /** Step 2: the ABC class of each gathered pair, ranked among every SKU at its location. */
  async classify(inputs: PolicyInputs[]): Promise<Map<string, AbcClass>> {
    const locationIds = [...new Set(inputs.map((i) => i.locationId))];
    const values = new Map<string, { key: string; locationId: string; annualValue: number }>();
    for (const v of await this.computed.annualValues(locationIds)) values.set(pairKey(v), { key: pairKey(v), ...v });
    for (const i of inputs) values.set(pairKey(i), { key: pairKey(i), locationId: i.locationId, annualValue: i.annualValue });
    const byLocation = new Map<string, { key: string; annualValue: number }[]>();
    for (const v of values.values()) {
      const items = byLocation.get(v.locationId);
      if (items) items.push(v);
      else byLocation.set(v.locationId, [v]);
    }
    const result = new Map<string, AbcClass>();
    const wanted = new Set(inputs.map(pairKey));
    for (const items of byLocation.values()) {
      for (const [key, cls] of abcClasses(items)) if (wanted.has(key)) result.set(key, cls);
    }
    return result;
  }

  /** Step 3: the figures (pure). */
  figures(inputs: PolicyInputs[], classes: Map<string, AbcClass>, ctx: CalculationContext): ComputedPolicy[] {
    return inputs.map((i) => {
      const abcClass = classes.get(pairKey(i)) ?? null;
      const figures = computeFigures({
        settings: i.settings,
        stats: { d: i.d, sigmaD: i.sigmaD, dataPoints: i.dataPoints, censoredDays: i.censoredDays, preExistenceDays: i.preExistenceDays, totalDemand: 0 },
        windowDays: i.windowDays,
        supplier: i.supplier,
        abcClass,
        xyzClass: i.xyzClass,
        serviceLevels: ctx.serviceLevels,
      });
      return {
        ...figures,
        skuId: i.skuId,
        locationId: i.locationId,
        settings: i.settings,
        source: i.source,
        windowDays: i.windowDays,
        dataPoints: i.dataPoints,
        censoredDays: i.censoredDays,
        annualValue: i.annualValue,
        abcClass,
        xyzClass: i.xyzClass,
        supplier: i.supplier,
      };
    });
  }

  /** The three steps for a few pairs at once (a planner's PUT, an approval). */
  async computeNow(keys: PairKey[], overrides?: Map<string, PolicyInput>): Promise<ComputedPolicy[]> {
    const ctx = await this.context();
    const inputs = await this.gather(keys, ctx, overrides);
    return this.figures(inputs, await this.classify(inputs), ctx);
  }

  /** Stores computed rows and announces the pairs whose figures moved; answers those pairs. */
  async store(em: EntityManager, rows: ComputedPolicy[], runId: string | null): Promise<PairKey[]> {
    const moved = await this.computed.upsert(em, rows, runId);
    if (moved.length) await this.outbox.write(em, 'thresholds.policies-changed', { levels: moved });
    return moved;
  }
}
