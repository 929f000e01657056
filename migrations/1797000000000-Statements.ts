import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { addNotificationKinds, removeNotificationKinds } from './support/notification-kinds.js';

/**
 * Joint statements (issue 10): statements with per-series/year reference counters, immutable
 * versions (a trigger refuses UPDATE), circulations and their recipients, amendments, positions, and
 * the notification kinds they send. Generated from the entities, then reviewed; the trigger and the
 * enum values are hand-written.
 */
const NEW_KINDS = ['STATEMENT_CIRCULATED', 'CIRCULATION_REMINDER'];
export class Statements1797000000000 implements MigrationInterface {
  name = 'Statements1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."statement_classification" AS ENUM('PUBLIC', 'LIMITE', 'RESTRICTED')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."statement_status" AS ENUM(
                'DRAFTING',
                'CIRCULATED',
                'SILENCE_PROCEDURE',
                'ADOPTED',
                'PUBLISHED',
                'WITHDRAWN'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "statements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "reference" character varying(40) NOT NULL,
                "reference_year" integer NOT NULL,
                "reference_number" integer NOT NULL,
                "body_id" uuid NOT NULL,
                "meeting_id" uuid,
                "agenda_item_id" uuid,
                "title" character varying(500) NOT NULL,
                "classification" "public"."statement_classification" NOT NULL DEFAULT 'LIMITE',
                "status" "public"."statement_status" NOT NULL DEFAULT 'DRAFTING',
                "language" character varying(16) NOT NULL DEFAULT 'en',
                "current_version_id" uuid,
                "paragraph_seq" integer NOT NULL DEFAULT '1',
                "silence_deadline" TIMESTAMP WITH TIME ZONE,
                "adopted_at" TIMESTAMP WITH TIME ZONE,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "press_reference" character varying(40),
                "created_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "statements_reference" UNIQUE ("reference"),
                CONSTRAINT "statements_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "statements_meeting_id_idx" ON "statements" ("meeting_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "statements_body_id_idx" ON "statements" ("body_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "statements_agenda_item_id_idx" ON "statements" ("agenda_item_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "statement_reference_counters" (
                "series" character varying(16) NOT NULL,
                "year" integer NOT NULL,
                "last_number" integer NOT NULL,
                CONSTRAINT "statement_reference_counters_pkey" PRIMARY KEY ("series", "year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "statement_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "statement_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "paragraphs" jsonb NOT NULL,
                "content_hash" character(64) NOT NULL,
                "base_version_id" uuid,
                "author_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "statement_versions_statement_number" UNIQUE ("statement_id", "number"),
                CONSTRAINT "statement_versions_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."amendment_action" AS ENUM('REPLACE', 'DELETE', 'INSERT_AFTER')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."amendment_status" AS ENUM('PROPOSED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')
        `);
    await queryRunner.query(`
            CREATE TABLE "amendments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "statement_id" uuid NOT NULL,
                "version_id" uuid NOT NULL,
                "delegation_id" uuid NOT NULL,
                "paragraph_key" character varying(32) NOT NULL,
                "action" "public"."amendment_action" NOT NULL,
                "text" text,
                "rationale" text NOT NULL,
                "status" "public"."amendment_status" NOT NULL DEFAULT 'PROPOSED',
                "proposed_by_id" uuid,
                "decided_by_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decision_reason" text,
                "applied_in_version_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "amendments_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "amendments_statement_id_idx" ON "amendments" ("statement_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."circulation_purpose" AS ENUM('INFORMATION', 'COMMENTS', 'SILENCE')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."circulation_status" AS ENUM('OPEN', 'CLOSED')
        `);
    await queryRunner.query(`
            CREATE TABLE "circulations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "statement_id" uuid NOT NULL,
                "version_id" uuid NOT NULL,
                "purpose" "public"."circulation_purpose" NOT NULL,
                "deadline" TIMESTAMP WITH TIME ZONE,
                "status" "public"."circulation_status" NOT NULL DEFAULT 'OPEN',
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "circulations_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "circulations_statement_id_idx" ON "circulations" ("statement_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."circulation_recipient_status" AS ENUM('QUEUED', 'DELIVERED', 'ACKNOWLEDGED', 'FAILED')
        `);
    await queryRunner.query(`
            CREATE TABLE "circulation_recipients" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "circulation_id" uuid NOT NULL,
                "delegation_id" uuid NOT NULL,
                "status" "public"."circulation_recipient_status" NOT NULL DEFAULT 'QUEUED',
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                "acknowledged_by_id" uuid,
                "failed_at" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "circulation_recipients_circulation_delegation" UNIQUE ("circulation_id", "delegation_id"),
                CONSTRAINT "circulation_recipients_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "circulation_recipients_delegation_id_idx" ON "circulation_recipients" ("delegation_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."position_stance" AS ENUM(
                'SUPPORT',
                'SCRUTINY_RESERVATION',
                'RESERVATION',
                'ABSTAIN',
                'OBJECTION'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "positions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "statement_id" uuid NOT NULL,
                "version_id" uuid NOT NULL,
                "delegation_id" uuid NOT NULL,
                "stance" "public"."position_stance" NOT NULL,
                "reason" text,
                "current" boolean NOT NULL DEFAULT true,
                "recorded_by_id" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "positions_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "positions_statement" ON "positions" ("statement_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "positions_current" ON "positions" ("version_id", "delegation_id")
            WHERE current
        `);
    await queryRunner.query(`
            ALTER TABLE "statements"
            ADD CONSTRAINT "statements_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "statements"
            ADD CONSTRAINT "statements_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "statements"
            ADD CONSTRAINT "statements_agenda_item_id_fkey" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "statements"
            ADD CONSTRAINT "statements_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_versions"
            ADD CONSTRAINT "statement_versions_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_versions"
            ADD CONSTRAINT "statement_versions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments"
            ADD CONSTRAINT "amendments_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments"
            ADD CONSTRAINT "amendments_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "statement_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments"
            ADD CONSTRAINT "amendments_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments"
            ADD CONSTRAINT "amendments_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments"
            ADD CONSTRAINT "amendments_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments"
            ADD CONSTRAINT "amendments_applied_in_version_id_fkey" FOREIGN KEY ("applied_in_version_id") REFERENCES "statement_versions"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "circulations"
            ADD CONSTRAINT "circulations_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "circulations"
            ADD CONSTRAINT "circulations_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "statement_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "circulations"
            ADD CONSTRAINT "circulations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "circulation_recipients"
            ADD CONSTRAINT "circulation_recipients_circulation_id_fkey" FOREIGN KEY ("circulation_id") REFERENCES "circulations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "circulation_recipients"
            ADD CONSTRAINT "circulation_recipients_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "circulation_recipients"
            ADD CONSTRAINT "circulation_recipients_acknowledged_by_id_fkey" FOREIGN KEY ("acknowledged_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "positions"
            ADD CONSTRAINT "positions_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "positions"
            ADD CONSTRAINT "positions_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "statement_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "positions"
            ADD CONSTRAINT "positions_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "positions"
            ADD CONSTRAINT "positions_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await addNotificationKinds(queryRunner, NEW_KINDS);
    // A version is a record of what was circulated: it is never edited, only superseded.
    await queryRunner.query(`
            CREATE FUNCTION statement_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'statement versions are immutable' USING ERRCODE = 'restrict_violation';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER statement_versions_no_update BEFORE UPDATE ON "statement_versions"
            FOR EACH ROW EXECUTE FUNCTION statement_versions_immutable()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await removeNotificationKinds(queryRunner, NEW_KINDS);
    await queryRunner.query(`DROP TRIGGER statement_versions_no_update ON "statement_versions"`);
    await queryRunner.query(`DROP FUNCTION statement_versions_immutable()`);
    await queryRunner.query(`
            ALTER TABLE "positions" DROP CONSTRAINT "positions_recorded_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "positions" DROP CONSTRAINT "positions_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "positions" DROP CONSTRAINT "positions_version_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "positions" DROP CONSTRAINT "positions_statement_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "circulation_recipients" DROP CONSTRAINT "circulation_recipients_acknowledged_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "circulation_recipients" DROP CONSTRAINT "circulation_recipients_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "circulation_recipients" DROP CONSTRAINT "circulation_recipients_circulation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "circulations" DROP CONSTRAINT "circulations_created_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "circulations" DROP CONSTRAINT "circulations_version_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "circulations" DROP CONSTRAINT "circulations_statement_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments" DROP CONSTRAINT "amendments_applied_in_version_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments" DROP CONSTRAINT "amendments_decided_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments" DROP CONSTRAINT "amendments_proposed_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments" DROP CONSTRAINT "amendments_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments" DROP CONSTRAINT "amendments_version_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "amendments" DROP CONSTRAINT "amendments_statement_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_versions" DROP CONSTRAINT "statement_versions_author_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "statement_versions" DROP CONSTRAINT "statement_versions_statement_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "statements" DROP CONSTRAINT "statements_created_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "statements" DROP CONSTRAINT "statements_agenda_item_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "statements" DROP CONSTRAINT "statements_meeting_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "statements" DROP CONSTRAINT "statements_body_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."positions_current"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."positions_statement"
        `);
    await queryRunner.query(`
            DROP TABLE "positions"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."position_stance"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circulation_recipients_delegation_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "circulation_recipients"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."circulation_recipient_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."circulations_statement_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "circulations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."circulation_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."circulation_purpose"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."amendments_statement_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "amendments"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."amendment_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."amendment_action"
        `);
    await queryRunner.query(`
            DROP TABLE "statement_versions"
        `);
    await queryRunner.query(`
            DROP TABLE "statement_reference_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."statements_agenda_item_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."statements_meeting_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."statements_body_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "statements"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."statement_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."statement_classification"
        `);
  }
}
