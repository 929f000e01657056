import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

export interface SentinelClusterOptions {
  /** The master group name; default `concordia`. */
  name?: string;
  /** `requirepass` of the master and replica (and `masterauth`, `sentinel auth-pass`); none by default. */
  password?: string;
  /** `requirepass` of the sentinels themselves; none by default. */
  sentinelPassword?: string;
  /** Replicas besides the master; default 1. */
  replicas?: number;
  /** Sentinels; default 3 (quorum 2). */
  sentinels?: number;
  /** How long a master may be silent before the sentinels call it down; default 1000 ms. */
  downAfterMs?: number;
}

interface Server {
  port: number;
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

/**
 * A real Redis master with replicas and sentinels on free 127.0.0.1 ports (redis-server must be
 * installed), for tests and the proof. `env()` points the service at it; `killMaster()` SIGKILLs
 * whichever server is master now, and `waitForFailover()` waits until every sentinel names a new,
 * promoted master. `stop()` kills everything and removes the temporary directory.
 */
export class SentinelCluster {
  private readonly servers: Server[] = [];
  private readonly sentinelServers: Server[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'concordia-sentinel-'));

  private constructor(readonly options: Required<Omit<SentinelClusterOptions, 'password' | 'sentinelPassword'>> & SentinelClusterOptions) {}

