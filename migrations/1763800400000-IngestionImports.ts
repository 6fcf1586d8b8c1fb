import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ingestion: CSV imports (catalog and movements). The file itself is kept with the import so that a worker in
 * another process can run it; each refused row is kept with its line, column and reason.
 */
export class IngestionImports1763800400000 implements MigrationInterface {
  name = 'IngestionImports1763800400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS ingestion`);
    await q.query(`
      CREATE TABLE ingestion.imports (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('skus', 'locations', 'suppliers', 'supplier-terms', 'movements')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        file_name text,
        content text NOT NULL,
        total_rows integer NOT NULL DEFAULT 0 CHECK (total_rows >= 0),
        processed_rows integer NOT NULL DEFAULT 0 CHECK (processed_rows >= 0),
        applied_rows integer NOT NULL DEFAULT 0 CHECK (applied_rows >= 0),
        error_rows integer NOT NULL DEFAULT 0 CHECK (error_rows >= 0),
        failure text,
        created_by text NOT NULL,
        created_by_kind text NOT NULL DEFAULT 'system',
        created_by_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX imports_created_idx ON ingestion.imports (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX imports_kind_status_idx ON ingestion.imports (kind, status, created_at DESC)`);
    await q.query(`
      CREATE TABLE ingestion.import_errors (
        id bigserial PRIMARY KEY,
        import_id uuid NOT NULL REFERENCES ingestion.imports (id) ON DELETE CASCADE,
        line integer NOT NULL,
        field text NOT NULL DEFAULT '',
        message text NOT NULL,
        raw text
      )`);
    await q.query(`CREATE INDEX import_errors_import_idx ON ingestion.import_errors (import_id, line, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion.import_errors`);
    await q.query(`DROP TABLE ingestion.imports`);
  }
}
