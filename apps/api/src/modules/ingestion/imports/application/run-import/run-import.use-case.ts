import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  ImportKind,
  ImportRowErrorWithRaw,
  MovementItemResult,
  locationCreateSchema,
  skuCreateSchema,
  supplierCreateSchema,
  supplierTermsSchema,
} from '@stockpulse/contracts';
import { Database } from '../../../../../shared/database';
import { DomainError } from '../../../../../shared/errors';
import { requestContext } from '../../../../../shared/http/request-context';
import { CatalogFacade } from '../../../../catalog';
import { IngestMovementsUseCase } from '../../../movements';
import { CsvRow, readCsv } from '../../domain/csv-file';
import { CellError, columnOfField, pathToCellError, recordToInput, rowKey } from '../../domain/csv-rows';
import { Counters, ImportRepository, StoredImport, percentOf } from '../../infrastructure/import.repository';

/** Rows applied per transaction. */
export const IMPORT_CHUNK_SIZE = 500;

const termsRowSchema = supplierTermsSchema.extend({
  supplier: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty'),
  sku: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty'),
});

const CATALOG_SCHEMAS = {
  skus: skuCreateSchema,
  locations: locationCreateSchema,
  suppliers: supplierCreateSchema,
  'supplier-terms': termsRowSchema,
} as const;
type CatalogKind = keyof typeof CATALOG_SCHEMAS;

interface GoodRow {
  line: number;
  raw: string;
  value: Record<string, unknown>;
}

/** What one chunk came to: rows applied and the errors of the others. */
interface ChunkOutcome {
  applied: number;
  errors: ImportRowErrorWithRaw[];
}

/**
 * Runs a stored CSV import from scratch: header check, then chunks of 500 rows, each validated with the API's own
 * schema and applied in one transaction through the catalog writer (upserts by code) or movement intake
 * (idempotent by source + external id), so a run restarted after a crash applies nothing twice. Refused rows are
 * kept with their line, column and reason; counters and progress are updated after every chunk.
 */
@Injectable()
export class RunImportUseCase {
  constructor(
    private readonly db: Database,
    private readonly imports: ImportRepository,
    private readonly catalog: CatalogFacade,
    private readonly movements: IngestMovementsUseCase,
  ) {}

  async execute(importId: string, reportProgress: (percent: number) => Promise<void>): Promise<void> {
    const stored = await this.imports.load(importId);
    // unknown (deleted) or already finished: a redelivered job has nothing left to do
    if (!stored || stored.status === 'completed' || stored.status === 'failed') return;
    const { principal } = actorOf(stored);
    await requestContext.run({ requestId: `import-${stored.id}`, principal }, () => this.run(stored, reportProgress));
  }

