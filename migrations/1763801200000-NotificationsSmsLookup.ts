import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * notifications: what a Twilio lookup needs to settle an SMS of unknown outcome (a timeout, or a worker that died
 * holding it): when the last attempt was handed to Twilio and the text it carried, when the next lookup is due
 * (null: none), and how many lookups were made. An SMS that was already unknown before this migration has no
 * attempt time, so it gets no lookup and stays with a person.
 */
export class NotificationsSmsLookup1763801200000 implements MigrationInterface {
  name = 'NotificationsSmsLookup1763801200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications.deliveries
        ADD COLUMN sms_attempt_at timestamptz,
        ADD COLUMN sms_text text,
        ADD COLUMN sms_lookup_at timestamptz,
        ADD COLUMN sms_lookups integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX deliveries_sms_lookup ON notifications.deliveries (sms_lookup_at)
      WHERE status = 'unknown' AND sms_lookup_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications.deliveries_sms_lookup`);
    await q.query(`
      ALTER TABLE notifications.deliveries
        DROP COLUMN sms_attempt_at, DROP COLUMN sms_text, DROP COLUMN sms_lookup_at, DROP COLUMN sms_lookups`);
  }
}
