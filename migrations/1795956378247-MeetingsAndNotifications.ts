import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Meetings (agenda, invitations, accreditations, minutes), notifications and their deliveries, calendar feed tokens (issue 3). Generated from the entities, then reviewed. */

export class MeetingsAndNotifications1795956378247 implements MigrationInterface {
  name = 'MeetingsAndNotifications1795956378247';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."meeting_kind" AS ENUM('IN_PERSON', 'VIDEO', 'HYBRID')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."meeting_status" AS ENUM(
                'PLANNED',
                'CONVENED',
                'IN_SESSION',
                'CONCLUDED',
                'POSTPONED',
                'CANCELLED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "meetings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "kind" "public"."meeting_kind" NOT NULL,
                "status" "public"."meeting_status" NOT NULL DEFAULT 'PLANNED',
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "timezone" character varying(64) NOT NULL,
                "location" character varying(300),
                "chair_delegation_id" uuid,
                "sequence" integer NOT NULL DEFAULT '0',
                "agenda_circulated_at" TIMESTAMP WITH TIME ZONE,
                "created_by_id" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meetings_ends_after_start" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "meetings_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "meetings_body_id_idx" ON "meetings" ("body_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "meetings_starts_at" ON "meetings" ("starts_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."agenda_item_kind" AS ENUM(
                'FOR_INFORMATION',
                'FOR_DISCUSSION',
                'FOR_DECISION'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "agenda_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "title" character varying(500) NOT NULL,
                "description" text,
                "kind" "public"."agenda_item_kind" NOT NULL,
                "lead_delegation_id" uuid,
                "outcome" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "agenda_items_meeting_position" UNIQUE ("meeting_id", "position") DEFERRABLE INITIALLY DEFERRED,
                CONSTRAINT "agenda_items_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rsvp" AS ENUM('INVITED', 'ACCEPTED', 'DECLINED', 'TENTATIVE')
        `);
    await queryRunner.query(`
            CREATE TABLE "meeting_invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "delegation_id" uuid NOT NULL,
                "rsvp" "public"."rsvp" NOT NULL DEFAULT 'INVITED',
                "responded_at" TIMESTAMP WITH TIME ZONE,
                "responded_by_id" uuid,
                "attended" boolean,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_invitations_meeting_delegation" UNIQUE ("meeting_id", "delegation_id"),
                CONSTRAINT "meeting_invitations_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "meeting_invitations_delegation_id_idx" ON "meeting_invitations" ("delegation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "meeting_accreditations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "invitation_id" uuid NOT NULL,
                "delegation_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "attended" boolean,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_accreditations_meeting_user" UNIQUE ("meeting_id", "user_id"),
                CONSTRAINT "meeting_accreditations_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "meeting_accreditations_invitation_id_idx" ON "meeting_accreditations" ("invitation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "meeting_accreditations_user_id_idx" ON "meeting_accreditations" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "meeting_minutes_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "text" text NOT NULL,
                "author_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "meeting_minutes_revisions_meeting_revision" UNIQUE ("meeting_id", "revision"),
                CONSTRAINT "meeting_minutes_revisions_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."notification_kind" AS ENUM(
                'MEMBERSHIP_ADDED',
                'MEETING_INVITATION',
                'MEETING_UPDATED',
                'MEETING_CANCELLED',
                'MEETING_REMINDER',
                'AGENDA_CIRCULATED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "kind" "public"."notification_kind" NOT NULL,
                "subject" character varying(300) NOT NULL,
                "body" text NOT NULL,
                "entity_type" character varying(100) NOT NULL,
                "entity_id" uuid NOT NULL,
                "event_key" character varying(300) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "notifications_user_event" UNIQUE ("user_id", "event_key"),
                CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "notifications_user_created" ON "notifications" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."notification_channel" AS ENUM('IN_APP', 'EMAIL', 'WEBHOOK')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delivery_status" AS ENUM('PENDING', 'SENT', 'FAILED', 'SKIPPED')
        `);
    await queryRunner.query(`
            CREATE TABLE "notification_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "channel" "public"."notification_channel" NOT NULL,
                "notification_id" uuid,
                "delegation_id" uuid,
                "event_key" character varying(300) NOT NULL,
                "payload" jsonb,
                "status" "public"."delivery_status" NOT NULL DEFAULT 'PENDING',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "notification_deliveries_failed" ON "notification_deliveries" ("updated_at")
            WHERE status = 'FAILED'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "notification_deliveries_webhook_event" ON "notification_deliveries" ("event_key", "delegation_id")
            WHERE delegation_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "notification_deliveries_notification_channel" ON "notification_deliveries" ("notification_id", "channel")
            WHERE notification_id IS NOT NULL
        `);
    // notification_kind was created above with the notifications table; both tables share it.
    await queryRunner.query(`
            CREATE TABLE "notification_preferences" (
                "user_id" uuid NOT NULL,
                "kind" "public"."notification_kind" NOT NULL,
                "email" boolean NOT NULL DEFAULT true,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("user_id", "kind")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "calendar_token" character varying(64)
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "users_calendar_token_key" UNIQUE ("calendar_token")
        `);
    await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_chair_delegation_id_fkey" FOREIGN KEY ("chair_delegation_id") REFERENCES "delegations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meetings"
            ADD CONSTRAINT "meetings_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_items"
            ADD CONSTRAINT "agenda_items_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_items"
            ADD CONSTRAINT "agenda_items_lead_delegation_id_fkey" FOREIGN KEY ("lead_delegation_id") REFERENCES "delegations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitations"
            ADD CONSTRAINT "meeting_invitations_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitations"
            ADD CONSTRAINT "meeting_invitations_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitations"
            ADD CONSTRAINT "meeting_invitations_responded_by_id_fkey" FOREIGN KEY ("responded_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_accreditations"
            ADD CONSTRAINT "meeting_accreditations_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_accreditations"
            ADD CONSTRAINT "meeting_accreditations_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "meeting_invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_accreditations"
            ADD CONSTRAINT "meeting_accreditations_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_accreditations"
            ADD CONSTRAINT "meeting_accreditations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_minutes_revisions"
            ADD CONSTRAINT "meeting_minutes_revisions_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_minutes_revisions"
            ADD CONSTRAINT "meeting_minutes_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_deliveries"
            ADD CONSTRAINT "notification_deliveries_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_deliveries"
            ADD CONSTRAINT "notification_deliveries_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_user_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_deliveries" DROP CONSTRAINT "notification_deliveries_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_deliveries" DROP CONSTRAINT "notification_deliveries_notification_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "notifications_user_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_minutes_revisions" DROP CONSTRAINT "meeting_minutes_revisions_author_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_minutes_revisions" DROP CONSTRAINT "meeting_minutes_revisions_meeting_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_accreditations" DROP CONSTRAINT "meeting_accreditations_user_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_accreditations" DROP CONSTRAINT "meeting_accreditations_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_accreditations" DROP CONSTRAINT "meeting_accreditations_invitation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_accreditations" DROP CONSTRAINT "meeting_accreditations_meeting_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitations" DROP CONSTRAINT "meeting_invitations_responded_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitations" DROP CONSTRAINT "meeting_invitations_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meeting_invitations" DROP CONSTRAINT "meeting_invitations_meeting_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_items" DROP CONSTRAINT "agenda_items_lead_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "agenda_items" DROP CONSTRAINT "agenda_items_meeting_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_created_by_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_chair_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "meetings" DROP CONSTRAINT "meetings_body_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "users_calendar_token_key"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "calendar_token"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_preferences"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notification_deliveries_notification_channel"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notification_deliveries_webhook_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notification_deliveries_failed"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_deliveries"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delivery_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."notification_channel"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notifications_user_created"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."notification_kind"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting_minutes_revisions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."meeting_accreditations_user_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."meeting_accreditations_invitation_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting_accreditations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."meeting_invitations_delegation_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "meeting_invitations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rsvp"
        `);
    await queryRunner.query(`
            DROP TABLE "agenda_items"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."agenda_item_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."meetings_starts_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."meetings_body_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "meetings"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."meeting_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."meeting_kind"
        `);
  }
}
