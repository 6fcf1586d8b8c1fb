/**
 * Response shapes of the REST API (see /api/docs). Shared shapes come from @stockpulse/contracts; the rest mirror
 * API.md until their contracts are published.
 */
import type { Me, Page, Problem, Role, Scope } from '@stockpulse/contracts';

export type { Me, Page, Problem, Role, Scope };
export { ROLES, SCOPES } from '@stockpulse/contracts';

export type {
  Category,
  ImportKind,
  ImportRowError,
  Location,
  LocationType,
  Sku,
  StockHistory,
  StockHistoryPoint,
  StockLevel,
  Supplier,
  SupplierTerms,
} from '@stockpulse/contracts';
export type { ImportDetail as ImportJob, StockBuckets as Buckets } from '@stockpulse/contracts';
export { IMPORT_KINDS, LOCATION_TYPES } from '@stockpulse/contracts';
export type SkuUnit = import('@stockpulse/contracts').Sku['units'][number];

export type { ApiKey, CreatedApiKey, User } from '@stockpulse/contracts';
export type { AuditLogEntry as AuditEntry } from '@stockpulse/contracts';
