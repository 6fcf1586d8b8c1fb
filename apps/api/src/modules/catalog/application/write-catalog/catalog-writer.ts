import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  LocationCreate,
  Location,
  Sku,
  SkuPatch,
  Supplier,
  SupplierCreate,
  SupplierTerms,
  locationCreateSchema,
  locationPatchSchema,
  skuCreateSchema,
  skuPatchSchema,
  supplierCreateSchema,
  supplierPatchSchema,
  supplierTermsSchema,
} from '@stockpulse/contracts';
import { z } from 'zod';
import { ValidationError } from '../../../../shared/errors';
import { Outbox } from '../../../../shared/outbox/outbox';
import { AuditTrail } from '../../../identity';
import {
  DuplicateCodeError,
  UnknownLocationError,
  UnknownSkuError,
  UnknownSupplierError,
} from '../../domain/catalog-errors';
import {
  LOCATION_COLUMNS,
  SKU_COLUMNS,
  SUPPLIER_COLUMNS,
  TERMS_SELECT,
  toLocation,
  toSku,
  toSupplier,
  toTerms,
} from '../../infrastructure/catalog-rows';

type SkuInput = z.output<typeof skuCreateSchema>;
type LocationInput = z.output<typeof locationCreateSchema>;
type SupplierInput = z.output<typeof supplierCreateSchema>;
type TermsInput = z.output<typeof supplierTermsSchema>;
type Listener = () => void;

/**
 * Every write to the catalog: create, patch and upsert (CSV imports, demo data) of SKUs, locations, suppliers
 * and supplier terms. Each runs in the caller's transaction and records its before/after in the audit trail.
 */
@Injectable()
export class CatalogWriter {
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  /** Readers that cache catalog data subscribe here to drop it after a change. */
  onChange(listener: Listener): void {
    this.listeners.add(listener);
  }
  private changed() {
    this.listeners.forEach((l) => l());
  }

  async createSku(em: EntityManager, input: SkuInput): Promise<Sku> {
    const [row] = await em.query(
      `INSERT INTO catalog.skus (code, name, category, base_unit, units, unit_cost, unit_price, active)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) ON CONFLICT (code) DO NOTHING RETURNING ${SKU_COLUMNS}`,
      [input.code, input.name, input.category, input.baseUnit, JSON.stringify(input.units), input.unitCost, input.unitPrice, input.active],
    );
    if (!row) throw new DuplicateCodeError('SKU', input.code);
    const sku = toSku(row);
    await this.audit.record(em, { action: 'sku.created', entityType: 'sku', entityId: sku.code, after: sku });
    this.changed();
    return sku;
  }

  async updateSku(em: EntityManager, code: string, patch: z.output<typeof skuPatchSchema>): Promise<Sku> {
    const [current] = await em.query(`SELECT ${SKU_COLUMNS} FROM catalog.skus WHERE code = $1 FOR UPDATE`, [code]);
    if (!current) throw new UnknownSkuError(code);
    const before = toSku(current);
    const next = { ...before, ...definedOnly(patch) };
    const baseUnit = next.baseUnit.toLowerCase();
    next.units.forEach((u, i) => {
      if (u.name.toLowerCase() === baseUnit) {
        throw new ValidationError('The request body is invalid.', [{ path: `units.${i}.name`, message: `${u.name} is the base unit` }]);
      }
    });
    const [row] = await em.query(
      // (a CTE, because TypeORM answers a bare UPDATE ... RETURNING with [rows, count])
      `WITH u AS (UPDATE catalog.skus SET name = $2, category = $3, base_unit = $4, units = $5::jsonb, unit_cost = $6,
         unit_price = $7, active = $8, updated_at = now()
       WHERE code = $1 RETURNING ${SKU_COLUMNS}) SELECT * FROM u`,
      [code, next.name, next.category, next.baseUnit, JSON.stringify(next.units), next.unitCost, next.unitPrice, next.active],
    );
    const after = toSku(row);
    await this.audit.record(em, { action: 'sku.updated', entityType: 'sku', entityId: code, before, after });
    this.changed();
    return after;
  }

