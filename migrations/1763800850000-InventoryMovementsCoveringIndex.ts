import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * inventory: the ledger's (sku_id, location_id, occurred_at) index also carries the columns demand history sums
 * (type, quantity and the available deltas), so a policy recompute reads a SKU x location's window from the index
 * alone (an index-only scan) instead of one heap page per movement: the ledger is appended in time order, so one
 * pair's rows lie scattered over the whole table. The price: a wider index entry to write on every movement.
 */
export class InventoryMovementsCoveringIndex1763800850000 implements MigrationInterface {
  name = 'InventoryMovementsCoveringIndex1763800850000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX movements_sku_location_occurred_covering_idx ON inventory.movements (sku_id, location_id, occurred_at)
       INCLUDE (type, quantity, on_hand_delta, on_hold_delta, reserved_delta)`,
    );
    await q.query(`DROP INDEX inventory.movements_sku_location_occurred_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX movements_sku_location_occurred_idx ON inventory.movements (sku_id, location_id, occurred_at)`);
    await q.query(`DROP INDEX inventory.movements_sku_location_occurred_covering_idx`);
  }
}
