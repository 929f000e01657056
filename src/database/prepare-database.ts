import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';
import { describeUrl, InfrastructureError } from './infrastructure-error.js';

// Any constant works; it only has to be the same for every instance of the service.
const MIGRATION_LOCK_KEY = 727_100_2012;

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`DATABASE_URL names an unusual database "${name}"`);
  return name;
}

function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000') throw error; // database missing: the caller creates it
    throw new InfrastructureError('PostgreSQL', describeUrl(url), error, 'DATABASE_URL');
  }
}

/** Creates the database named in the URL when it does not exist yet (safe if two processes race). */
export async function ensureDatabase(url: string): Promise<void> {
  try {
    const probe = await connect(url);
    await probe.end();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const admin = await connect(maintenanceUrl(url));
  try {
    await admin.query(`CREATE DATABASE "${databaseName(url)}"`);
  } catch (error) {
    // Created meanwhile by another instance: 42P04, or 23505 when both raced inside the catalog.
    if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await admin.end();
  }
}

/**
 * Runs pending migrations, then `afterMigrate` (demo data), under a PostgreSQL advisory lock, so
 * instances starting together take turns and all come up.
 */
export async function migrateDatabase(url: string, afterMigrate?: (ds: DataSource) => Promise<void>): Promise<string[]> {
  const lock = await connect(url);
  const ds = new DataSource(dataSourceOptions(url));
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await ds.initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (afterMigrate) await afterMigrate(ds);
    return applied.map((m) => m.name);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

/** Drops a database (tests only). */
export async function dropDatabase(url: string): Promise<void> {
  const admin = await connect(maintenanceUrl(url));
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
