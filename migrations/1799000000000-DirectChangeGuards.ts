import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Rules the database keeps even when a change bypasses the service (issue 15):
 *  - Disabling a user ends their sessions. The service bumps `token_generation` (and drops the
 *    calendar-feed URL) whenever it disables someone; this trigger does the same for a direct
 *    `UPDATE users SET active = false`, so re-enabling the row later does not revive old tokens.
 *    An UPDATE that moves the generation itself is left alone.
 *  - A press reference names one statement whatever its case: the unique constraint becomes a
 *    unique index on `lower(press_reference)`. Existing duplicates stop the migration with a
 *    message naming them (rename one by hand, then migrate again).
 * Frozen SQL: imports nothing from src/.
 */
export class DirectChangeGuards1799000000000 implements MigrationInterface {
  name = 'DirectChangeGuards1799000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const duplicates = (await queryRunner.query(`
            SELECT min("press_reference") AS "press_reference", string_agg("reference", ', ' ORDER BY "reference") AS "statements"
            FROM "statements" WHERE "press_reference" IS NOT NULL
            GROUP BY lower("press_reference") HAVING count(*) > 1 ORDER BY 1
        `)) as { press_reference: string; statements: string }[];
    if (duplicates.length > 0) {
      throw new Error(
        `Cannot make press references unique whatever their case: ${duplicates.map((d) => `"${d.press_reference}" is used by ${d.statements}`).join('; ')}. ` +
          'Give all but one of each a different press reference (UPDATE statements SET press_reference = … WHERE reference = …), then run the migrations again.',
      );
    }
    await queryRunner.query(`ALTER TABLE "statements" DROP CONSTRAINT "statements_press_reference"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "statements_press_reference" ON "statements" (lower("press_reference"))`);

    await queryRunner.query(`
            CREATE FUNCTION users_end_sessions_on_disable() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW."token_generation" = OLD."token_generation" THEN
                    NEW."token_generation" := OLD."token_generation" + 1;
                    NEW."calendar_token_hash" := NULL;
                    NEW."calendar_feed_nonce" := NULL;
                END IF;
                RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "users_end_sessions_on_disable" BEFORE UPDATE OF "active" ON "users"
            FOR EACH ROW WHEN (OLD."active" AND NOT NEW."active") EXECUTE FUNCTION users_end_sessions_on_disable()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "users_end_sessions_on_disable" ON "users"`);
    await queryRunner.query(`DROP FUNCTION users_end_sessions_on_disable()`);
    await queryRunner.query(`DROP INDEX "statements_press_reference"`);
    await queryRunner.query(`ALTER TABLE "statements" ADD CONSTRAINT "statements_press_reference" UNIQUE ("press_reference")`);
  }
}
