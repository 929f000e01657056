import 'reflect-metadata';
import '../load-env.js';
import { writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createApi, prepareInfrastructure, runMain } from '../bootstrap.js';
import { loadConfig } from '../config/app-config.js';
import { printSortedSchema, SCHEMA_FILE } from './schema-printer.js';

/** Writes schema.gql from the running code (`npm run schema`). Needs PostgreSQL and Redis like the app. */
runMain(async () => {
  const config = loadConfig({ ...process.env, DEMO_DATA: 'false' });
  await prepareInfrastructure(config);
  const app = await createApi(config);
  await app.init();
  writeFileSync(SCHEMA_FILE, printSortedSchema(app.get(GraphQLSchemaHost).schema));
  process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
  await app.close();
  process.exit(0);
});
