import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';

/**
 * A Redis of the bench's own (when `redis-server` is installed), so INFO memory deltas and queue
 * timings are not disturbed by other users of the shared Redis. Falls back to `fallbackUrl`.
 */
export async function privateRedis(fallbackUrl: string): Promise<{ url: string; privateServer: boolean; stop(): void }> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return { url: fallbackUrl, privateServer: false, stop: () => undefined };
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && proc.exitCode === null; i++) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      const ok = await probe.connect().then(
        () => probe.ping().then(() => true),
        () => false,
      );
      probe.disconnect();
      if (ok) return { url, privateServer: true, stop: () => proc.kill('SIGTERM') };
      await new Promise((r) => setTimeout(r, 100));
    }
    proc.kill('SIGKILL');
  }
  return { url: fallbackUrl, privateServer: false, stop: () => undefined };
}

/** Memory used by data (INFO used_memory less the server's overhead: client buffers and the like). */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory_dataset:(\d+)/.exec(info)![1]);
}
