import { MigrationInterface, QueryRunner } from 'typeorm';

/** notifications: the dashboard channel's deliveries are each user's inbox (the bell): when each was read. */
export class NotificationsInbox1763801100000 implements MigrationInterface {
  name = 'NotificationsInbox1763801100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications.deliveries ADD COLUMN read_at timestamptz`);
    await q.query(`CREATE INDEX deliveries_inbox ON notifications.deliveries (address, created_at DESC) WHERE channel = 'dashboard' AND event <> 'resolved'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications.deliveries_inbox`);
    await q.query(`ALTER TABLE notifications.deliveries DROP COLUMN read_at`);
  }
}