  /** After an attempt threw: failed for good on the last attempt, otherwise waiting for the retry. */
  async attemptFailed(importId: string, error: unknown, finalAttempt: boolean): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.db.transaction(async (em) => {
      if (finalAttempt) await this.imports.finish(em, importId, 'failed', `The import stopped: ${message}`);
      else await this.imports.requeue(em, importId, `An attempt stopped (${message}); it will be retried from the start.`);
    });
  }

  private async run(stored: StoredImport, reportProgress: (percent: number) => Promise<void>): Promise<void> {
    await this.db.transaction((em) => this.imports.start(em, stored.id));
    const file = readCsv(stored.kind, stored.content);
    if (!file.ok) {
      await this.db.transaction((em) => this.imports.finish(em, stored.id, 'failed', file.failure));
      return;
    }
    const counters: Counters = { totalRows: file.rows.length, processedRows: 0, appliedRows: 0, errorRows: 0 };
    await this.db.transaction((em) => this.imports.setCounters(em, stored.id, counters));
    await reportProgress(0);

    const seen = new Map<string, number>();
    for (let start = 0; start < file.rows.length; start += IMPORT_CHUNK_SIZE) {
      const chunk = file.rows.slice(start, start + IMPORT_CHUNK_SIZE);
      let next = counters;
      // stores the chunk's errors and counters in the transaction that applied it
      const save = async (em: EntityManager, outcome: ChunkOutcome) => {
        next = {
          totalRows: counters.totalRows,
          processedRows: counters.processedRows + chunk.length,
          appliedRows: counters.appliedRows + outcome.applied,
          errorRows: counters.errorRows + new Set(outcome.errors.map((e) => e.line)).size,
        };
        await this.imports.addErrors(em, stored.id, outcome.errors);
        await this.imports.setCounters(em, stored.id, next);
      };
      if (stored.kind === 'movements') await this.movementChunk(chunk, save);
      else await this.catalogChunk(stored.kind, chunk, seen, save);
      Object.assign(counters, next);
      await reportProgress(percentOf('running', counters.processedRows, counters.totalRows));
    }
    await this.db.transaction((em) => this.imports.finish(em, stored.id, 'completed', null));
    await reportProgress(100);
  }

  private async catalogChunk(
    kind: CatalogKind,
    chunk: CsvRow[],
    seen: Map<string, number>,
    save: (em: EntityManager, outcome: ChunkOutcome) => Promise<void>,
  ): Promise<void> {
    const errors: ImportRowErrorWithRaw[] = [];
    const good: GoodRow[] = [];
    for (const row of chunk) {
      if ('error' in row) {
        errors.push({ line: row.line, field: '', message: row.error, raw: row.raw });
        continue;
      }
      const cells = recordToInput(kind, row.record);
      const parsed = cells.errors.length ? undefined : CATALOG_SCHEMAS[kind].safeParse(cells.input);
      const bad: CellError[] = parsed
        ? parsed.success
          ? []
          : parsed.error.issues.map((issue) => refusal(kind, issue))
        : cells.errors;
      if (bad.length || !parsed?.success) {
        errors.push(...bad.map((e) => ({ line: row.line, ...e, raw: row.raw })));
        continue;
      }
      const value = parsed.data as Record<string, unknown>;
      const key = rowKey(kind, value);
      const earlier = key ? seen.get(key.key) : undefined;
      if (key && earlier !== undefined) {
        errors.push({ line: row.line, field: key.field, message: `repeats line ${earlier} of this file (each row must be unique)`, raw: row.raw });
        continue;
      }
      if (key) seen.set(key.key, row.line);
      good.push({ line: row.line, raw: row.raw, value });
    }

    if (kind === 'supplier-terms') {
      await this.db.transaction(async (em) => {
        let applied = 0;
        for (const row of good) {
          const { supplier, sku, ...terms } = row.value as z.output<typeof termsRowSchema>;
          try {
            await this.catalog.writer.putSupplierTerms(em, supplier, sku, terms);
            applied++;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            errors.push(domainRefusal(kind, row, error));
          }
        }
        await save(em, { applied, errors: byLine(errors) });
      });
      return;
    }

    try {
      await this.db.transaction(async (em) => {
        await this.upsert(em, kind, good.map((r) => r.value));
        await save(em, { applied: good.length, errors: byLine(errors) });
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // one row is refused at apply time: apply the others one by one, so that only that row is an error
      let applied = 0;
      for (const row of good) {
        try {
          await this.db.transaction((em) => this.upsert(em, kind, [row.value]));
          applied++;
        } catch (rowError) {
          if (!(rowError instanceof DomainError)) throw rowError;
          errors.push(domainRefusal(kind, row, rowError));
        }
      }
      await this.db.transaction((em) => save(em, { applied, errors: byLine(errors) }));
    }
  }

  private async upsert(em: EntityManager, kind: 'skus' | 'locations' | 'suppliers', rows: Record<string, unknown>[]): Promise<void> {
    const writer = this.catalog.writer;
    if (kind === 'skus') await writer.upsertSkus(em, rows as z.output<typeof skuCreateSchema>[]);
    else if (kind === 'locations') await writer.upsertLocations(em, rows as z.output<typeof locationCreateSchema>[]);
    else await writer.upsertSuppliers(em, rows as z.output<typeof supplierCreateSchema>[]);
  }

  private async movementChunk(chunk: CsvRow[], save: (em: EntityManager, outcome: ChunkOutcome) => Promise<void>): Promise<void> {
    const errors: ImportRowErrorWithRaw[] = [];
    const items: unknown[] = [];
    const itemRows: CsvRow[] = [];
    for (const row of chunk) {
      if ('error' in row) {
        errors.push({ line: row.line, field: '', message: row.error, raw: row.raw });
        continue;
      }
      items.push(recordToInput('movements', row.record).input);
      itemRows.push(row);
    }
    let applied = 0;
    if (items.length) {
      // intake validates each item itself, records the good ones and keeps each refused one as a dead letter
      const result = await this.movements.execute(items, { itemPath: (i) => String(i) });
      result.items.forEach((r: MovementItemResult, i) => {
        if (r.status !== 'rejected') {
          applied++;
          return;
        }
        const row = itemRows[i];
        for (const e of r.errors ?? [{ path: String(i), message: 'refused' }]) {
          const field = e.path === String(i) ? '' : e.path.slice(String(i).length + 1);
          const [head, ...rest] = field.split('.');
          const column = head ? columnOfField('movements', head) : '';
          errors.push({ line: row.line, field: column, message: rest.length ? `${rest.join('.')}: ${e.message}` : e.message, raw: row.raw });
        }
      });
    }
    await this.db.transaction((em) => save(em, { applied, errors: byLine(errors) }));
  }
}

function refusal(kind: ImportKind, issue: z.core.$ZodIssue): CellError {
  if (issue.code === 'unrecognized_keys') return { field: issue.keys.join(','), message: `unknown field: ${issue.keys.join(', ')}` };
  return pathToCellError(kind, issue.path as (string | number)[], issue.message);
}

/** A row the catalog refused at apply time (unknown SKU or supplier, ...), named by the column it is about. */
function domainRefusal(kind: ImportKind, row: GoodRow, error: DomainError): ImportRowErrorWithRaw {
  const fieldError = error.errors?.[0];
  let field = fieldError ? columnOfField(kind, fieldError.path.split('.').pop() ?? '') : '';
  if (!field && kind === 'supplier-terms') {
    if (/supplier/i.test(error.name)) field = 'supplier';
    else if (/sku/i.test(error.name)) field = 'sku';
  }
  return { line: row.line, field, message: error.message, raw: row.raw };
}

function byLine(errors: ImportRowErrorWithRaw[]): ImportRowErrorWithRaw[] {
  return [...errors].sort((a, b) => a.line - b.line);
}

function actorOf(stored: StoredImport) {
  const { kind, id, name } = stored.createdBy;
  const principal = kind !== 'system' && id ? { kind, id, name, scopes: new Set<never>() } : undefined;
  return { principal };
}
