import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type {
  ImportKind,
  ImportListQuery,
  ImportRowErrorWithRaw,
  ImportStatus,
  ImportSummary,
  ImportRowError,
} from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';

export interface NewImport {
  id: string;
  kind: ImportKind;
  fileName: string | null;
  content: string;
  createdBy: { kind: 'user' | 'api-key' | 'system'; id: string | null; name: string };
}

/** What the job needs to run an import. */
export interface StoredImport {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  content: string;
  createdBy: { kind: 'user' | 'api-key' | 'system'; id: string | null; name: string };
}

export interface Counters {
  totalRows: number;
  processedRows: number;
  appliedRows: number;
  errorRows: number;
}

const SUMMARY_COLUMNS = `id, kind, status, file_name, total_rows, processed_rows, applied_rows, error_rows, failure, created_by,
  created_at, started_at, finished_at`;

/** ingestion.imports and ingestion.import_errors. */
@Injectable()
export class ImportRepository {
  constructor(private readonly db: Database) {}

  async insert(em: EntityManager, i: NewImport): Promise<ImportSummary> {
    const [row] = await em.query(
      `INSERT INTO ingestion.imports (id, kind, file_name, content, created_by, created_by_kind, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SUMMARY_COLUMNS}`,
      [i.id, i.kind, i.fileName, i.content, i.createdBy.name, i.createdBy.kind, i.createdBy.id],
    );
    return toSummary(row);
  }

  async load(id: string): Promise<StoredImport | undefined> {
    const [row] = await this.db.query(
      `SELECT id, kind, status, content, created_by, created_by_kind, created_by_id FROM ingestion.imports WHERE id = $1`,
      [id],
    );
    if (!row) return undefined;
    return {
      id: row.id as string,
      kind: row.kind as ImportKind,
      status: row.status as ImportStatus,
      content: row.content as string,
      createdBy: { kind: row.created_by_kind as StoredImport['createdBy']['kind'], id: row.created_by_id as string | null, name: row.created_by as string },
    };
  }

  /** Starts (or restarts, after a crash) a run from scratch: no errors, counters at zero. */
  async start(em: EntityManager, id: string): Promise<void> {
    await em.query(`DELETE FROM ingestion.import_errors WHERE import_id = $1`, [id]);
    await em.query(
      `UPDATE ingestion.imports SET status = 'running', started_at = now(), finished_at = NULL, failure = NULL,
         total_rows = 0, processed_rows = 0, applied_rows = 0, error_rows = 0
       WHERE id = $1`,
      [id],
    );
  }

  async setCounters(em: EntityManager, id: string, c: Counters): Promise<void> {
    await em.query(
      `UPDATE ingestion.imports SET total_rows = $2, processed_rows = $3, applied_rows = $4, error_rows = $5 WHERE id = $1`,
      [id, c.totalRows, c.processedRows, c.appliedRows, c.errorRows],
    );
  }

  async addErrors(em: EntityManager, id: string, errors: readonly ImportRowErrorWithRaw[]): Promise<void> {
    if (!errors.length) return;
    await em.query(
      `INSERT INTO ingestion.import_errors (import_id, line, field, message, raw)
       SELECT $1, l, f, m, r FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(l, f, m, r, n)
       ORDER BY n`,
      [id, errors.map((e) => e.line), errors.map((e) => e.field), errors.map((e) => e.message), errors.map((e) => e.raw)],
    );
  }

  async finish(em: EntityManager, id: string, status: 'completed' | 'failed', failure: string | null): Promise<void> {
    await em.query(`UPDATE ingestion.imports SET status = $2, failure = $3, finished_at = now() WHERE id = $1`, [id, status, failure]);
  }

  /** Between two attempts: waiting again for the queue, with why the last attempt stopped. */
  async requeue(em: EntityManager, id: string, failure: string): Promise<void> {
    await em.query(`UPDATE ingestion.imports SET status = 'queued', failure = $2 WHERE id = $1`, [id, failure]);
  }

  async summary(id: string): Promise<ImportSummary | undefined> {
    const [row] = await this.db.query(`SELECT ${SUMMARY_COLUMNS} FROM ingestion.imports WHERE id = $1`, [id]);
    return row ? toSummary(row) : undefined;
  }

  async list(query: ImportListQuery, offset: number): Promise<{ items: ImportSummary[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.kind) {
      params.push(query.kind);
      where.push(`kind = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ingestion.imports ${filter}`, params);
    const rows = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ingestion.imports ${filter}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, offset],
    );
    return { items: rows.map(toSummary), total };
  }

  async errors(id: string, limit: number, offset: number): Promise<{ items: ImportRowErrorWithRaw[]; total: number }> {
    const [{ total }] = await this.db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM ingestion.import_errors WHERE import_id = $1`,
      [id],
    );
    const rows = await this.db.query(
      `SELECT line, field, message, raw FROM ingestion.import_errors WHERE import_id = $1 ORDER BY line, id LIMIT $2 OFFSET $3`,
      [id, limit, offset],
    );
    return { items: rows.map((r) => ({ line: Number(r.line), field: r.field as string, message: r.message as string, raw: r.raw as string | null })), total };
  }

  async firstErrors(id: string, limit: number): Promise<ImportRowError[]> {
    const rows = await this.db.query(
      `SELECT line, field, message FROM ingestion.import_errors WHERE import_id = $1 ORDER BY line, id LIMIT $2`,
      [id, limit],
    );
    return rows.map((r) => ({ line: Number(r.line), field: r.field as string, message: r.message as string }));
  }
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

export function percentOf(status: ImportStatus, processed: number, total: number): number {
  if (status === 'completed') return 100;
  if (!total) return 0;
  return Math.min(100, Math.floor((processed * 100) / total));
}

function toSummary(r: Record<string, unknown>): ImportSummary {
  const status = r.status as ImportStatus;
  const processed = Number(r.processed_rows);
  const total = Number(r.total_rows);
  return {
    id: r.id as string,
    kind: r.kind as ImportKind,
    status,
    fileName: (r.file_name as string | null) ?? null,
    totalRows: total,
    processedRows: processed,
    appliedRows: Number(r.applied_rows),
    errorRows: Number(r.error_rows),
    percent: percentOf(status, processed, total),
    failure: (r.failure as string | null) ?? null,
    createdBy: r.created_by as string,
    createdAt: iso(r.created_at) as string,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}
