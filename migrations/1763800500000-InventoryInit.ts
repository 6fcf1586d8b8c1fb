import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * inventory: the append-only movement ledger and the stock levels per SKU x location (shared/DOMAIN.md).
 *
 * - Every bucket change is a ledger row carrying its explicit deltas; stock_levels is the materialised sum of the
 *   ledger per SKU x location (conservation invariant), updated in the same transaction as the ledger insert.
 * - A transfer_out writes two rows: the `primary` leg at the source (-on_hand) and a `peer` leg at the
 *   destination (+in_transit). (source, external_id) is unique among primary legs: the peer leg repeats them.
 * - `available` and `inventory_position` are computed in one place in SQL: the view inventory.stock_level_figures
 *   (mirrored by domain/stock-level.ts in TypeScript).
 */
export class InventoryInit1763800500000 implements MigrationInterface {
  name = 'InventoryInit1763800500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS inventory`);
    await q.query(`
      CREATE TABLE inventory.movements (
        id bigserial PRIMARY KEY,
        sku_id uuid NOT NULL,
        location_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('receipt', 'sale', 'issue', 'return', 'adjustment', 'count',
                                           'transfer_out', 'transfer_in', 'hold', 'release')),
        leg text NOT NULL DEFAULT 'primary' CHECK (leg IN ('primary', 'peer')),
        quantity integer NOT NULL,
        on_hand_delta integer NOT NULL DEFAULT 0,
        on_hold_delta integer NOT NULL DEFAULT 0,
        reserved_delta integer NOT NULL DEFAULT 0,
        in_transit_delta integer NOT NULL DEFAULT 0,
        on_order_delta integer NOT NULL DEFAULT 0,
        counted_value integer,
        unit text,
        unit_quantity integer NOT NULL,
        transfer_peer_location_id uuid,
        from_order boolean NOT NULL DEFAULT false,
        source text NOT NULL,
        external_id text NOT NULL,
        reason text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL,
        CHECK (type <> 'count' OR leg = 'peer' OR counted_value IS NOT NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX movements_source_external_id_key ON inventory.movements (source, external_id) WHERE leg = 'primary'`,
    );
    await q.query(`CREATE INDEX movements_sku_location_occurred_idx ON inventory.movements (sku_id, location_id, occurred_at)`);
    await q.query(`CREATE INDEX movements_occurred_idx ON inventory.movements (occurred_at DESC, id DESC)`);
    // append-only: a movement is corrected by another movement, never edited or deleted
    await q.query(`
      CREATE FUNCTION inventory.movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'inventory.movements is append-only: record a correcting movement instead'; END $$`);
    await q.query(`
      CREATE TRIGGER movements_append_only BEFORE UPDATE OR DELETE ON inventory.movements
      FOR EACH ROW EXECUTE FUNCTION inventory.movements_append_only()`);

    await q.query(`
      CREATE TABLE inventory.stock_levels (
        sku_id uuid NOT NULL,
        location_id uuid NOT NULL,
        on_hand integer NOT NULL DEFAULT 0,
        on_hold integer NOT NULL DEFAULT 0 CHECK (on_hold >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        in_transit integer NOT NULL DEFAULT 0,
        on_order integer NOT NULL DEFAULT 0,
        version bigint NOT NULL DEFAULT 0,
        last_movement_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku_id, location_id)
      )`);
    await q.query(`CREATE INDEX stock_levels_location_idx ON inventory.stock_levels (location_id)`);
    await q.query(`
      CREATE VIEW inventory.stock_level_figures AS
      SELECT s.*,
             s.on_hand - s.on_hold - s.reserved AS available,
             s.on_hand - s.on_hold - s.reserved + s.in_transit + s.on_order AS inventory_position
      FROM inventory.stock_levels s`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA inventory CASCADE`);
  }
}
