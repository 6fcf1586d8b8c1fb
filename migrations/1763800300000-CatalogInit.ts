import { MigrationInterface, QueryRunner } from 'typeorm';

/** catalog: SKUs with their declared units, locations, suppliers and supplier terms per SKU. */
export class CatalogInit1763800300000 implements MigrationInterface {
  name = 'CatalogInit1763800300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS catalog`);
    await q.query(`
      CREATE TABLE catalog.skus (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        category text NOT NULL,
        base_unit text NOT NULL DEFAULT 'each',
        units jsonb NOT NULL DEFAULT '[]',
        unit_cost numeric(14,4) NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
        unit_price numeric(14,4) NOT NULL DEFAULT 0 CHECK (unit_price >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // the SKU list pages, sorts and filters on the server over 100,000+ SKUs
    await q.query(`CREATE INDEX skus_lower_code_idx ON catalog.skus (lower(code) text_pattern_ops)`);
    await q.query(`CREATE INDEX skus_lower_name_idx ON catalog.skus (lower(name) text_pattern_ops)`);
    await q.query(`CREATE INDEX skus_name_idx ON catalog.skus (name, code)`);
    await q.query(`CREATE INDEX skus_category_idx ON catalog.skus (category, code)`);
    await q.query(`CREATE INDEX skus_updated_idx ON catalog.skus (updated_at, code)`);
    await q.query(`
      CREATE TABLE catalog.locations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('warehouse', 'store', 'dc', '3pl')),
        time_zone text NOT NULL DEFAULT 'UTC',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE catalog.suppliers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        contact_email text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE catalog.supplier_terms (
        supplier_id uuid NOT NULL REFERENCES catalog.suppliers (id),
        sku_id uuid NOT NULL REFERENCES catalog.skus (id),
        lead_time_days numeric(8,2) NOT NULL CHECK (lead_time_days > 0),
        lead_time_std_days numeric(8,2) NOT NULL DEFAULT 0 CHECK (lead_time_std_days >= 0),
        moq integer NOT NULL DEFAULT 1 CHECK (moq >= 1),
        pack_size integer NOT NULL DEFAULT 1 CHECK (pack_size >= 1),
        unit_cost numeric(14,4) CHECK (unit_cost >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (supplier_id, sku_id)
      )`);
    await q.query(`CREATE INDEX supplier_terms_sku_idx ON catalog.supplier_terms (sku_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA catalog CASCADE`);
  }
}
