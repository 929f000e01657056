import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { addNotificationKinds, removeNotificationKinds } from './support/notification-kinds.js';

/**
 * Adoption and withdrawal of statements (issue 11): which version was adopted and how, why a
 * statement was withdrawn, and the notification kinds of the whole lifecycle (adoption, silence
 * broken, publication, endorsement, withdrawal) so that the features adding them share one list.
 * The checks keep the lifecycle's facts together: an adopted (or published) statement always names
 * its version, time and method; a withdrawn one its reason.
 */
const NEW_KINDS = ['STATEMENT_ADOPTED', 'STATEMENT_WITHDRAWN', 'SILENCE_BROKEN', 'STATEMENT_PUBLISHED', 'STATEMENT_ENDORSED'];
export class StatementAdoption1798000000000 implements MigrationInterface {
  name = 'StatementAdoption1798000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."statement_adoption_method" AS ENUM('CONSENSUS', 'SILENCE')`);
    await queryRunner.query(`
            ALTER TABLE "statements"
                ADD "adopted_version_id" uuid,
                ADD "adoption_method" "public"."statement_adoption_method",
                ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                ADD "withdrawal_reason" character varying(2000),
                ADD CONSTRAINT "statements_adopted_version_id_fkey" FOREIGN KEY ("adopted_version_id") REFERENCES "statement_versions"("id") ON DELETE RESTRICT,
                ADD CONSTRAINT "statements_adoption_complete" CHECK (
                    "status" NOT IN ('ADOPTED', 'PUBLISHED')
                    OR ("adopted_version_id" IS NOT NULL AND "adopted_at" IS NOT NULL AND "adoption_method" IS NOT NULL)),
                ADD CONSTRAINT "statements_withdrawal_complete" CHECK (
                    "status" <> 'WITHDRAWN' OR ("withdrawn_at" IS NOT NULL AND "withdrawal_reason" IS NOT NULL))
        `);
    await queryRunner.query(`CREATE INDEX "statements_adopted_version_id_idx" ON "statements" ("adopted_version_id")`);
    await addNotificationKinds(queryRunner, NEW_KINDS);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await removeNotificationKinds(queryRunner, NEW_KINDS);
    await queryRunner.query(`DROP INDEX "public"."statements_adopted_version_id_idx"`);
    await queryRunner.query(`
            ALTER TABLE "statements"
                DROP CONSTRAINT "statements_withdrawal_complete",
                DROP CONSTRAINT "statements_adoption_complete",
                DROP CONSTRAINT "statements_adopted_version_id_fkey",
                DROP COLUMN "withdrawal_reason",
                DROP COLUMN "withdrawn_at",
                DROP COLUMN "adoption_method",
                DROP COLUMN "adopted_version_id"
        `);
    await queryRunner.query(`DROP TYPE "public"."statement_adoption_method"`);
  }
}
