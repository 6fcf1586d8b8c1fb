import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { RecomputeRequest, RecomputeRun } from '@stockpulse/contracts';
import { EntityManager } from 'typeorm';
import { Database } from '../../../../shared/database';
import { FieldError, ValidationError } from '../../../../shared/errors';
import { requestContext } from '../../../../shared/http/request-context';
import { JOB_QUEUE, JobQueue } from '../../../../shared/queue/job-queue.port';
import { enqueueAfterCommit } from '../../../../shared/queue/job-registry';
import { CatalogFacade } from '../../../catalog';
import { AuditTrail } from '../../../identity';
import { RecomputeRunsRepository } from '../../infrastructure/recompute-runs.repository';

/** POST /api/v1/policies/recompute: a queued run, handed to the queue once committed. */
@Injectable()
export class StartRecomputeUseCase {
  constructor(
    private readonly db: Database,
    private readonly catalog: CatalogFacade,
    private readonly audit: AuditTrail,
    private readonly runs: RecomputeRunsRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async execute(filter: RecomputeRequest): Promise<{ id: string }> {
    const errors: FieldError[] = [];
    if (filter.skus?.length) {
      const found = await this.catalog.resolveSkus(filter.skus);
      filter.skus.forEach((code, i) => found.has(code) || errors.push({ path: `skus.${i}`, message: `there is no SKU ${code}` }));
    }
    if (filter.locations?.length) {
      const found = await this.catalog.resolveLocations(filter.locations);
      filter.locations.forEach((code, i) => found.has(code) || errors.push({ path: `locations.${i}`, message: `there is no location ${code}` }));
    }
    if (errors.length) throw new ValidationError('The request body is invalid.', errors.slice(0, 100));
    const id = await this.db.transaction(async (em) => {
      const runId = await this.startIn(em, filter, 'manual');
      await this.audit.record(em, { action: 'policy-recompute.requested', entityType: 'policy-recompute', entityId: runId, after: filter });
      return runId;
    });
    return { id };
  }

  /** A run queued in the caller's transaction (it starts once that commits); returns its id. */
  async startIn(em: EntityManager, filter: RecomputeRequest, trigger: RecomputeRun['trigger']): Promise<string> {
    const id = randomUUID();
    await this.runs.create(em, { id, trigger, filter, requestedBy: requestContext.actor().name });
    enqueueAfterCommit(em, this.queue, 'thresholds.recompute-policies', { runId: id }, { dedupKey: id });
    return id;
  }
}
