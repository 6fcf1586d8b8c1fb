import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { InventoryModule } from '../inventory';
import { PoliciesController, PolicyChangesController, PolicyDefaultsController, ServiceLevelsController } from './api/policies.controller';
import { PolicyCalculator } from './application/compute-policies/policy-calculator';
import { DecidePolicyChangeUseCase } from './application/decide-policy-change/decide-policy-change.use-case';
import { ManageDefaultsUseCase } from './application/manage-defaults/manage-defaults.use-case';
import { PolicyApplier } from './application/put-policy/policy-applier';
import { PutPolicyUseCase } from './application/put-policy/put-policy.use-case';
import { ReadPoliciesQuery } from './application/read-policies/read-policies.query';
import { RecomputePoliciesUseCase } from './application/recompute-policies/recompute-policies.use-case';
import { StartRecomputeUseCase } from './application/recompute-policies/start-recompute.use-case';
import { ComputedPoliciesRepository } from './infrastructure/computed-policies.repository';
import { PolicyChangesRepository } from './infrastructure/policy-changes.repository';
import { PolicySettingsRepository } from './infrastructure/policy-settings.repository';
import { RecomputeRunsRepository } from './infrastructure/recompute-runs.repository';
import { RecomputeNightlyJob, RecomputePoliciesJob } from './jobs/recompute-policies.job';
import { RecomputeSkuJob } from './jobs/recompute-sku.job';
import { ThresholdsFacade } from './thresholds.facade';

/**
 * thresholds: reorder policies per SKU x location (static min/max, dynamic from demand history), the defaults they
 * inherit, ABC/XYZ classes and service levels, recompute runs, and changes waiting for approval. Other contexts use
 * ThresholdsFacade.
 */
@Module({
  imports: [CatalogModule, InventoryModule],
  // the policies controller first: its recompute routes must win over :sku/:location
  controllers: [PoliciesController, PolicyDefaultsController, ServiceLevelsController, PolicyChangesController],
  providers: [
    ComputedPoliciesRepository,
    PolicySettingsRepository,
    PolicyChangesRepository,
    RecomputeRunsRepository,
    PolicyCalculator,
    PolicyApplier,
    ReadPoliciesQuery,
    PutPolicyUseCase,
    DecidePolicyChangeUseCase,
    ManageDefaultsUseCase,
    StartRecomputeUseCase,
    RecomputePoliciesUseCase,
    RecomputePoliciesJob,
    RecomputeNightlyJob,
    RecomputeSkuJob,
    ThresholdsFacade,
  ],
  exports: [ThresholdsFacade],
})
export class ThresholdsModule {}
