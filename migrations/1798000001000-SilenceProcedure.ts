import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { addNotificationKinds, removeNotificationKinds } from './support/notification-kinds.js';

/**
 * The silence procedure (issue 11): a SILENCE circulation ends CLOSED (concluded at its deadline) or
 * BROKEN by an objection, which it names (the position holds the delegation, reason and time); a
 * statement has at most one open silence at a time; the notification kinds of the launch and of an
 * extension (the others of issue 11 come with StatementAdoption). Hand-written.
 */
const NEW_KINDS = ['SILENCE_PROCEDURE_LAUNCHED', 'SILENCE_DEADLINE_EXTENDED'];
export class SilenceProcedure1798000001000 implements MigrationInterface {
  name = 'SilenceProcedure1798000001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Allowed in a transaction since PostgreSQL 12 (the value is not used in this transaction).
    await queryRunner.query(`ALTER TYPE "public"."circulation_status" ADD VALUE 'BROKEN'`);
    await queryRunner.query(`
            ALTER TABLE "circulations" ADD "objection_position_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "circulations"
            ADD CONSTRAINT "circulations_objection_position_id_fkey" FOREIGN KEY ("objection_position_id") REFERENCES "positions"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
    // One running silence procedure per statement.
    await queryRunner.query(`
            CREATE UNIQUE INDEX "circulations_one_open_silence" ON "circulations" ("statement_id") WHERE "purpose" = 'SILENCE' AND "status" = 'OPEN'
        `);
    await addNotificationKinds(queryRunner, NEW_KINDS);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await removeNotificationKinds(queryRunner, NEW_KINDS);
    // An enum value cannot be dropped either: rebuild circulation_status without BROKEN.
    await queryRunner.query(`DROP INDEX "public"."circulations_one_open_silence"`);
    await queryRunner.query(`ALTER TABLE "circulations" DROP CONSTRAINT "circulations_objection_position_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "circulations" DROP COLUMN "objection_position_id"`);
    // A broken silence was, before this migration, simply a closed circulation.
    await queryRunner.query(`UPDATE "circulations" SET "status" = 'CLOSED' WHERE "status"::text = 'BROKEN'`);
    await queryRunner.query(`CREATE TYPE "public"."circulation_status_before_silence" AS ENUM('OPEN', 'CLOSED')`);
    await queryRunner.query(`ALTER TABLE "circulations" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "circulations" ALTER COLUMN "status" TYPE "public"."circulation_status_before_silence" USING "status"::text::"public"."circulation_status_before_silence"`,
    );
    await queryRunner.query(`ALTER TABLE "circulations" ALTER COLUMN "status" SET DEFAULT 'OPEN'`);
    await queryRunner.query(`DROP TYPE "public"."circulation_status"`);
    await queryRunner.query(`ALTER TYPE "public"."circulation_status_before_silence" RENAME TO "circulation_status"`);
  }
}
