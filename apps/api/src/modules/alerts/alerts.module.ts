import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { InventoryModule } from '../inventory';
import { ThresholdsFacade, ThresholdsModule } from '../thresholds';
import { AlertSettingsController, AlertsController } from './api/alerts.controller';
import { AlertChanges } from './application/alert-changes';
import { AlertLifecycleUseCase } from './application/alert-lifecycle/alert-lifecycle.use-case';
import { AlertSettingsUseCase } from './application/alert-settings/alert-settings.use-case';
import { AlertTimersUseCase } from './application/alert-timers/alert-timers.use-case';
import { EvaluateStockLevelUseCase } from './application/evaluate-stock-level/evaluate-stock-level.use-case';
import { EvaluationBatcher } from './application/evaluate-stock-level/evaluation-batcher';
import { PolicySource } from './application/evaluate-stock-level/policy-source';
import { QueryAlertsUseCase } from './application/query-alerts/query-alerts.use-case';
import { AlertSettingsStore } from './infrastructure/alert-settings.store';
import { AlertStream } from './infrastructure/alert-stream';
import { Clock } from './infrastructure/clock';
import { EscalateUnacknowledgedAlertsJob, WakeSnoozedAlertsJob } from './jobs/alert-timers.job';
import { EvaluateStockLevelJob } from './jobs/evaluate-stock-level.job';
import { EvaluateAllStockLevelsJob } from './jobs/evaluate-all-stock-levels.job';
import { EvaluateStockLevelsJob } from './jobs/evaluate-stock-levels.job';

/**
 * alerts: one alert per SKU x location x family, opened, escalated and resolved as stock moves (evaluated on
 * every stock change and policy recompute, through the outbox), acknowledged, snoozed and resolved by people,
 * escalated when nobody acknowledges a critical one; KPIs; a live stream for the inbox.
 */
@Module({
  imports: [CatalogModule, InventoryModule, ThresholdsModule],
  controllers: [AlertsController, AlertSettingsController],
  providers: [
    Clock,
    AlertStream,
    AlertSettingsStore,
    AlertChanges,
    { provide: PolicySource, useExisting: ThresholdsFacade },
    EvaluateStockLevelUseCase,
    EvaluationBatcher,
    AlertLifecycleUseCase,
    AlertTimersUseCase,
    AlertSettingsUseCase,
    QueryAlertsUseCase,
    EvaluateStockLevelJob,
    EvaluateStockLevelsJob,
    EvaluateAllStockLevelsJob,
    WakeSnoozedAlertsJob,
    EscalateUnacknowledgedAlertsJob,
  ],
  exports: [],
})
export class AlertsModule {}
