import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const SENTINEL_NAME = 'concordia';

/**
 * A Redis master, its replica and three Sentinels on 127.0.0.1 (redis-server must be installed),
 * each with its own config in a temporary folder. (test/support/redis-sentinel.ts does the same for
 * Jest but cannot load outside it: it imports test-app.ts, which imports @jest/globals.) `killMaster()` SIGKILLs whichever server is master
 * now and waits until the Sentinels have promoted the other.
 */
export class SentinelCluster {
  private readonly procs: ChildProcess[] = [];
  private readonly servers = new Map<number, ChildProcess>();
  private dir = '';
  sentinelPorts: number[] = [];

  get sentinels(): string {
    return this.sentinelPorts.map((p) => `127.0.0.1:${p}`).join(',');
  }

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'concordia-proof-redis-'));
    const master = await freePort();
    const replica = await freePort();
    this.server(master, []);
    this.server(replica, ['--replicaof', '127.0.0.1', String(master)]);
    await waitPing(master);
    await waitPing(replica);
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const file = join(this.dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${this.dir}`,
          `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${master} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_NAME} 1000`,
          `sentinel failover-timeout ${SENTINEL_NAME} 5000`,
          `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
        ].join('\n') + '\n',
      );
      this.procs.push(spawn('redis-server', [file, '--sentinel'], { stdio: 'ignore' }));
      this.sentinelPorts.push(port);
      await waitPing(port);
    }
  }

  /** The master's port as the Sentinels see it. */
  async masterPort(): Promise<number> {
    const s = new Redis(this.sentinelPorts[0], '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
    s.on('error', () => undefined);
    try {
      const [, port] = (await s.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_NAME)) as [string, string];
      return Number(port);
    } finally {
      s.disconnect();
    }
  }

  /** Kills the master (SIGKILL) and waits for the promotion of the replica: the ports and the failover's length in ms. */
  async killMaster(): Promise<{ old: number; promoted: number; ms: number }> {
    const old = await this.masterPort();
    const started = Date.now();
    this.servers.get(old)?.kill('SIGKILL');
    for (;;) {
      await sleep(200);
      const now = await this.masterPort().catch(() => old);
      if (now !== old) return { old, promoted: now, ms: Date.now() - started };
      if (Date.now() - started > 60_000) throw new Error('no failover within 60 s');
    }
  }

  stop(): void {
    for (const p of [...this.procs, ...this.servers.values()]) p.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private server(port: number, extra: string[]): void {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, ...extra], {
      stdio: 'ignore',
    });
    this.servers.set(port, proc);
  }
}

async function waitPing(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    const ok = await probe.connect().then(
      () => probe.ping().then(() => true),
      () => false,
    );
    probe.disconnect();
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`redis on ${port} did not start`);
}
