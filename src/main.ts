import 'reflect-metadata';
import './load-env.js';
import { createApi, createWorker, declareReady, prepareInfrastructure, runMain } from './bootstrap.js';
import { loadConfig } from './config/app-config.js';

/** HTTP entry point. `--with-worker` also runs the job side in this process (local use). */
runMain(async () => {
  const config = loadConfig();
  await prepareInfrastructure(config);
  const api = await createApi(config);
  await api.listen(config.port);
  const worker = process.argv.includes('--with-worker') ? await createWorker(config) : undefined;
  declareReady(api, worker);
  const started: Array<{ close(): Promise<void> }> = worker ? [api, worker] : [api];
  process.stdout.write(
    `Concordia listening on ${config.publicUrl} (GraphQL at /graphql, health at /health)` +
      `${process.argv.includes('--with-worker') ? ' with the worker in-process' : ''}${config.demo.enabled ? ', demo data loaded' : ''}\n`,
  );
  return started;
});
