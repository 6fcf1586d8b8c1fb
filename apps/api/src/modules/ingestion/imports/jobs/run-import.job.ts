import { Injectable, Logger } from '@nestjs/common';
import { JOB_CATALOGUE, JobPayloads } from '../../../../shared/queue/job-catalogue';
import { JobHandler } from '../../../../shared/queue/job-handler.decorator';
import { JobContext, JobHandlerInstance } from '../../../../shared/queue/job-queue.port';
import { RunImportUseCase } from '../application/run-import/run-import.use-case';

/**
 * `ingestion.run-import` (queue `imports`): runs a stored CSV import. A retried job starts the import again from
 * scratch (errors and counters cleared; upserts and movement intake are idempotent). After the last attempt the
 * import is marked failed with the reason.
 */
@Injectable()
@JobHandler('ingestion.run-import')
export class RunImportJob implements JobHandlerInstance<'ingestion.run-import'> {
  private readonly logger = new Logger(RunImportJob.name);

  constructor(private readonly runImport: RunImportUseCase) {}

  async handle(payload: JobPayloads['ingestion.run-import'], ctx: JobContext): Promise<void> {
    try {
      await this.runImport.execute(payload.importId, (percent) => ctx.reportProgress(percent));
    } catch (error) {
      const finalAttempt = ctx.attempt >= JOB_CATALOGUE['ingestion.run-import'].attempts;
      this.logger.error(`import ${payload.importId} attempt ${ctx.attempt} stopped: ${(error as Error).message}`);
      await this.runImport.attemptFailed(payload.importId, error, finalAttempt);
      if (!finalAttempt) throw error;
    }
  }
}
