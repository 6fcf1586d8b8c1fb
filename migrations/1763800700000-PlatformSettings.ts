import { MigrationInterface, QueryRunner } from 'typeorm';

/** platform.settings: small facts the process keeps about itself (e.g. whether the demo data finished loading). */
export class PlatformSettings1763800700000 implements MigrationInterface {
  name = 'PlatformSettings1763800700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform.settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.settings`);
  }
}
