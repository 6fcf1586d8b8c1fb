import { Inject, Injectable } from '@nestjs/common';
import { EVALUATION_CHUNK } from '../../../shared/queue/job-catalogue';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JOB_QUEUE, JobHandlerInstance, JobQueue, JobRequest } from '../../../shared/queue/job-queue.port';
import { InventoryFacade } from '../../inventory';

/** Every SKU x location with a stock level, evaluated again in chunks (after a change of the alert settings). */
@Injectable()
@JobHandler('alerts.evaluate-all-stock-levels')
export class EvaluateAllStockLevelsJob implements JobHandlerInstance<'alerts.evaluate-all-stock-levels'> {
  constructor(
    private readonly inventory: InventoryFacade,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async handle(): Promise<void> {
    const levels = (await this.inventory.stockLevelKeys()).map((k) => ({ skuId: k.skuId, locationId: k.locationId }));
    const jobs: JobRequest[] = [];
    for (let i = 0; i < levels.length; i += EVALUATION_CHUNK) {
      jobs.push({ name: 'alerts.evaluate-stock-levels', payload: { levels: levels.slice(i, i + EVALUATION_CHUNK) } });
    }
    await this.queue.enqueueMany(jobs);
  }
}
