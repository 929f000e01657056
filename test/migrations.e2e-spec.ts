import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations/index.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { dropDatabase, ensureDatabase } from '../src/database/prepare-database.js';
import { testEnv } from './support/test-app.js';

/** Every table, column, constraint, index, enum and trigger of the public schema, to compare states. */
async function schemaFingerprint(ds: DataSource): Promise<string> {
  const queries = [
    ds.query(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, is_generated, generation_expression
                FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`),
    ds.query(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
               WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
    ds.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`),
    ds.query(`SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`),
    ds.query(`SELECT tgname, tgrelid::regclass::text AS tbl FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`),
  ];
  return JSON.stringify(await Promise.all(queries));
}

/**
 * The migrations are the schema: run all, revert all (each `down` must undo its `up` exactly), run
 * all again to the same schema, and the entities must then agree with it (TypeORM would generate
 * nothing), so a change to an entity without its migration fails here.
 */
describe('migrations', () => {
  const url = testEnv().DATABASE_URL;
  let ds: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await dropDatabase(url);
  });

  it('are frozen: no migration imports from src/, so changing an entity never rewrites one', () => {
    const dir = join(__dirname, '../migrations');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const importsFromSrc = files.filter((f) => /from\s+['"](\.\.\/)+src\//.test(readFileSync(join(dir, f), 'utf8')));
    expect(importsFromSrc).toEqual([]);
  });

  it('run, revert every one, run again: same schema, nothing left behind, and the entities match it', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    const first = await schemaFingerprint(ds);

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM migrations`);
    expect(n).toBe(0);
    const leftovers = await ds.query(
      `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i', 'S', 'v') AND relname NOT LIKE 'migrations%' AND relname <> 'typeorm_metadata' ORDER BY relname`,
    );
    expect(leftovers).toEqual([]);
    expect(await ds.query(`SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'`)).toEqual([]);

    await ds.runMigrations({ transaction: 'each' });
    expect(await schemaFingerprint(ds)).toBe(first);

    const drift = await ds.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('stops at press references that differ only in case, naming them, and goes on once they are told apart (1799000000000)', async () => {
    const mine = 'DirectChangeGuards1799000000000';
    const applied = async () => (await ds.query<{ name: string }[]>('SELECT name FROM migrations')).map((m) => m.name);
    while ((await applied()).includes(mine)) await ds.undoLastMigration({ transaction: 'each' });
    const [body] = await ds.query(`INSERT INTO bodies (kind, name) VALUES ('MINISTERIAL', 'Migration test') RETURNING id`);
    const statements = [
      ['JHA 2012/001', 'PR 12/2012'],
      ['JHA 2012/002', 'pr 12/2012'],
      ['JHA 2012/003', '12-784'],
    ];
    for (const [i, [reference, press]] of statements.entries()) {
      await ds.query(
        `INSERT INTO statements (reference, reference_year, reference_number, body_id, title, status, press_reference, version) VALUES ($1, 2012, $2, $3, 'T', 'DRAFTING', $4, 1)`,
        [reference, i + 1, body.id, press],
      );
    }
    await expect(ds.runMigrations({ transaction: 'each' })).rejects.toThrow(/12\/2012" is used by JHA 2012\/001, JHA 2012\/002\. Give all but one/);
    expect(await applied()).not.toContain(mine);

    await ds.query(`UPDATE statements SET press_reference = 'PR 12/2012 bis' WHERE reference = 'JHA 2012/002'`);
    await ds.runMigrations({ transaction: 'each' });
    expect(await applied()).toContain(mine);
    await expect(ds.query(`UPDATE statements SET press_reference = 'pr 12/2012' WHERE reference = 'JHA 2012/003'`)).rejects.toThrow(
      /statements_press_reference/,
    );
  });
});
