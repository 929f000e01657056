import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Notifications in the reader's language (issue 19): each inbox entry records the language its
 * subject and body were written in, so its e-mail's frame (footer, `lang`) matches them even if
 * the reader changes their locale before it is sent. Existing rows were all written in English.
 * Frozen SQL: imports nothing from src/.
 */
export class NotificationLanguage1799000003000 implements MigrationInterface {
  name = 'NotificationLanguage1799000003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "language" character varying(16) NOT NULL DEFAULT 'en'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "language"`);
  }
}
