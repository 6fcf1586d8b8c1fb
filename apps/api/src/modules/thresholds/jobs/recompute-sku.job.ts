import { Injectable } from '@nestjs/common';
import { JobPayloads } from '../../../shared/queue/job-catalogue';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JobContext, JobHandlerInstance } from '../../../shared/queue/job-queue.port';
import { CatalogFacade } from '../../catalog';
import { RecomputePoliciesUseCase } from '../application/recompute-policies/recompute-policies.use-case';

/** `thresholds.recompute-sku`: a SKU's supplier terms changed (catalog event); its policies are recomputed everywhere. */
@Injectable()
@JobHandler('thresholds.recompute-sku')
export class RecomputeSkuJob implements JobHandlerInstance<'thresholds.recompute-sku'> {
  constructor(
    private readonly catalog: CatalogFacade,
    private readonly recompute: RecomputePoliciesUseCase,
  ) {}

  async handle(payload: JobPayloads['thresholds.recompute-sku'], ctx: JobContext): Promise<void> {
    const sku = (await this.catalog.getSkusByIds([payload.skuId])).get(payload.skuId);
    if (!sku) return;
    await this.recompute.runNow('supplier_terms', { skus: [sku.code] }, (percent) => ctx.reportProgress(percent));
  }
}
