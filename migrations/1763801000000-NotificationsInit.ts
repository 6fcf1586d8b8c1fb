import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * notifications: recipients and their preferences, routing rules, deliveries (one row per alert x recipient x
 * channel x escalation step x kind, written before anything is sent), suppressed addresses, digest items and the
 * log of messages kept instead of sent (the embedded default without SMTP / Twilio).
 */
export class NotificationsInit1763801000000 implements MigrationInterface {
  name = 'NotificationsInit1763801000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS notifications`);
    await q.query(`
      CREATE TABLE notifications.recipients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        user_id uuid UNIQUE,
        email text,
        phone text,
        webhook_url text,
        webhook_secret text,
        time_zone text NOT NULL DEFAULT 'UTC',
        quiet_hours jsonb,
        channel_severities jsonb NOT NULL DEFAULT '{}',
        digest jsonb,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX recipients_external_email ON notifications.recipients (lower(email)) WHERE user_id IS NULL AND phone IS NULL AND webhook_url IS NULL`);
    await q.query(`CREATE UNIQUE INDEX recipients_external_phone ON notifications.recipients (phone) WHERE user_id IS NULL AND email IS NULL AND webhook_url IS NULL`);
    await q.query(`
      CREATE TABLE notifications.rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        severities text[] NOT NULL DEFAULT '{}',
        kinds text[] NOT NULL DEFAULT '{}',
        categories text[] NOT NULL DEFAULT '{}',
        locations text[] NOT NULL DEFAULT '{}',
        suppliers text[] NOT NULL DEFAULT '{}',
        channels text[] NOT NULL,
        recipients jsonb NOT NULL,
        escalation jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notifications.deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        alert_id uuid,
        digest_id uuid,
        recipient_id uuid NOT NULL REFERENCES notifications.recipients(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook', 'dashboard')),
        address text NOT NULL,
        escalation_step integer NOT NULL DEFAULT 0,
        kind text,
        event text NOT NULL CHECK (event IN ('alert', 'resolved', 'digest')),
        severity text,
        content jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sending', 'retrying', 'delivered', 'dead', 'rejected', 'suppressed', 'unknown')),
        attempts integer NOT NULL DEFAULT 0,
        lease_until timestamptz,
        lease_token uuid,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        provider_id text,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((alert_id IS NULL) <> (digest_id IS NULL))
      )`);
    // never two messages for the same alert x recipient x channel x escalation step (x kind and event)
    await q.query(`
      CREATE UNIQUE INDEX deliveries_once ON notifications.deliveries
        (alert_id, recipient_id, channel, escalation_step, kind, event) WHERE alert_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX deliveries_digest_once ON notifications.deliveries (digest_id, channel) WHERE digest_id IS NOT NULL`);
    await q.query(`CREATE INDEX deliveries_open ON notifications.deliveries (next_attempt_at)
      WHERE status IN ('pending', 'sending', 'retrying')`);
    await q.query(`CREATE INDEX deliveries_by_recipient ON notifications.deliveries (recipient_id, created_at DESC)`);
    await q.query(`CREATE INDEX deliveries_by_created ON notifications.deliveries (created_at DESC, id)`);
    await q.query(`
      CREATE TABLE notifications.suppressions (
        channel text NOT NULL,
        address text NOT NULL,
        reason text NOT NULL,
        delivery_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, address)
      )`);
    await q.query(`
      CREATE TABLE notifications.digest_items (
        recipient_id uuid NOT NULL REFERENCES notifications.recipients(id) ON DELETE CASCADE,
        alert_id uuid NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL,
        alert jsonb NOT NULL,
        digest_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (recipient_id, alert_id, kind, channel)
      )`);
    await q.query(`CREATE INDEX digest_items_waiting ON notifications.digest_items (recipient_id) WHERE digest_id IS NULL`);
    await q.query(`
      CREATE TABLE notifications.message_log (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL,
        channel text NOT NULL,
        address text NOT NULL,
        subject text,
        text text NOT NULL,
        html text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA notifications CASCADE`);
  }
}
