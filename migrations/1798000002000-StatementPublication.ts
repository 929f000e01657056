import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Publication and endorsements (issue 11): a press reference names at most one statement, and the
 * delegations that join a published statement afterwards are recorded once each with their date.
 * Also the notification kinds publication and endorsement send. Hand-written after the entities.
 */
const NEW_KINDS = ['STATEMENT_PUBLISHED', 'STATEMENT_ENDORSED'];
export class StatementPublication1798000002000 implements MigrationInterface {
    name = 'StatementPublication1798000002000'

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
        // New values of the shared notification_kind enum (allowed in a transaction since PostgreSQL 12).
        for (const kind of NEW_KINDS) await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE '${kind}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // An enum value cannot be dropped: the type is rebuilt without the new values (their rows go first).
        await queryRunner.query(`DELETE FROM "notifications" WHERE "kind"::text = ANY($1)`, [NEW_KINDS]);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "kind"::text = ANY($1)`, [NEW_KINDS]);
        const kept: { label: string }[] = await queryRunner.query(
            `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
              WHERE t.typname = 'notification_kind' AND NOT (e.enumlabel = ANY($1)) ORDER BY e.enumsortorder`,
            [NEW_KINDS],
        );
        await queryRunner.query(`CREATE TYPE "public"."notification_kind_before_publication" AS ENUM(${kept.map((k) => `'${k.label}'`).join(', ')})`);
        for (const table of ['notifications', 'notification_preferences']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "kind" TYPE "public"."notification_kind_before_publication" USING "kind"::text::"public"."notification_kind_before_publication"`);
        }
        await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
        await queryRunner.query(`ALTER TYPE "public"."notification_kind_before_publication" RENAME TO "notification_kind"`);
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
