import { Injectable } from '@nestjs/common';
import type { Category, Location, Page, Sku, Supplier, SupplierTerms, SkuListQuery } from '@stockpulse/contracts';
import { locationListQuerySchema, supplierListQuerySchema, supplierTermsListQuerySchema } from '@stockpulse/contracts';
import { z } from 'zod';
import { Database } from '../../../../shared/database';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { UnknownLocationError, UnknownSkuError, UnknownSupplierError } from '../../domain/catalog-errors';
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

const SKU_SORT_COLUMNS: Record<string, string> = {
  code: 'code',
  name: 'name',
  category: 'category',
  unitCost: 'unit_cost',
  unitPrice: 'unit_price',
  updatedAt: 'updated_at',
};

/** Escapes LIKE wildcards in a user's search text. */
const like = (q: string) => q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

function orderBy(sort: string | undefined, columns: Record<string, string>, fallback: string): string {
  if (!sort) return `${fallback} ASC`;
  const desc = sort.startsWith('-');
  const column = columns[sort.replace(/^-/, '')] ?? fallback;
  return `${column} ${desc ? 'DESC' : 'ASC'}${column === fallback ? '' : `, ${fallback} ASC`}`;
}

/** The catalog's read side: lists page, sort and filter in the database, never in memory. */
@Injectable()
export class CatalogReader {
  constructor(private readonly db: Database) {}

  async listSkus(query: SkuListQuery): Promise<Page<Sku>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (query.q) {
      const p = param(like(query.q));
      where.push(`(lower(code) LIKE ${p} || '%' OR lower(name) LIKE '%' || ${p} || '%')`);
    }
    if (query.category) where.push(`category = ${param(query.category)}`);
    if (query.active !== undefined) where.push(`active = ${param(query.active)}`);
    if (query.supplier) {
      where.push(`id IN (SELECT t.sku_id FROM catalog.supplier_terms t JOIN catalog.suppliers s ON s.id = t.supplier_id
        WHERE s.code = ${param(query.supplier)})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = decodeCursor(query.cursor, query.offset);
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(
        `SELECT ${SKU_COLUMNS} FROM catalog.skus ${filter} ORDER BY ${orderBy(query.sort, SKU_SORT_COLUMNS, 'code')}
         LIMIT ${param(query.limit)} OFFSET ${param(offset)}`,
        params,
      ),
      this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.skus ${filter}`, params.slice(0, params.length - 2)),
    ]);
    return page(rows.map(toSku), n, offset, query.limit);
  }

  async getSku(code: string): Promise<Sku> {
    const [row] = await this.db.query(`SELECT ${SKU_COLUMNS} FROM catalog.skus WHERE code = $1`, [code]);
    if (!row) throw new UnknownSkuError(code);
    return toSku(row);
  }

  async categories(): Promise<Category[]> {
    const rows = await this.db.query<{ category: string; count: number }>(
      `SELECT category, count(*)::int AS count FROM catalog.skus GROUP BY category ORDER BY category`,
    );
    return rows;
  }

  async listLocations(query: z.output<typeof locationListQuerySchema>): Promise<Page<Location>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (query.q) {
      const p = param(like(query.q));
      where.push(`(lower(code) LIKE ${p} || '%' OR lower(name) LIKE '%' || ${p} || '%')`);
    }
    if (query.type) where.push(`type = ${param(query.type)}`);
    if (query.active !== undefined) where.push(`active = ${param(query.active)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = decodeCursor(query.cursor, query.offset);
    const countParams = [...params];
    const rows = await this.db.query(
      `SELECT ${LOCATION_COLUMNS} FROM catalog.locations ${filter}
       ORDER BY ${orderBy(query.sort, { code: 'code', name: 'name', type: 'type', updatedAt: 'updated_at' }, 'code')}
       LIMIT ${param(query.limit)} OFFSET ${param(offset)}`,
      params,
    );
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.locations ${filter}`, countParams);
    return page(rows.map(toLocation), n, offset, query.limit);
  }

  async getLocation(code: string): Promise<Location> {
    const [row] = await this.db.query(`SELECT ${LOCATION_COLUMNS} FROM catalog.locations WHERE code = $1`, [code]);
    if (!row) throw new UnknownLocationError(code);
    return toLocation(row);
  }

  async listSuppliers(query: z.output<typeof supplierListQuerySchema>): Promise<Page<Supplier>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (query.q) {
      const p = param(like(query.q));
      where.push(`(lower(s.code) LIKE ${p} || '%' OR lower(s.name) LIKE '%' || ${p} || '%')`);
    }
    if (query.active !== undefined) where.push(`s.active = ${param(query.active)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = decodeCursor(query.cursor, query.offset);
    const countParams = [...params];
    const rows = await this.db.query(
      `SELECT ${SUPPLIER_COLUMNS} FROM catalog.suppliers s ${filter}
       ORDER BY ${orderBy(query.sort, { code: 's.code', name: 's.name', updatedAt: 's.updated_at' }, 's.code')}
       LIMIT ${param(query.limit)} OFFSET ${param(offset)}`,
      params,
    );
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.suppliers s ${filter}`, countParams);
    return page(rows.map(toSupplier), n, offset, query.limit);
  }

  async getSupplier(code: string): Promise<Supplier> {
    const [row] = await this.db.query(`SELECT ${SUPPLIER_COLUMNS} FROM catalog.suppliers s WHERE s.code = $1`, [code]);
    if (!row) throw new UnknownSupplierError(code);
    return toSupplier(row);
  }

  async termsOfSupplier(code: string, query: z.output<typeof supplierTermsListQuerySchema>): Promise<Page<SupplierTerms>> {
    await this.getSupplier(code);
    const params: unknown[] = [code];
    const param = (v: unknown) => `$${params.push(v)}`;
    const filter = query.q
      ? (() => {
          const p = param(like(query.q));
          return `AND (lower(k.code) LIKE ${p} || '%' OR lower(k.name) LIKE '%' || ${p} || '%')`;
        })()
      : '';
    const countParams = [...params];
    const offset = decodeCursor(query.cursor, query.offset);
    const rows = await this.db.query(
      `${TERMS_SELECT} WHERE s.code = $1 ${filter}
       ORDER BY ${orderBy(query.sort, { sku: 'k.code', leadTimeDays: 't.lead_time_days', updatedAt: 't.updated_at' }, 'k.code')}
       LIMIT ${param(query.limit)} OFFSET ${param(offset)}`,
      params,
    );
    const [{ n }] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM catalog.supplier_terms t JOIN catalog.suppliers s ON s.id = t.supplier_id
       JOIN catalog.skus k ON k.id = t.sku_id WHERE s.code = $1 ${filter}`,
      countParams,
    );
    return page(rows.map(toTerms), n, offset, query.limit);
  }

  async termsOfSku(code: string): Promise<SupplierTerms[]> {
    await this.getSku(code);
    const rows = await this.db.query(`${TERMS_SELECT} WHERE k.code = $1 ORDER BY t.lead_time_days, s.code`, [code]);
    return rows.map(toTerms);
  }
}
