import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ingestion: every inbound item that was refused, with the payload exactly as sent and the reason, so that
 * nothing a client sent is lost silently; it can be corrected and replayed.
 */
export class IngestionDeadLetters1763800600000 implements MigrationInterface {
  name = 'IngestionDeadLetters1763800600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS ingestion`);
    await q.query(`
      CREATE TABLE ingestion.dead_letters (
        id bigserial PRIMARY KEY,
        kind text NOT NULL DEFAULT 'movement',
        source text,
        external_id text,
        payload jsonb NOT NULL,
        reason jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'replayed')),
        received_at timestamptz NOT NULL DEFAULT now(),
        received_by text NOT NULL,
        replayed_at timestamptz,
        replayed_by text,
        replay_movement_id bigint
      )`);
    await q.query(`CREATE INDEX dead_letters_status_idx ON ingestion.dead_letters (status, id DESC)`);
    await q.query(`CREATE INDEX dead_letters_source_idx ON ingestion.dead_letters (source, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion.dead_letters`);
  }
}
