import { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform kernel: the transactional outbox and the idempotency keys of retried HTTP writes. */
export class PlatformInit1763800000000 implements MigrationInterface {
  name = 'PlatformInit1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await q.query(`
      CREATE TABLE platform.outbox (
        id bigserial PRIMARY KEY,
        event text NOT NULL,
        payload jsonb NOT NULL,
        dedup_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON platform.outbox (id) WHERE relayed_at IS NULL`);
    await q.query(`
      CREATE TABLE platform.idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA platform CASCADE`);
  }
}
