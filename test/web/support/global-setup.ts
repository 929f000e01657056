import { startWebServer } from './web-server.js';

/**
 * One server for every web spec (web-server.ts): the built API serving the built client, on a free
 * port, against a fresh database with the demo data and its own Redis prefix. Its URL and database
 * URL reach the specs through the environment (fixtures.ts); the returned function stops it and
 * drops the database and keys.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startWebServer();
  process.env.CONCORDIA_WEB_URL = server.url;
  process.env.CONCORDIA_WEB_DATABASE_URL = server.databaseUrl;
  return server.stop;
}
