import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { queuePolicy } from '../../src/queues/jobs.js';
import { failed, serve } from '../lib/child.js';

/**
 * The fan-out baseline: bare BullMQ on the same Redis, no-op jobs carrying one id each, one worker at
 * the service's concurrency (5), the same default job options. `run(n)` answers how many ms it took
 * from the first add until the n-th job completed.
 */
async function main(): Promise<void> {
  const prefix = `${process.env.QUEUE_PREFIX}-bare`;
  const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const policy = queuePolicy('notifications');
  const queue = new Queue('bare', { connection, prefix, defaultJobOptions: policy.jobOptions });
  let onCompleted: (() => void) | null = null;
  const worker = new Worker('bare', async () => 'done', {
    connection: new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null }),
    prefix,
    concurrency: 5,
    removeOnComplete: policy.removeOnComplete,
    removeOnFail: policy.removeOnFail,
  });
  worker.on('completed', () => onCompleted?.());
  await worker.waitUntilReady();
  serve(
    {},
    {
      run: async (n: number) => {
        let done = 0;
        const all = new Promise<void>((resolve) => {
          onCompleted = () => {
            if (++done === n) resolve();
          };
        });
        const t = performance.now();
        await queue.addBulk(Array.from({ length: n }, () => ({ name: 'deliver', data: { deliveryId: randomUUID() } })));
        await all;
        return performance.now() - t;
      },
    },
    async () => {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connection.disconnect();
    },
  );
}

main().catch(failed);
