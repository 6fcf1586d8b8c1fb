import { Injectable, Logger } from '@nestjs/common';
import { JOB_CATALOGUE, JobPayloads } from '../../../shared/queue/job-catalogue';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JobContext, JobHandlerInstance } from '../../../shared/queue/job-queue.port';
import { RecomputePoliciesUseCase } from '../application/recompute-policies/recompute-policies.use-case';

/** `thresholds.recompute-policies`: runs a queued recompute (POST /api/v1/policies/recompute), with progress. */
@Injectable()
@JobHandler('thresholds.recompute-policies')
export class RecomputePoliciesJob implements JobHandlerInstance<'thresholds.recompute-policies'> {
  private readonly logger = new Logger(RecomputePoliciesJob.name);

  constructor(private readonly recompute: RecomputePoliciesUseCase) {}

  async handle(payload: JobPayloads['thresholds.recompute-policies'], ctx: JobContext): Promise<void> {
    try {
      await this.recompute.execute(payload.runId, (percent) => ctx.reportProgress(percent));
    } catch (error) {
      const final = ctx.attempt >= JOB_CATALOGUE['thresholds.recompute-policies'].attempts;
      this.logger.error(`recompute ${payload.runId} attempt ${ctx.attempt} stopped: ${(error as Error).message}`);
      await this.recompute.failed(payload.runId, error, final);
      if (!final) throw error;
    }
  }
}

/**
 * `thresholds.recompute-nightly` (repeatable, every few minutes): recomputes every SKU x location once a night, at
 * NIGHTLY_RECOMPUTE_AT; a night missed while no worker ran is caught up when one starts.
 */
@Injectable()
@JobHandler('thresholds.recompute-nightly')
export class RecomputeNightlyJob implements JobHandlerInstance<'thresholds.recompute-nightly'> {
  private readonly startedAt = new Date();

  constructor(private readonly recompute: RecomputePoliciesUseCase) {}

  async handle(_payload: JobPayloads['thresholds.recompute-nightly'], ctx: JobContext): Promise<void> {
    await this.recompute.runNightlyIfDue(new Date(), this.startedAt, (percent) => ctx.reportProgress(percent));
  }
}
