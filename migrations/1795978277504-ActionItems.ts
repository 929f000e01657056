import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { addNotificationKinds, removeNotificationKinds } from './support/notification-kinds.js';

/**
 * Action items, their history and reference counters, and the notification kinds they send
 * (issue 9). Generated from the entities, then reviewed: the list indexes (on the DUE_AT sort key
 * `coalesce(due_at, 'infinity')`, partial where most rows are null) and the GIN index on the
 * generated search vector are written by hand and declared `synchronize: false` on the entity.
 */
const NEW_KINDS = ['ACTION_ITEM_ASSIGNED', 'ACTION_ITEM_DUE_SOON', 'ACTION_ITEM_OVERDUE', 'ACTION_ITEM_DIGEST'];
// A copy of the entity's SEARCH_VECTOR_SQL as of this migration (migrations do not follow later code).
const SEARCH_VECTOR_SQL =
  `setweight(to_tsvector('simple', coalesce("reference", '')), 'A') || ` +
  `setweight(to_tsvector('english', coalesce("title", '')), 'A') || ` +
  `setweight(to_tsvector('english', coalesce("description", '')), 'B')`;
const DUE_KEY = `coalesce("due_at", 'infinity'::timestamptz)`;

export class ActionItems1795978277504 implements MigrationInterface {
  name = 'ActionItems1795978277504';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "action_item_reference_counters" (
                "year" integer NOT NULL,
                "last" integer NOT NULL,
                CONSTRAINT "action_item_reference_counters_pkey" PRIMARY KEY ("year")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."action_item_status" AS ENUM('OPEN', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."action_item_priority" AS ENUM('HIGH', 'NORMAL', 'LOW')
        `);
    await queryRunner.query(`
            CREATE TABLE "action_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "reference" character varying(20) NOT NULL,
                "title" character varying(500) NOT NULL,
                "description" text,
                "status" "public"."action_item_status" NOT NULL DEFAULT 'OPEN',
                "priority" "public"."action_item_priority" NOT NULL DEFAULT 'NORMAL',
                "due_at" TIMESTAMP WITH TIME ZONE,
                "owner_delegation_id" uuid NOT NULL,
                "assignee_id" uuid,
                "created_by_id" uuid,
                "meeting_id" uuid,
                "agenda_item_id" uuid,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "search_vector" tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR_SQL}) STORED NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "action_items_reference_key" UNIQUE ("reference"),
                CONSTRAINT "action_items_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "action_items_owner_delegation_id_fkey" FOREIGN KEY ("owner_delegation_id") REFERENCES "delegations"("id") ON DELETE RESTRICT,
                CONSTRAINT "action_items_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL,
                CONSTRAINT "action_items_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
                CONSTRAINT "action_items_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE SET NULL,
                CONSTRAINT "action_items_agenda_item_id_fkey" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL
            )
        `);
    // TypeORM keeps generated-column expressions here to diff them in migration:generate.
    await queryRunner.query(`
            CREATE TABLE IF NOT EXISTS "typeorm_metadata" (
                "type" character varying NOT NULL, "database" character varying, "schema" character varying,
                "table" character varying, "name" character varying, "value" text
            )
        `);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'action_items', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [SEARCH_VECTOR_SQL],
    );
    // Lists: by owner delegation, by assignee, all (coordinators), each in DUE_AT order; and the other sorts.
    await queryRunner.query(`CREATE INDEX "action_items_owner_due" ON "action_items" ("owner_delegation_id", (${DUE_KEY}), "id")`);
    await queryRunner.query(`CREATE INDEX "action_items_assignee_due" ON "action_items" ("assignee_id", (${DUE_KEY}), "id") WHERE "assignee_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "action_items_due" ON "action_items" ((${DUE_KEY}), "id")`);
    await queryRunner.query(`CREATE INDEX "action_items_updated" ON "action_items" ("updated_at", "id")`);
    await queryRunner.query(`CREATE INDEX "action_items_priority" ON "action_items" ("priority", "id")`);
    await queryRunner.query(`CREATE INDEX "action_items_created_by" ON "action_items" ("created_by_id") WHERE "created_by_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "action_items_meeting" ON "action_items" ("meeting_id") WHERE "meeting_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "action_items_agenda_item" ON "action_items" ("agenda_item_id") WHERE "agenda_item_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "action_items_search" ON "action_items" USING GIN ("search_vector")`);

    await queryRunner.query(`
            CREATE TYPE "public"."action_item_update_kind" AS ENUM('CREATED', 'CHANGED', 'STATUS', 'NOTE')
        `);
    await queryRunner.query(`
            CREATE TABLE "action_item_updates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "action_item_id" uuid NOT NULL,
                "author_id" uuid,
                "kind" "public"."action_item_update_kind" NOT NULL,
                "text" text NOT NULL,
                "changes" jsonb,
                "percent_complete" smallint,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                CONSTRAINT "action_item_updates_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "action_item_updates_action_item_id_fkey" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE,
                CONSTRAINT "action_item_updates_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL
            )
        `);
    await queryRunner.query(`CREATE INDEX "action_item_updates_item_seq" ON "action_item_updates" ("action_item_id", "seq")`);

    await addNotificationKinds(queryRunner, NEW_KINDS);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await removeNotificationKinds(queryRunner, NEW_KINDS);

    await queryRunner.query(`DROP TABLE "action_item_updates"`);
    await queryRunner.query(`DROP TYPE "public"."action_item_update_kind"`);
    await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'action_items' AND "name" = 'search_vector'`);
    await queryRunner.query(`DROP TABLE "action_items"`);
    await queryRunner.query(`DROP TYPE "public"."action_item_priority"`);
    await queryRunner.query(`DROP TYPE "public"."action_item_status"`);
    await queryRunner.query(`DROP TABLE "action_item_reference_counters"`);
  }
}
