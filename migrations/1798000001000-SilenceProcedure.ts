import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The silence procedure (issue 11): a SILENCE circulation ends CLOSED (concluded at its deadline) or
 * BROKEN by an objection, which it names (the position holds the delegation, reason and time); a
 * statement has at most one open silence at a time; the notification kinds it sends. Hand-written.
 */
const NEW_KINDS = ['SILENCE_PROCEDURE_LAUNCHED', 'SILENCE_BROKEN'];
export class SilenceProcedure1798000001000 implements MigrationInterface {
    name = 'SilenceProcedure1798000001000'

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
        for (const kind of NEW_KINDS) await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE '${kind}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Enum values cannot be dropped: rebuild the types without them.
        await queryRunner.query(`DELETE FROM "notifications" WHERE "kind"::text = ANY($1)`, [NEW_KINDS]);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "kind"::text = ANY($1)`, [NEW_KINDS]);
        const kept: { label: string }[] = await queryRunner.query(
            `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
              WHERE t.typname = 'notification_kind' AND NOT (e.enumlabel = ANY($1)) ORDER BY e.enumsortorder`,
            [NEW_KINDS],
        );
        await queryRunner.query(`CREATE TYPE "public"."notification_kind_before_silence" AS ENUM(${kept.map((k) => `'${k.label}'`).join(', ')})`);
        for (const table of ['notifications', 'notification_preferences']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "kind" TYPE "public"."notification_kind_before_silence" USING "kind"::text::"public"."notification_kind_before_silence"`);
        }
        await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
        await queryRunner.query(`ALTER TYPE "public"."notification_kind_before_silence" RENAME TO "notification_kind"`);

        await queryRunner.query(`DROP INDEX "public"."circulations_one_open_silence"`);
        await queryRunner.query(`ALTER TABLE "circulations" DROP CONSTRAINT "circulations_objection_position_id_fkey"`);
        await queryRunner.query(`ALTER TABLE "circulations" DROP COLUMN "objection_position_id"`);
        // A broken silence was, before this migration, simply a closed circulation.
        await queryRunner.query(`UPDATE "circulations" SET "status" = 'CLOSED' WHERE "status"::text = 'BROKEN'`);
        await queryRunner.query(`CREATE TYPE "public"."circulation_status_before_silence" AS ENUM('OPEN', 'CLOSED')`);
        await queryRunner.query(`ALTER TABLE "circulations" ALTER COLUMN "status" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "circulations" ALTER COLUMN "status" TYPE "public"."circulation_status_before_silence" USING "status"::text::"public"."circulation_status_before_silence"`);
        await queryRunner.query(`ALTER TABLE "circulations" ALTER COLUMN "status" SET DEFAULT 'OPEN'`);
        await queryRunner.query(`DROP TYPE "public"."circulation_status"`);
        await queryRunner.query(`ALTER TYPE "public"."circulation_status_before_silence" RENAME TO "circulation_status"`);
    }
}
