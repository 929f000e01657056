import 'reflect-metadata';
import './load-env.js';
import { prepareInfrastructure, reconcileQueues } from './bootstrap.js';
import { loadConfig } from './config/app-config.js';

/**
 * `npm run reconcile`: after Redis was lost or replaced, re-creates from PostgreSQL every delayed job
 * that should be pending (reminders, deadlines, silence procedures, the digest's scheduler). Workers do
 * the same when they start; running it on a healthy Redis changes nothing.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await prepareInfrastructure(config);
  const report = await reconcileQueues(config);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Reconcile failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
