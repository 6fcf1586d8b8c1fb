import type { Location, Sku, Supplier, SupplierTerms } from '@stockpulse/contracts';

/** Row -> API shape mappers; numeric columns arrive as strings from Postgres. */
type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const SKU_COLUMNS = `id, code, name, category, base_unit, units, unit_cost, unit_price, active, created_at, updated_at`;
export function toSku(r: Row): Sku {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    category: r.category as string,
    baseUnit: r.base_unit as string,
    units: (typeof r.units === 'string' ? JSON.parse(r.units) : r.units) as Sku['units'],
    unitCost: Number(r.unit_cost),
    unitPrice: Number(r.unit_price),
    active: r.active as boolean,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export const LOCATION_COLUMNS = `id, code, name, type, time_zone, active, created_at, updated_at`;
export function toLocation(r: Row): Location {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    type: r.type as Location['type'],
    timeZone: r.time_zone as string,
    active: r.active as boolean,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export const SUPPLIER_COLUMNS = `s.id, s.code, s.name, s.contact_email, s.active, s.created_at, s.updated_at,
  (SELECT count(*)::int FROM catalog.supplier_terms t WHERE t.supplier_id = s.id) AS sku_count`;
export function toSupplier(r: Row): Supplier {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    contactEmail: (r.contact_email as string | null) ?? null,
    active: r.active as boolean,
    skuCount: Number(r.sku_count ?? 0),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export const TERMS_SELECT = `SELECT s.code AS supplier, s.name AS supplier_name, k.code AS sku, k.name AS sku_name,
    t.lead_time_days, t.lead_time_std_days, t.moq, t.pack_size, t.unit_cost, t.updated_at
  FROM catalog.supplier_terms t
  JOIN catalog.suppliers s ON s.id = t.supplier_id
  JOIN catalog.skus k ON k.id = t.sku_id`;
export function toTerms(r: Row): SupplierTerms {
  return {
    supplier: r.supplier as string,
    supplierName: r.supplier_name as string,
    sku: r.sku as string,
    skuName: r.sku_name as string,
    leadTimeDays: Number(r.lead_time_days),
    leadTimeStdDays: Number(r.lead_time_std_days),
    moq: Number(r.moq),
    packSize: Number(r.pack_size),
    unitCost: num(r.unit_cost),
    updatedAt: iso(r.updated_at),
  };
}
