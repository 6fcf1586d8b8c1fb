import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * identity: users (email unique case-insensitively), browser sessions (only the SHA-256 of the token is kept)
 * and API keys (only the SHA-256 of the key and a short visible prefix are kept; revoking is soft).
 */
export class IdentityUsers1763800200000 implements MigrationInterface {
  name = 'IdentityUsers1763800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('admin', 'planner', 'viewer')),
        active boolean NOT NULL DEFAULT true,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON identity.users (lower(email))`);
    await q.query(`CREATE INDEX users_created_at_idx ON identity.users (created_at, id)`);

    await q.query(`
      CREATE TABLE identity.sessions (
        token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON identity.sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires_at_idx ON identity.sessions (expires_at)`);

    await q.query(`
      CREATE TABLE identity.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        key_hash bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
        prefix text NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        created_by_kind text NOT NULL,
        created_by_id uuid,
        created_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_created_at_idx ON identity.api_keys (created_at DESC, id)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON identity.audit_log (actor_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX identity.audit_log_actor_idx`);
    await q.query(`DROP TABLE identity.api_keys`);
    await q.query(`DROP TABLE identity.sessions`);
    await q.query(`DROP TABLE identity.users`);
  }
}
