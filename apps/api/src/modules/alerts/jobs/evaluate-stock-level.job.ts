import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JobHandlerInstance } from '../../../shared/queue/job-queue.port';
import { JobPayloads } from '../../../shared/queue/job-catalogue';
import { EvaluationBatcher } from '../application/evaluate-stock-level/evaluation-batcher';

@Injectable()
@JobHandler('alerts.evaluate-stock-level')
export class EvaluateStockLevelJob implements JobHandlerInstance<'alerts.evaluate-stock-level'> {
  constructor(private readonly batcher: EvaluationBatcher) {}

  async handle(payload: JobPayloads['alerts.evaluate-stock-level']): Promise<void> {
    await this.batcher.submit({ skuId: payload.skuId, locationId: payload.locationId });
  }
}