  /** Creates or updates SKUs by code (imports and demo data); returns how many were created and updated. */
  async upsertSkus(em: EntityManager, rows: SkuInput[]): Promise<{ created: number; updated: number }> {
    if (!rows.length) return { created: 0, updated: 0 };
    const existing = await em.query(`SELECT ${SKU_COLUMNS} FROM catalog.skus WHERE code = ANY($1::text[])`, [rows.map((r) => r.code)]);
    const before = new Map<string, Sku>(existing.map((r: Record<string, unknown>) => [r.code as string, toSku(r)]));
    const result = await em.query(
      `INSERT INTO catalog.skus (code, name, category, base_unit, units, unit_cost, unit_price, active)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::numeric[], $7::numeric[], $8::boolean[])
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, category = excluded.category, base_unit = excluded.base_unit,
         units = excluded.units, unit_cost = excluded.unit_cost, unit_price = excluded.unit_price, active = excluded.active,
         updated_at = now()
       RETURNING ${SKU_COLUMNS}`,
      [
        rows.map((r) => r.code),
        rows.map((r) => r.name),
        rows.map((r) => r.category),
        rows.map((r) => r.baseUnit),
        rows.map((r) => JSON.stringify(r.units)),
        rows.map((r) => r.unitCost),
        rows.map((r) => r.unitPrice),
        rows.map((r) => r.active),
      ],
    );
    const after: Sku[] = result.map(toSku);
    await this.audit.recordMany(
      em,
      after.map((s) => ({
        action: before.has(s.code) ? 'sku.updated' : 'sku.created',
        entityType: 'sku',
        entityId: s.code,
        before: before.get(s.code),
        after: s,
      })),
    );
    this.changed();
    return { created: after.filter((s) => !before.has(s.code)).length, updated: after.filter((s) => before.has(s.code)).length };
  }

  async createLocation(em: EntityManager, input: LocationInput): Promise<Location> {
    const [row] = await em.query(
      `INSERT INTO catalog.locations (code, name, type, time_zone, active) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING RETURNING ${LOCATION_COLUMNS}`,
      [input.code, input.name, input.type, input.timeZone, input.active],
    );
    if (!row) throw new DuplicateCodeError('location', input.code);
    const location = toLocation(row);
    await this.audit.record(em, { action: 'location.created', entityType: 'location', entityId: location.code, after: location });
    this.changed();
    return location;
  }

  async updateLocation(em: EntityManager, code: string, patch: z.output<typeof locationPatchSchema>): Promise<Location> {
    const [current] = await em.query(`SELECT ${LOCATION_COLUMNS} FROM catalog.locations WHERE code = $1 FOR UPDATE`, [code]);
    if (!current) throw new UnknownLocationError(code);
    const before = toLocation(current);
    const next = { ...before, ...definedOnly(patch) };
    const [row] = await em.query(
      `WITH u AS (UPDATE catalog.locations SET name = $2, type = $3, time_zone = $4, active = $5, updated_at = now()
       WHERE code = $1 RETURNING ${LOCATION_COLUMNS}) SELECT * FROM u`,
      [code, next.name, next.type, next.timeZone, next.active],
    );
    const after = toLocation(row);
    await this.audit.record(em, { action: 'location.updated', entityType: 'location', entityId: code, before, after });
    this.changed();
    return after;
  }

  async upsertLocations(em: EntityManager, rows: LocationInput[]): Promise<{ created: number; updated: number }> {
    let created = 0;
    let updated = 0;
    for (const r of rows) {
      const [exists] = await em.query(`SELECT 1 FROM catalog.locations WHERE code = $1`, [r.code]);
      if (exists) {
        await this.updateLocation(em, r.code, { name: r.name, type: r.type, timeZone: r.timeZone, active: r.active });
        updated++;
      } else {
        await this.createLocation(em, r);
        created++;
      }
    }
    return { created, updated };
  }

