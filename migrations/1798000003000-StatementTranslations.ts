import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Language versions of statement versions (issue 11): one row per version and language, the
 * translated paragraphs aligned by key with the version's. Generated from the entity, then reviewed.
 */
export class StatementTranslations1798000003000 implements MigrationInterface {
  name = 'StatementTranslations1798000003000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "statement_translations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "statement_id" uuid NOT NULL,
                "version_id" uuid NOT NULL,
                "language" character varying(16) NOT NULL,
                "title" character varying(500),
                "paragraphs" jsonb NOT NULL,
                "content_hash" character(64) NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "statement_translations_version_language" UNIQUE ("version_id", "language"),
                CONSTRAINT "statement_translations_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "statement_translations_statement_id_idx" ON "statement_translations" ("statement_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_translations"
            ADD CONSTRAINT "statement_translations_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_translations"
            ADD CONSTRAINT "statement_translations_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "statement_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_translations"
            ADD CONSTRAINT "statement_translations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "statement_translations" DROP CONSTRAINT "statement_translations_created_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_translations" DROP CONSTRAINT "statement_translations_version_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_translations" DROP CONSTRAINT "statement_translations_statement_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."statement_translations_statement_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "statement_translations"
        `);
  }
}
