import { MigrationInterface, QueryRunner } from 'typeorm';

/** notifications: a test message a person sends to check a recipient's channel is a delivery of neither an alert nor a digest. */
export class NotificationsTestMessages1763801300000 implements MigrationInterface {
  name = 'NotificationsTestMessages1763801300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications.deliveries DROP CONSTRAINT deliveries_event_check`);
    await q.query(`ALTER TABLE notifications.deliveries ADD CONSTRAINT deliveries_event_check CHECK (event IN ('alert', 'resolved', 'digest', 'test'))`);
    await q.query(`ALTER TABLE notifications.deliveries DROP CONSTRAINT deliveries_check`);
    await q.query(`ALTER TABLE notifications.deliveries ADD CONSTRAINT deliveries_subject_check
      CHECK (CASE WHEN event = 'test' THEN alert_id IS NULL AND digest_id IS NULL ELSE (alert_id IS NULL) <> (digest_id IS NULL) END)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications.deliveries WHERE event = 'test'`);
    await q.query(`ALTER TABLE notifications.deliveries DROP CONSTRAINT deliveries_subject_check`);
    await q.query(`ALTER TABLE notifications.deliveries ADD CONSTRAINT deliveries_check CHECK ((alert_id IS NULL) <> (digest_id IS NULL))`);
    await q.query(`ALTER TABLE notifications.deliveries DROP CONSTRAINT deliveries_event_check`);
    await q.query(`ALTER TABLE notifications.deliveries ADD CONSTRAINT deliveries_event_check CHECK (event IN ('alert', 'resolved', 'digest'))`);
  }
}
