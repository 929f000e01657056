import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Users, delegations and bodies, the audit trail and the outbox (issue 2). Generated from the entities, then reviewed. */

export class Foundation1795956342971 implements MigrationInterface {
  name = 'Foundation1795956342971';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "actor_id" uuid,
                "action" character varying(100) NOT NULL,
                "entity_type" character varying(100) NOT NULL,
                "entity_id" uuid NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "request_id" character varying(100),
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_actor_id_idx" ON "audit_events" ("actor_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_at" ON "audit_events" ("at")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_entity" ON "audit_events" ("entity_type", "entity_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."user_role" AS ENUM(
                'ADMIN',
                'ORGANIZER',
                'CLERK',
                'DELEGATE',
                'OBSERVER'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(320) NOT NULL,
                "name" character varying(200) NOT NULL,
                "password_hash" character varying(200) NOT NULL,
                "role" "public"."user_role" NOT NULL,
                "timezone" character varying(64) NOT NULL DEFAULT 'UTC',
                "locale" character varying(16) NOT NULL DEFAULT 'en',
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "users_email_key" UNIQUE ("email"),
                CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email")),
                CONSTRAINT "users_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delegation_kind" AS ENUM(
                'EU_INSTITUTION',
                'MEMBER_STATE',
                'THIRD_COUNTRY',
                'INTERNATIONAL_ORGANISATION'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "delegations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(8) NOT NULL,
                "name" character varying(200) NOT NULL,
                "kind" "public"."delegation_kind" NOT NULL,
                "timezone" character varying(64) NOT NULL DEFAULT 'UTC',
                "contact_email" character varying(320),
                "webhook_url" character varying(2000),
                "webhook_secret" character varying(200),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "delegations_code_key" UNIQUE ("code"),
                CONSTRAINT "delegations_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."body_kind" AS ENUM(
                'MINISTERIAL',
                'SENIOR_OFFICIALS',
                'WORKING_PARTY'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "bodies" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" "public"."body_kind" NOT NULL,
                "name" character varying(300) NOT NULL,
                "parent_id" uuid,
                "chair_delegation_id" uuid,
                "jha" boolean NOT NULL DEFAULT false,
                "public_meetings" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "bodies_name_key" UNIQUE ("name"),
                CONSTRAINT "bodies_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "bodies_parent_id_idx" ON "bodies" ("parent_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."delegate_role" AS ENUM(
                'HEAD_OF_DELEGATION',
                'DELEGATE',
                'EXPERT',
                'CLERK'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "delegation_memberships" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "delegation_id" uuid NOT NULL,
                "delegate_role" "public"."delegate_role" NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "delegation_memberships_user_delegation" UNIQUE ("user_id", "delegation_id"),
                CONSTRAINT "delegation_memberships_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "delegation_memberships_delegation_id_idx" ON "delegation_memberships" ("delegation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" uuid NOT NULL,
                "operation" character varying(10) NOT NULL DEFAULT 'ADD',
                "queue" character varying(60) NOT NULL,
                "job_name" character varying(100) NOT NULL,
                "job_id" character varying(200) NOT NULL,
                "payload" jsonb NOT NULL DEFAULT '{}',
                "run_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "outbox_events_unsent" ON "outbox_events" ("created_at")
            WHERE sent_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "body_members" (
                "body_id" uuid NOT NULL,
                "delegation_id" uuid NOT NULL,
                CONSTRAINT "body_members_pkey" PRIMARY KEY ("body_id", "delegation_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "body_members_body_id_idx" ON "body_members" ("body_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "body_members_delegation_id_idx" ON "body_members" ("delegation_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "bodies"
            ADD CONSTRAINT "bodies_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bodies"
            ADD CONSTRAINT "bodies_chair_delegation_id_fkey" FOREIGN KEY ("chair_delegation_id") REFERENCES "delegations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "delegation_memberships"
            ADD CONSTRAINT "delegation_memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "delegation_memberships"
            ADD CONSTRAINT "delegation_memberships_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "body_members"
            ADD CONSTRAINT "body_members_body_id_fkey" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "body_members"
            ADD CONSTRAINT "body_members_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "body_members" DROP CONSTRAINT "body_members_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "body_members" DROP CONSTRAINT "body_members_body_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "delegation_memberships" DROP CONSTRAINT "delegation_memberships_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "delegation_memberships" DROP CONSTRAINT "delegation_memberships_user_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "bodies" DROP CONSTRAINT "bodies_chair_delegation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "bodies" DROP CONSTRAINT "bodies_parent_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."body_members_delegation_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."body_members_body_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "body_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outbox_events_unsent"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."delegation_memberships_delegation_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "delegation_memberships"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delegate_role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bodies_parent_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "bodies"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."body_kind"
        `);
    await queryRunner.query(`
            DROP TABLE "delegations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."delegation_kind"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."user_role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_entity"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_actor_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
  }
}
