import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Commitments and global search (issue 11).
 *  - `statement_commitments`: one row per GOAL paragraph of the adopted version (key + version;
 *    the text is read from the version), unique per (statement, paragraph key) so adoption is
 *    idempotent; `action_items.commitment_id` links follow-up to it.
 *  - Full-text search: `text_search_config(language)` maps a statement's BCP 47 language to a
 *    PostgreSQL text search configuration (the one place that mapping lives), and
 *    `multilingual_tsquery(query)` is the query parsed under every configuration that mapping can
 *    return, OR-ed: one constant tsquery, so one GIN scan finds candidates in any language (the
 *    exact per-row test runs on the candidates only). Generated tsvector columns with GIN indexes on
 *    statements (title, reference), statement_versions (paragraph texts, in the statement's
 *    language, copied into `search_language` at insert by a trigger: a generated column cannot read
 *    the statement's row) and meetings (title, location). Action items keep their own `search_vector`.
 * The generated expressions are written out here as they were at this migration, so changing an
 * entity never rewrites it; the entities repeat them (as for action items), and the migrations
 * test checks that the two agree.
 */
const CONFIGS: Array<[string, string]> = [
  ['ar', 'arabic'],
  ['ca', 'catalan'],
  ['da', 'danish'],
  ['de', 'german'],
  ['el', 'greek'],
  ['en', 'english'],
  ['es', 'spanish'],
  ['eu', 'basque'],
  ['fi', 'finnish'],
  ['fr', 'french'],
  ['ga', 'irish'],
  ['hu', 'hungarian'],
  ['hy', 'armenian'],
  ['id', 'indonesian'],
  ['it', 'italian'],
  ['lt', 'lithuanian'],
  ['nb', 'norwegian'],
  ['nn', 'norwegian'],
  ['no', 'norwegian'],
  ['ne', 'nepali'],
  ['nl', 'dutch'],
  ['pt', 'portuguese'],
  ['ro', 'romanian'],
  ['ru', 'russian'],
  ['sr', 'serbian'],
  ['sv', 'swedish'],
  ['ta', 'tamil'],
  ['tr', 'turkish'],
  ['yi', 'yiddish'],
  ['hi', 'hindi'],
];
const DISTINCT_CONFIGS = [...new Set(CONFIGS.map(([, c]) => c)), 'simple'];

const GENERATED: Array<[table: string, expression: string]> = [
  [
    'statements',
    `setweight(to_tsvector(text_search_config("language"), coalesce("title", '')), 'A') || setweight(to_tsvector('simple', coalesce("reference", '')), 'A')`,
  ],
  [
    'statement_versions',
    `setweight(jsonb_to_tsvector(text_search_config("search_language"), jsonb_path_query_array("paragraphs", '$[*].text'), '["string"]'), 'B')`,
  ],
  ['meetings', `setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('simple', coalesce("location", '')), 'C')`],
];

export class CommitmentsAndSearch1798000004000 implements MigrationInterface {
  name = 'CommitmentsAndSearch1798000004000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "statement_commitments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "statement_id" uuid NOT NULL,
                "version_id" uuid NOT NULL,
                "paragraph_key" character varying(32) NOT NULL,
                "ordinal" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "statement_commitments_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "statement_commitments_statement_paragraph" UNIQUE ("statement_id", "paragraph_key"),
                CONSTRAINT "statement_commitments_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "statements"("id") ON DELETE CASCADE,
                CONSTRAINT "statement_commitments_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "statement_versions"("id") ON DELETE CASCADE
            )
        `);
    await queryRunner.query(`ALTER TABLE "action_items" ADD "commitment_id" uuid`);
    await queryRunner.query(`
            ALTER TABLE "action_items" ADD CONSTRAINT "action_items_commitment_id_fkey"
            FOREIGN KEY ("commitment_id") REFERENCES "statement_commitments"("id") ON DELETE SET NULL
        `);
    // The implementation report groups a commitment's items by owner delegation.
    await queryRunner.query(
      `CREATE INDEX "action_items_commitment" ON "action_items" ("commitment_id", "owner_delegation_id") WHERE "commitment_id" IS NOT NULL`,
    );

    await queryRunner.query(`
            CREATE FUNCTION text_search_config(language text) RETURNS regconfig
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT CASE lower(split_part(coalesce(language, ''), '-', 1))
                    ${CONFIGS.map(([lang, config]) => `WHEN '${lang}' THEN '${config}'::regconfig`).join('\n                    ')}
                    ELSE 'simple'::regconfig
                END
            $$
        `);
    await queryRunner.query(`
            CREATE FUNCTION multilingual_tsquery(query text) RETURNS tsquery
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT ${DISTINCT_CONFIGS.map((c) => `websearch_to_tsquery('${c}'::regconfig, query)`).join('\n                    || ')}
            $$
        `);

    await queryRunner.query(`ALTER TABLE "statement_versions" ADD "search_language" character varying(16)`);
    // Versions are immutable (statement_versions_no_update): the one backfill is let through.
    await queryRunner.query(`ALTER TABLE "statement_versions" DISABLE TRIGGER statement_versions_no_update`);
    await queryRunner.query(`UPDATE "statement_versions" v SET "search_language" = s."language" FROM "statements" s WHERE s."id" = v."statement_id"`);
    await queryRunner.query(`ALTER TABLE "statement_versions" ENABLE TRIGGER statement_versions_no_update`);
    await queryRunner.query(`
            CREATE FUNCTION statement_versions_search_language() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.search_language := (SELECT s.language FROM statements s WHERE s.id = NEW.statement_id);
                RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER statement_versions_search_language BEFORE INSERT ON "statement_versions"
            FOR EACH ROW EXECUTE FUNCTION statement_versions_search_language()
        `);
    for (const [table, expression] of GENERATED) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "search_vector" tsvector GENERATED ALWAYS AS (${expression}) STORED NOT NULL`);
      await queryRunner.query(`CREATE INDEX "${table}_search" ON "${table}" USING GIN ("search_vector")`);
      await queryRunner.query(
        `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', $1, 'GENERATED_COLUMN', 'search_vector', $2)`,
        [table, expression],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of [...GENERATED].reverse()) {
      await queryRunner.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = $1 AND "name" = 'search_vector'`, [table]);
      await queryRunner.query(`DROP INDEX "${table}_search"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "search_vector"`);
    }
    await queryRunner.query(`DROP TRIGGER statement_versions_search_language ON "statement_versions"`);
    await queryRunner.query(`DROP FUNCTION statement_versions_search_language()`);
    await queryRunner.query(`ALTER TABLE "statement_versions" DROP COLUMN "search_language"`);
    await queryRunner.query(`DROP FUNCTION multilingual_tsquery(text)`);
    await queryRunner.query(`DROP FUNCTION text_search_config(text)`);
    await queryRunner.query(`DROP INDEX "action_items_commitment"`);
    await queryRunner.query(`ALTER TABLE "action_items" DROP CONSTRAINT "action_items_commitment_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "action_items" DROP COLUMN "commitment_id"`);
    await queryRunner.query(`DROP TABLE "statement_commitments"`);
  }
}