  async createSupplier(em: EntityManager, input: SupplierInput): Promise<Supplier> {
    const [inserted] = await em.query(
      `INSERT INTO catalog.suppliers (code, name, contact_email, active) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [input.code, input.name, input.contactEmail ?? null, input.active],
    );
    if (!inserted) throw new DuplicateCodeError('supplier', input.code);
    const supplier = await this.supplierByCode(em, input.code);
    await this.audit.record(em, { action: 'supplier.created', entityType: 'supplier', entityId: supplier.code, after: supplier });
    return supplier;
  }

  async updateSupplier(em: EntityManager, code: string, patch: z.output<typeof supplierPatchSchema>): Promise<Supplier> {
    const before = await this.supplierByCode(em, code);
    const next = { ...before, ...definedOnly(patch) };
    await em.query(`UPDATE catalog.suppliers SET name = $2, contact_email = $3, active = $4, updated_at = now() WHERE code = $1`, [
      code,
      next.name,
      next.contactEmail ?? null,
      next.active,
    ]);
    const after = await this.supplierByCode(em, code);
    await this.audit.record(em, { action: 'supplier.updated', entityType: 'supplier', entityId: code, before, after });
    return after;
  }

  async upsertSuppliers(em: EntityManager, rows: SupplierInput[]): Promise<{ created: number; updated: number }> {
    let created = 0;
    let updated = 0;
    for (const r of rows) {
      const [exists] = await em.query(`SELECT 1 FROM catalog.suppliers WHERE code = $1`, [r.code]);
      if (exists) {
        await this.updateSupplier(em, r.code, { name: r.name, contactEmail: r.contactEmail ?? null, active: r.active });
        updated++;
      } else {
        await this.createSupplier(em, r);
        created++;
      }
    }
    return { created, updated };
  }

  /** PUT semantics: the terms a supplier offers for a SKU, created or replaced. */
  async putSupplierTerms(em: EntityManager, supplierCode: string, skuCode: string, terms: TermsInput): Promise<SupplierTerms> {
    const [supplier] = await em.query(`SELECT id FROM catalog.suppliers WHERE code = $1`, [supplierCode]);
    if (!supplier) throw new UnknownSupplierError(supplierCode);
    const [sku] = await em.query(`SELECT id FROM catalog.skus WHERE code = $1`, [skuCode]);
    if (!sku) throw new UnknownSkuError(skuCode);
    const [previous] = await em.query(`${TERMS_SELECT} WHERE t.supplier_id = $1 AND t.sku_id = $2`, [supplier.id, sku.id]);
    await em.query(
      `INSERT INTO catalog.supplier_terms (supplier_id, sku_id, lead_time_days, lead_time_std_days, moq, pack_size, unit_cost)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (supplier_id, sku_id) DO UPDATE SET lead_time_days = excluded.lead_time_days,
         lead_time_std_days = excluded.lead_time_std_days, moq = excluded.moq, pack_size = excluded.pack_size,
         unit_cost = excluded.unit_cost, updated_at = now()`,
      [supplier.id, sku.id, terms.leadTimeDays, terms.leadTimeStdDays, terms.moq, terms.packSize, terms.unitCost ?? null],
    );
    const [row] = await em.query(`${TERMS_SELECT} WHERE t.supplier_id = $1 AND t.sku_id = $2`, [supplier.id, sku.id]);
    const after = toTerms(row);
    await this.audit.record(em, {
      action: previous ? 'supplier-terms.updated' : 'supplier-terms.created',
      entityType: 'supplier-terms',
      entityId: `${supplierCode}/${skuCode}`,
      before: previous ? toTerms(previous) : undefined,
      after,
    });
    // thresholds recomputes the SKU's reorder policies (the lead time may have moved)
    await this.outbox.write(em, 'catalog.supplier-terms-changed', { skuId: sku.id as string, supplierId: supplier.id as string });
    return after;
  }

  private async supplierByCode(em: EntityManager, code: string): Promise<Supplier> {
    const [row] = await em.query(`SELECT ${SUPPLIER_COLUMNS} FROM catalog.suppliers s WHERE s.code = $1`, [code]);
    if (!row) throw new UnknownSupplierError(code);
    return toSupplier(row);
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type { LocationCreate, SkuPatch, SupplierCreate };
