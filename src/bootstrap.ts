import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { type AppConfig, ConfigError, MAX_REQUEST_BYTES } from './config/app-config.js';
import { ensureDatabase, migrateDatabase } from './database/prepare-database.js';
import { InfrastructureError } from './database/infrastructure-error.js';
import { loadDemoData } from './demo/load-demo-data.js';
import { Readiness } from './health/readiness.js';
import { ActionItemDigestScheduler } from './action-items/action-item-digest.scheduler.js';
import { JobReconciler, type ReconcileReport } from './queues/job-reconciler.js';
import { QueueWorkers } from './queues/queue-workers.js';
import { checkRedis } from './redis/check-redis.js';
import { dropOnEndedSocket } from './common/http/drop-on-ended-socket.js';
import { WorkerModule } from './worker.module.js';

/** Reachability checks, database creation, migrations and demo data: before any Nest module starts. */
export async function prepareInfrastructure(config: AppConfig): Promise<void> {
  await checkRedis(config);
  await ensureDatabase(config.databaseUrl);
  await migrateDatabase(
    config.databaseUrl,
    config.demo.enabled ? (ds) => loadDemoData(ds, config.demo.password, config.meetingReminderOffsetsMs).then(() => undefined) : undefined,
  );
}

export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  // One size limit for HTTP bodies and graphql-ws messages (MAX_REQUEST_BYTES).
  // First of all: a request on a connection the shutdown drain has ended is dropped unhandled.
  app.use(dropOnEndedSocket);
  app.useBodyParser('json', { limit: MAX_REQUEST_BYTES });
  app.useLogger(app.get(Logger));
  // The client address (sign-in throttling) comes from X-Forwarded-For only as sent by the proxies
  // TRUST_PROXY names; by default from the connection itself, so a client cannot pick its own.
  app.set('trust proxy', config.trustProxy);
  // Browser apps on other origins: only those listed (CORS_ORIGINS); none by default.
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
  }
  return app;
}

/** /health answers 200 from now on: the API listens and, when given, the worker runs. */
export function declareReady(api: INestApplication, worker?: INestApplicationContext): void {
  const queues = worker?.get(QueueWorkers);
  api.get(Readiness).ready(queues ? { worker: () => queues.isRunning() } : {});
}

export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  worker.useLogger(worker.get(Logger));
  return worker;
}

/**
 * npm run reconcile: re-creates from PostgreSQL the delayed jobs missing in Redis and the digest's
 * scheduler (what every worker also does when it starts), prints what it did and ends.
 */
export async function reconcileQueues(config: AppConfig): Promise<ReconcileReport & { digestScheduler: boolean }> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, 'reconcile'), { bufferLogs: true });
  try {
    context.useLogger(context.get(Logger));
    const report = await context.get(JobReconciler).reconcile();
    const digestScheduler = await context.get(ActionItemDigestScheduler).registered();
    return { ...report, digestScheduler };
  } finally {
    await context.close();
  }
}

/**
 * Runs an entry point: known start-up problems (bad configuration, unreachable PostgreSQL or Redis)
 * print one line and exit 1; SIGTERM/SIGINT close everything gracefully.
 */
export function runMain(start: () => Promise<Array<{ close(): Promise<void> }>>): void {
  let closables: Array<{ close(): Promise<void> }> = [];
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Received ${signal}, shutting down…\n`);
    const timer = setTimeout(() => process.exit(1), 25_000);
    timer.unref();
    for (const c of closables) await c.close().catch((e: Error) => process.stderr.write(`Shutdown error: ${e.message}\n`));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  start()
    .then((started) => {
      closables = started;
    })
    .catch((error: unknown) => {
      if (error instanceof ConfigError || error instanceof InfrastructureError) {
        process.stderr.write(`${error.message}\n`);
      } else {
        process.stderr.write(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
      process.exit(1);
    });
}
