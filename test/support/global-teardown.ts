import pg from 'pg';

/** Jest globalTeardown of the e2e project: drops the run's template database, if a test made it. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.TEST_DATABASE_TEMPLATE;
  if (!name || !/^concordia_template_\w+$/.test(name)) return;
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
