import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Notifications by occurrence (issue 17): a circulation recipient's job finds its e-mail deliveries,
 * and settling checks that none is pending, through the event key alone. The unique
 * (user_id, event_key) index starts with the user, so without this one both read the whole table.
 * Frozen SQL: imports nothing from src/.
 */
export class NotificationEventKey1799000001000 implements MigrationInterface {
  name = 'NotificationEventKey1799000001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "notifications_event_key" ON "notifications" ("event_key")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "notifications_event_key"`);
  }
}
