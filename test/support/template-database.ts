import pg from 'pg';
import { dropDatabase, ensureDatabase, migrateDatabase } from '../../src/database/prepare-database.js';

/**
 * A migrated database that test apps copy instead of migrating their own. The e2e project's Jest
 * globalSetup names one per run in this variable (and its globalTeardown drops it); the first
 * TestApp.start of the run migrates it, through the app's own migrateDatabase; every TestApp.start
 * then creates its fresh database as a copy (CREATE DATABASE … TEMPLATE), and the app's start-up
 * still runs migrateDatabase on it, which finds nothing pending. Without the variable (a test
 * outside Jest) every database is migrated from scratch as before. Tests of migrations and of
 * start-up create their databases themselves and always take the full path.
 */
export const TEMPLATE_VARIABLE = 'TEST_DATABASE_TEMPLATE';

/** The database URL of tests (TEST_DATABASE_URL), naming `database`. */
function testDatabaseUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

function checkedName(name: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unusual database name "${name}"`);
  return name;
}

/**
 * Makes the template `name` if no one has yet, under an advisory lock so that parallel Jest workers
 * make it once. Ready means migrated and closed to connections (a copy needs its template without
 * any); one still open is what a worker that died half-way left, and is made again.
 */
async function ensureTemplate(admin: pg.Client, name: string): Promise<void> {
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
  try {
    const [row] = (await admin.query('SELECT datallowconn FROM pg_database WHERE datname = $1', [name])).rows as { datallowconn: boolean }[];
    if (row && !row.datallowconn) return;
    const url = testDatabaseUrl(name);
    if (row) await dropDatabase(url);
    await ensureDatabase(url);
    await migrateDatabase(url);
    await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
  }
}

/**
 * Creates the database of `databaseUrl` as a copy of the run's migrated template; false (nothing
 * done) when the run has none.
 */
export async function createFromTemplate(databaseUrl: string): Promise<boolean> {
  const template = process.env[TEMPLATE_VARIABLE];
  if (!template) return false;
  const name = checkedName(decodeURIComponent(new URL(databaseUrl).pathname.slice(1)));
  const admin = new pg.Client({ connectionString: testDatabaseUrl('postgres'), connectionTimeoutMillis: 5000 });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await ensureTemplate(admin, checkedName(template));
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    return true;
  } finally {
    await admin.end();
  }
}
