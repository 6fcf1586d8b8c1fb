import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ImportKind, ImportSummary, MAX_IMPORT_BYTES } from '@stockpulse/contracts';
import { Database } from '../../../../../shared/database';
import { ValidationError } from '../../../../../shared/errors';
import { requestContext } from '../../../../../shared/http/request-context';
import { JOB_QUEUE, JobQueue } from '../../../../../shared/queue/job-queue.port';
import { enqueueAfterCommit } from '../../../../../shared/queue/job-registry';
import { AuditTrail } from '../../../../identity';
import { ImportRepository } from '../../infrastructure/import.repository';

/**
 * Stores an uploaded CSV as a queued import and hands it to the `imports` queue once the transaction has committed
 * (the worker, maybe in another process, reads the file from the database).
 */
@Injectable()
export class CreateImportUseCase {
  constructor(
    private readonly db: Database,
    private readonly imports: ImportRepository,
    private readonly audit: AuditTrail,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async execute(kind: ImportKind, content: string | undefined, fileName: string | null): Promise<ImportSummary> {
    if (typeof content !== 'string' || content.trim() === '') {
      throw new ValidationError('The CSV is empty.', [
        { path: 'file', message: 'send a CSV with a header line, as text/csv or as the `file` field of multipart/form-data' },
      ]);
    }
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > MAX_IMPORT_BYTES) {
      throw new ValidationError('The CSV is too large.', [{ path: 'file', message: `must be at most ${MAX_IMPORT_BYTES} bytes` }]);
    }
    const name = fileName?.trim().slice(0, 255) || null;
    return this.db.transaction(async (em) => {
      const created = await this.imports.insert(em, {
        id: randomUUID(),
        kind,
        fileName: name,
        content,
        createdBy: requestContext.actor(),
      });
      await this.audit.record(em, {
        action: 'import.created',
        entityType: 'import',
        entityId: created.id,
        after: { kind, fileName: name, bytes },
      });
      enqueueAfterCommit(em, this.queue, 'ingestion.run-import', { importId: created.id }, { dedupKey: created.id });
      return created;
    });
  }
}
