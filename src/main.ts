import 'reflect-metadata';
import './load-env.js';
import { createApi, createWorker, prepareInfrastructure, runMain } from './bootstrap.js';
import { loadConfig } from './config/app-config.js';

/** HTTP entry point. `--with-worker` also runs the job side in this process (local use). */
runMain(async () => {
  const config = loadConfig();
  await prepareInfrastructure(config);
  const api = await createApi(config);
  await api.listen(config.port);
  const started: Array<{ close(): Promise<void> }> = [api];
  if (process.argv.includes('--with-worker')) started.push(await createWorker(config));
  process.stdout.write(
    `Concordia listening on ${config.publicUrl} (GraphQL at /graphql, health at /health)` +
      `${process.argv.includes('--with-worker') ? ' with the worker in-process' : ''}${config.demo.enabled ? ', demo data loaded' : ''}\n`,
  );
  return started;
});
