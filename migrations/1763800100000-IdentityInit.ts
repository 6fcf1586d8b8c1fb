import { MigrationInterface, QueryRunner } from 'typeorm';

/** identity: the append-only audit log (users, sessions and API keys follow in their own migration). */
export class IdentityInit1763800100000 implements MigrationInterface {
  name = 'IdentityInit1763800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS identity`);
    await q.query(`
      CREATE TABLE identity.audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api-key', 'system')),
        actor_id uuid,
        actor_name text NOT NULL,
        request_id text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON identity.audit_log (at DESC)`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON identity.audit_log (entity_type, entity_id, at DESC)`);
    // append-only: the log cannot be edited or deleted from, not even by the application
    await q.query(`
      CREATE FUNCTION identity.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'identity.audit_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON identity.audit_log
      FOR EACH ROW EXECUTE FUNCTION identity.audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA identity CASCADE`);
  }
}
