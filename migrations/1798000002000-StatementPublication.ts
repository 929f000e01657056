import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Publication and endorsements (issue 11): a press reference names at most one statement, and the
 * delegations that join a published statement afterwards are recorded once each with their date.
 * (Their notification kinds come with StatementAdoption1798000000000, which adds all of issue 11's.)
 * Hand-written after the entities.
 */
export class StatementPublication1798000002000 implements MigrationInterface {
  name = 'StatementPublication1798000002000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "statements" ADD CONSTRAINT "statements_press_reference" UNIQUE ("press_reference")
        `);
    await queryRunner.query(`
            CREATE TABLE "endorsements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "statement_id" uuid NOT NULL,
                "delegation_id" uuid NOT NULL,
                "endorsed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "endorsed_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "endorsements_statement_delegation" UNIQUE ("statement_id", "delegation_id"),
                CONSTRAINT "endorsements_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "endorsements_delegation_id_idx" ON "endorsements" ("delegation_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "endorsements"
            ADD CONSTRAINT "endorsements_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "endorsements"
            ADD CONSTRAINT "endorsements_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "endorsements"
            ADD CONSTRAINT "endorsements_endorsed_by_id_fkey" FOREIGN KEY ("endorsed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "endorsements" DROP CONSTRAINT "endorsements_endorsed_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "endorsements" DROP CONSTRAINT "endorsements_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "endorsements" DROP CONSTRAINT "endorsements_statement_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."endorsements_delegation_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "endorsements"
        `);
    await queryRunner.query(`
            ALTER TABLE "statements" DROP CONSTRAINT "statements_press_reference"
        `);
  }
}
