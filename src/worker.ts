import 'reflect-metadata';
import './load-env.js';
import { createWorker, prepareInfrastructure, runMain } from './bootstrap.js';
import { loadConfig } from './config/app-config.js';

/** Job entry point: outbox relay and BullMQ workers. */
runMain(async () => {
  const config = loadConfig();
  await prepareInfrastructure(config);
  const worker = await createWorker(config);
  process.stdout.write('Concordia worker started\n');
  return [worker];
});
