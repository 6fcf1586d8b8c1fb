import { z } from 'zod';
import { pageQuerySchema } from './common';

/** What a CSV import loads. Catalog kinds are upserts by code; movements are idempotent by source + external_id. */
export const IMPORT_KINDS = ['skus', 'locations', 'suppliers', 'supplier-terms', 'movements'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Largest CSV accepted by POST /api/v1/imports/{kind}. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
/** How many row errors GET /api/v1/imports/{id} includes; the rest are paged at /errors. */
export const IMPORT_ERRORS_INLINE = 100;

/**
 * The header of each kind of CSV (snake_case, any order, case-insensitive). A missing required column or an
 * unknown one fails the whole import before any row is applied. An empty optional cell takes the default.
 */
export const IMPORT_COLUMNS: Record<ImportKind, { required: readonly string[]; optional: readonly string[] }> = {
  skus: { required: ['code', 'name'], optional: ['category', 'base_unit', 'unit_cost', 'unit_price', 'active', 'units'] },
  locations: { required: ['code', 'name', 'type'], optional: ['time_zone', 'active'] },
  suppliers: { required: ['code', 'name'], optional: ['contact_email', 'active'] },
  'supplier-terms': {
    required: ['supplier', 'sku', 'lead_time_days'],
    optional: ['lead_time_std_days', 'moq', 'pack_size', 'unit_cost'],
  },
  movements: {
    required: ['source', 'external_id', 'sku', 'location', 'type', 'quantity', 'occurred_at'],
    optional: ['unit', 'reason', 'to_location', 'from_location'],
  },
};

/** One refused row: the CSV line (the header is line 1), the CSV column and why. */
export interface ImportRowError {
  line: number;
  /** the CSV column name; empty when the row as a whole is refused (e.g. a wrong number of cells) */
  field: string;
  message: string;
}

export interface ImportRowErrorWithRaw extends ImportRowError {
  /** the row as it appears in the file */
  raw: string | null;
}

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string | null;
  totalRows: number;
  processedRows: number;
  appliedRows: number;
  errorRows: number;
  /** 0..100 */
  percent: number;
  /** why the import failed as a whole (bad header, crash); null otherwise */
  failure: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** GET /api/v1/imports/{id}: the summary and the first 100 row errors. */
export interface ImportDetail extends ImportSummary {
  errors: ImportRowError[];
}

export const importListQuerySchema = pageQuerySchema
  .omit({ sort: true })
  .extend({
    kind: z.enum(IMPORT_KINDS, { message: `must be one of ${IMPORT_KINDS.join(', ')}` }).optional(),
    status: z.enum(IMPORT_STATUSES, { message: `must be one of ${IMPORT_STATUSES.join(', ')}` }).optional(),
  })
  .strict();
export type ImportListQuery = z.infer<typeof importListQuerySchema>;

export const importErrorsQuerySchema = pageQuerySchema.omit({ sort: true }).strict();
export type ImportErrorsQuery = z.infer<typeof importErrorsQuerySchema>;
