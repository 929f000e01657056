import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Single sign-on (issue 19): an administrator can require a user to sign in through the identity
 * provider, refusing their password. Everyone keeps password sign-in by default.
 * Frozen SQL: imports nothing from src/.
 */
export class PasswordLogin1799000004000 implements MigrationInterface {
  name = 'PasswordLogin1799000004000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "password_login" boolean NOT NULL DEFAULT true`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "password_login"`);
  }
}
