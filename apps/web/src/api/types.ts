/**
 * Response shapes of the REST API (see /api/docs). Shared shapes come from @stockpulse/contracts; the rest mirror
 * API.md until their contracts are published.
 */
import type { Me, Page, Problem, Role, Scope } from '@stockpulse/contracts';

export type { Me, Page, Problem, Role, Scope };
export { ROLES, SCOPES } from '@stockpulse/contracts';

export interface SkuUnit {
  name: string;
  factor: number;
}

export interface Sku {
  id?: string;
  code: string;
  name: string;
  category: string | null;
  baseUnit: string;
  units: SkuUnit[];
  unitCost: string | number | null;
  unitPrice: string | number | null;
  active: boolean;
  createdAt?: string;
  updatedAt?: string;
}

export interface Category {
  category: string;
  count: number;
}

export const LOCATION_TYPES = ['warehouse', 'store', 'dc', '3pl'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

export interface Location {
  id?: string;
  code: string;
  name: string;
  type: LocationType;
  timeZone: string;
  active?: boolean;
  updatedAt?: string;
}

export interface Supplier {
  id?: string;
  code: string;
  name: string;
  active?: boolean;
  updatedAt?: string;
}

export interface SupplierTerms {
  supplier?: string;
  sku: string;
  skuName?: string;
  leadTimeDays: number;
  leadTimeStdDays: number | string | null;
  moq: number | null;
  packSize: number | null;
  unitCost: string | number | null;
  updatedAt?: string;
}

export interface Buckets {
  onHand: number;
  onHold: number;
  reserved: number;
  inTransit: number;
  onOrder: number;
  available: number;
  inventoryPosition: number;
}

export interface StockLevel extends Buckets {
  sku: string;
  location: string;
  locationName?: string;
  reorderPoint?: number | null;
  safetyStock?: number | null;
  status?: string | null;
  updatedAt?: string;
}

export interface StockHistoryPoint extends Buckets {
  at: string;
}

export interface StockHistory {
  sku?: string;
  location?: string;
  series: StockHistoryPoint[];
  asOf?: (Buckets & { at?: string }) | null;
}

export const IMPORT_KINDS = ['skus', 'locations', 'suppliers', 'supplier-terms', 'movements'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportRowError {
  line: number;
  field: string | null;
  message: string;
}

export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: 'queued' | 'running' | 'completed' | 'failed' | string;
  totalRows: number | null;
  processedRows: number;
  appliedRows: number;
  errorRows: number;
  percent: number;
  errors: ImportRowError[];
  fileName?: string | null;
  createdAt?: string;
  finishedAt?: string | null;
  /** why a whole import failed (a bad header, for instance) */
  failure?: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt?: string;
  lastLoginAt?: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  scopes: Scope[];
  prefix?: string;
  createdAt?: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  createdBy?: string | null;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorKind: 'user' | 'api-key' | 'system';
  actorId: string | null;
  actorName: string;
  requestId?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}
