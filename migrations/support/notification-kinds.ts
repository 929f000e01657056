import { type QueryRunner } from 'typeorm';

/**
 * Values of the shared `notification_kind` enum (notifications, notification_preferences), added
 * and removed by the migration of the feature that sends them.
 */

/** Adds the values; PostgreSQL 12+ allows ADD VALUE inside the migration's transaction. */
export async function addNotificationKinds(queryRunner: QueryRunner, kinds: readonly string[]): Promise<void> {
  for (const kind of kinds) await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE '${kind}'`);
}

/**
 * An enum value cannot be dropped: removes the rows of those kinds, then rebuilds the type from the
 * values the other migrations added, keeping their order.
 */
export async function removeNotificationKinds(queryRunner: QueryRunner, kinds: readonly string[]): Promise<void> {
  await queryRunner.query(`DELETE FROM "notifications" WHERE "kind"::text = ANY($1)`, [kinds]);
  await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "kind"::text = ANY($1)`, [kinds]);
  const kept = (await queryRunner.query(
    `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      WHERE t.typname = 'notification_kind' AND NOT (e.enumlabel = ANY($1)) ORDER BY e.enumsortorder`,
    [kinds],
  )) as { label: string }[];
  await queryRunner.query(`CREATE TYPE "public"."notification_kind_rebuilt" AS ENUM(${kept.map((k) => `'${k.label}'`).join(', ')})`);
  for (const table of ['notifications', 'notification_preferences']) {
    await queryRunner.query(
      `ALTER TABLE "${table}" ALTER COLUMN "kind" TYPE "public"."notification_kind_rebuilt" USING "kind"::text::"public"."notification_kind_rebuilt"`,
    );
  }
  await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
  await queryRunner.query(`ALTER TYPE "public"."notification_kind_rebuilt" RENAME TO "notification_kind"`);
}
