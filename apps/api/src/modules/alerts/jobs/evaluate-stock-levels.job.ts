import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JobHandlerInstance } from '../../../shared/queue/job-queue.port';
import { JobPayloads } from '../../../shared/queue/job-catalogue';
import { EvaluateStockLevelUseCase } from '../application/evaluate-stock-level/evaluate-stock-level.use-case';

/** A chunk of a batch's SKU x locations, evaluated together; a retry evaluates the chunk again (idempotent). */
@Injectable()
@JobHandler('alerts.evaluate-stock-levels')
export class EvaluateStockLevelsJob implements JobHandlerInstance<'alerts.evaluate-stock-levels'> {
  constructor(private readonly evaluate: EvaluateStockLevelUseCase) {}

  async handle(payload: JobPayloads['alerts.evaluate-stock-levels']): Promise<void> {
    const failures = await this.evaluate.executeMany(payload.levels);
    if (failures.size) {
      const [first] = failures.values();
      throw new Error(`${failures.size} of ${payload.levels.length} evaluations failed, first: ${(first as Error)?.message ?? String(first)}`);
    }
  }
}