  static async start(options: SentinelClusterOptions = {}): Promise<SentinelCluster> {
    const cluster = new SentinelCluster({ name: 'concordia', replicas: 1, sentinels: 3, downAfterMs: 1000, ...options });
    try {
      await cluster.boot();
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  get name(): string {
    return this.options.name;
  }

  /** The sentinels' addresses, as REDIS_SENTINELS takes them. */
  get sentinelList(): string {
    return this.sentinelServers.map((s) => `127.0.0.1:${s.port}`).join(',');
  }

  /** The environment that connects the service through these sentinels. */
  env(): Record<string, string> {
    const password = this.options.password ? `:${encodeURIComponent(this.options.password)}@` : '';
    return {
      REDIS_SENTINELS: this.sentinelList,
      REDIS_SENTINEL_NAME: this.name,
      // Under Sentinel the URL gives the password (and TLS, database); its host is not used.
      REDIS_URL: `redis://${password}${this.name}`,
      ...(this.options.sentinelPassword ? { REDIS_SENTINEL_PASSWORD: this.options.sentinelPassword } : {}),
    };
  }

  /** A direct connection to the data server on `port` (for the test's own checks). */
  connect(port: number): Redis {
    const redis = new Redis({
      port,
      host: '127.0.0.1',
      password: this.options.password,
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    return redis;
  }

  /** The port of the server every sentinel names as master, once they agree and it is one. */
  async master(timeoutMs = 30_000): Promise<number> {
    return waitFor(
      async () => {
        const ports = await Promise.all(this.sentinelServers.map((s) => this.askSentinel(s.port, 'get-master-addr-by-name').catch(() => null)));
        const port = ports[0];
        if (!port || ports.some((p) => p !== port)) return null;
        return (await this.role(port)) === 'master' ? port : null;
      },
      timeoutMs,
      'the sentinels to agree on a master',
    );
  }

  /** SIGKILLs the current master (no shutdown, no last write); returns its port. */
  async killMaster(): Promise<number> {
    const port = await this.master();
    const server = this.servers.find((s) => s.port === port)!;
    server.child.kill('SIGKILL');
    await server.exited;
    return port;
  }

  /** Waits until every sentinel names a master other than `oldPort`, and it answers as master. */
  async waitForFailover(oldPort: number, timeoutMs = 60_000): Promise<number> {
    return waitFor(
      async () => {
        const port = await this.master(timeoutMs).catch(() => null);
        return port !== null && port !== oldPort ? port : null;
      },
      timeoutMs,
      'the sentinels to promote a replica',
    );
  }

  async stop(): Promise<void> {
    for (const s of [...this.sentinelServers, ...this.servers]) s.child.kill('SIGKILL');
    await Promise.all([...this.sentinelServers, ...this.servers].map((s) => s.exited));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async boot(): Promise<void> {
    const auth = this.options.password ? ['--requirepass', this.options.password, '--masterauth', this.options.password] : [];
    const masterPort = await freePort();
    await this.redisServer(masterPort, auth);
    for (let i = 0; i < this.options.replicas; i++) {
      const port = await freePort();
      await this.redisServer(port, [...auth, '--replicaof', '127.0.0.1', String(masterPort)]);
    }
    const master = this.connect(masterPort);
    try {
      await waitFor(
        async () => {
          const info = await master.info('replication').catch(() => '');
          const online = info.match(/^slave\d+:.*state=online/gm) ?? [];
          return online.length === this.options.replicas;
        },
        30_000,
        'the replicas to sync',
      );
    } finally {
      master.disconnect();
    }
    const quorum = Math.floor(this.options.sentinels / 2) + 1;
    for (let i = 0; i < this.options.sentinels; i++) {
      const port = await freePort();
      const file = join(this.dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          'daemonize no',
          `dir ${this.dir}`,
          `sentinel monitor ${this.name} 127.0.0.1 ${masterPort} ${quorum}`,
          `sentinel down-after-milliseconds ${this.name} ${this.options.downAfterMs}`,
          `sentinel failover-timeout ${this.name} 5000`,
          `sentinel parallel-syncs ${this.name} 1`,
          ...(this.options.password ? [`sentinel auth-pass ${this.name} ${this.options.password}`] : []),
          ...(this.options.sentinelPassword ? [`requirepass ${this.options.sentinelPassword}`] : []),
          '',
        ].join('\n'),
      );
      await this.spawnServer(port, [file, '--sentinel']);
    }
    // Every sentinel sees the others (hello messages through the master) and the replicas.
    await waitFor(
      async () => {
        const states = await Promise.all(this.sentinelServers.map((s) => this.sentinelState(s.port).catch(() => null)));
        return states.every((st) => st && st.others === this.options.sentinels - 1 && st.replicas === this.options.replicas);
      },
      30_000,
      'the sentinels to discover each other and the replicas',
    );
  }

  private redisServer(port: number, args: string[]): Promise<Server> {
    return this.spawnServer(port, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...args]);
  }

  private async spawnServer(port: number, args: string[]): Promise<Server> {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const server = { port, child, exited, output: () => output };
    // Tracked at once, so stop() ends it even if it never comes up.
    (args.includes('--sentinel') ? this.sentinelServers : this.servers).push(server);
    const ready = args.includes('--sentinel') ? /\+monitor master/ : /Ready to accept connections/i;
    await waitFor(
      async () => (child.exitCode !== null ? Promise.reject(new Error(`redis-server on ${port} exited: ${output}`)) : ready.test(output)),
      20_000,
      `redis-server on port ${port}`,
    );
    return server;
  }

  private async withSentinel<T>(port: number, run: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis({
      port,
      host: '127.0.0.1',
      password: this.options.sentinelPassword,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await run(redis);
    } finally {
      redis.disconnect();
    }
  }

  private async askSentinel(port: number, what: 'get-master-addr-by-name'): Promise<number | null> {
    const reply = (await this.withSentinel(port, (r) => r.call('SENTINEL', what, this.name))) as [string, string] | null;
    return reply ? Number(reply[1]) : null;
  }

  private async sentinelState(port: number): Promise<{ others: number; replicas: number }> {
    const reply = (await this.withSentinel(port, (r) => r.call('SENTINEL', 'MASTER', this.name))) as string[];
    const fields = new Map<string, string>();
    for (let i = 0; i + 1 < reply.length; i += 2) fields.set(reply[i], reply[i + 1]);
    return { others: Number(fields.get('num-other-sentinels')), replicas: Number(fields.get('num-slaves')) };
  }

  private async role(port: number): Promise<string | null> {
    const redis = this.connect(port);
    try {
      const info = await redis.info('replication');
      return /^role:(\w+)/m.exec(info)?.[1] ?? null;
    } catch {
      return null;
    } finally {
      redis.disconnect();
    }
  }
}
