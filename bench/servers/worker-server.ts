import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createWorker } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/app-config.js';
import { type QueryCountingLogger } from '../../src/database/query-counting.logger.js';
import { failed, serve } from '../lib/child.js';

/** The real worker (outbox relay and BullMQ processors) in a process of its own. */
async function main(): Promise<void> {
  const worker = await createWorker(loadConfig(process.env));
  const ds = worker.get(DataSource);
  serve({}, { sql: () => (ds.logger as QueryCountingLogger).statements }, () => worker.close());
}

main().catch(failed);
