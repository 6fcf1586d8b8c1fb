import { Injectable } from '@nestjs/common';
import type { PolicyMethod } from '@stockpulse/contracts';
import { PairKey, pairKey } from './domain/computed-policy';
import { ComputedPoliciesRepository } from './infrastructure/computed-policies.repository';
import { Database } from '../../shared/database';
import { StartRecomputeUseCase } from './application/recompute-policies/start-recompute.use-case';

/** The policy in force for one SKU x location, as alerts (and later replenishment) use it. */
export interface EffectivePolicy {
  skuId: string;
  locationId: string;
  method: PolicyMethod;
  reorderPoint: number;
  safetyStock: number;
  orderUpTo: number;
  /** overstock threshold; null = no overstock alerts */
  maxStock: number | null;
  /** d, units/day */
  dailyDemand: number;
  leadTimeDays: number;
  leadTimeStdDays: number;
  reviewPeriodDays: number;
  supplier: { id: string; code: string; name: string; moq: number; packSize: number; leadTimeDays: number } | null;
  computedAt: Date;
}

/** What other contexts may ask of thresholds. */
@Injectable()
export class ThresholdsFacade {
  constructor(
    private readonly computed: ComputedPoliciesRepository,
    private readonly db: Database,
    private readonly recompute: StartRecomputeUseCase,
  ) {}

  /** Queues a recompute of every SKU x location (e.g. once a history has been loaded); answers the run's id. */
  recomputeAll(): Promise<string> {
    return this.db.transaction((em) => this.recompute.startIn(em, {}, 'manual'));
  }

  /**
   * The policy in force for each SKU x location (inherited defaults applied, computed figures included), keyed
   * `${skuId}:${locationId}`. A pair with no computable policy (no demand history and no static policy) is absent.
   */
  async effectivePolicies(keys: PairKey[]): Promise<Map<string, EffectivePolicy>> {
    const result = new Map<string, EffectivePolicy>();
    for (const c of await this.computed.find(keys)) {
      if (c.reorderPoint === null || c.safetyStock === null || c.orderUpTo === null) continue;
      result.set(pairKey(c), {
        skuId: c.skuId,
        locationId: c.locationId,
        method: c.method,
        reorderPoint: c.reorderPoint,
        safetyStock: c.safetyStock,
        orderUpTo: c.orderUpTo,
        maxStock: c.maxStock,
        dailyDemand: c.d,
        leadTimeDays: c.leadTimeDays,
        leadTimeStdDays: c.leadTimeStdDays,
        reviewPeriodDays: c.reviewPeriodDays,
        supplier: c.supplier
          ? {
              id: c.supplier.id,
              code: c.supplier.code,
              name: c.supplier.name,
              moq: c.supplier.moq,
              packSize: c.supplier.packSize,
              leadTimeDays: c.supplier.leadTimeDays,
            }
          : null,
        computedAt: c.computedAt,
      });
    }
    return result;
  }
}
