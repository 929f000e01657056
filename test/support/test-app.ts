import { randomBytes } from 'node:crypto';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service.js';
import { Role } from '../../src/auth/role.enum.js';
import { UserEntity } from '../../src/auth/user.entity.js';
import { hashPassword } from '../../src/auth/users.service.js';
import { createApi, createWorker, declareReady, prepareInfrastructure } from '../../src/bootstrap.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { dropDatabase } from '../../src/database/prepare-database.js';
import { DelegateRole, DelegationKind } from '../../src/delegations/delegation-kind.enum.js';
import { DelegationMembershipEntity } from '../../src/delegations/delegation-membership.entity.js';
import { DelegationEntity } from '../../src/delegations/delegation.entity.js';
import { OutboxRelay } from '../../src/outbox/outbox-relay.js';
import { QueueRegistry } from '../../src/queues/queue-registry.js';
import { createRedis, type RedisTarget } from '../../src/redis/redis.module.js';
import { GraphQLClient } from './graphql-client.js';
import { createFromTemplate } from './template-database.js';
import { sleep, waitFor } from './wait-for.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

export interface TestAppOptions {
  /** Run the worker (relay + BullMQ processors) in this process; default true. */
  worker?: boolean;
  /** Load the demo data; default false. */
  demo?: boolean;
  /** The port to listen on (default: any free one); for a PUBLIC_URL known before the start. */
  port?: number;
  /** Extra environment variables for loadConfig (e.g. REDIS_URL, SMTP_URL, MEETING_REMINDER_OFFSETS). */
  env?: Record<string, string>;
}

export interface TestUser {
  user: UserEntity;
  token: string;
  client: GraphQLClient;
}

export { sleep, waitFor };

/** The Redis settings of a single server at `url` (no Sentinel), for a test's own connections. */
export function redisAt(url: string): RedisTarget {
  return { redis: { url, sentinels: [], sentinelName: null, sentinelPassword: null } };
}

/** Deletes every Redis key of a test's prefix (BullMQ leaves `<prefix>:<queue>:meta` behind, throttling its counters). */
export async function removeRedisKeys(target: RedisTarget | string, prefix: string): Promise<void> {
  if (!/^test-/.test(prefix)) throw new Error(`refusing to delete keys of prefix ${prefix}`);
  const redis = createRedis(typeof target === 'string' ? redisAt(target) : target, { enableOfflineQueue: true, maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The test environment for one test file: its own database and its own BullMQ/Redis prefix. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  const id = randomBytes(5).toString('hex');
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  base.pathname = `/concordia_test_${id}`;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: base.toString(),
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-${id}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    OUTBOX_POLL_MS: '200',
    DEMO_DATA: 'false',
    // Webhook receivers in tests listen on 127.0.0.1 (WebhookSink); everything else private stays refused.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32',
    ...extra,
  };
}

/**
 * Boots the real API (and worker) against a fresh database with migrations applied (a copy of the
 * run's migrated template under Jest, see template-database.ts) and real
 * Redis, and gives tests a GraphQL client per role/delegation in one line.
 */
export class TestApp {
  private users = 0;
  worker: INestApplicationContext | null = null;

  private constructor(
    /** The environment the config was read from (for spawning a worker process like this app). */
    readonly env: Record<string, string>,
    readonly config: AppConfig,
    readonly api: INestApplication,
    readonly url: string,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const env = testEnv({ ...(options.demo ? { DEMO_DATA: 'true' } : {}), ...options.env });
    const config = loadConfig(env);
    // Under Jest, a copy of the run's migrated template (test/support/template-database.ts).
    await createFromTemplate(config.databaseUrl);
    await prepareInfrastructure(config);
    const api = await createApi(config);
    let app: TestApp | null = null;
    try {
      await api.listen(options.port ?? 0, '127.0.0.1');
      const address = api.getHttpServer().address() as { port: number };
      app = new TestApp(env, config, api, `http://127.0.0.1:${address.port}`);
      if (options.worker !== false) await app.startWorker();
      declareReady(api, app.worker ?? undefined);
      return app;
    } catch (error) {
      // A start that fails half-way must not leave a server, connections or keys behind (Jest would hang).
      await (app ? app.close() : api.close().then(() => dropDatabase(config.databaseUrl))).catch(() => undefined);
      await removeRedisKeys(config, config.queuePrefix).catch(() => undefined);
      throw error;
    }
  }

  get dataSource(): DataSource {
    return this.api.get(DataSource);
  }

  /** An anonymous client. */
  get anonymous(): GraphQLClient {
    return new GraphQLClient(this.url);
  }

  async startWorker(config: AppConfig = this.config): Promise<INestApplicationContext> {
    if (this.worker) throw new Error('worker already running');
    this.worker = await createWorker(config);
    return this.worker;
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }

  /** Creates a user with `role` (and a membership when a delegation code is given) and signs in. */
  async as(role: Role, delegation?: string, delegateRole = DelegateRole.DELEGATE, overrides: Partial<UserEntity> = {}): Promise<TestUser> {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const n = ++this.users;
    const repo = this.dataSource.getRepository(UserEntity);
    const user = await repo.save(
      repo.create({
        email: `${role.toLowerCase()}.${n}.${delegation?.toLowerCase() ?? 'none'}@test.concordia`,
        name: `${role} ${n}${delegation ? ` (${delegation})` : ''}`,
        role,
        timezone: 'Europe/Brussels',
        passwordHash: await passwordHash,
        ...overrides,
      }),
    );
    if (delegation) {
      const d = await this.delegation(delegation);
      await this.dataSource.getRepository(DelegationMembershipEntity).insert({ userId: user.id, delegationId: d.id, delegateRole });
    }
    const token = await this.api.get(AuthService).issueToken(user);
    return { user, token, client: new GraphQLClient(this.url, token) };
  }

  /** The delegation with this code, created (as a member state unless said otherwise) if missing. */
  async delegation(code: string, fields: Partial<DelegationEntity> = {}): Promise<DelegationEntity> {
    const repo = this.dataSource.getRepository(DelegationEntity);
    const existing = await repo.findOneBy({ code });
    if (existing) return existing;
    return repo.save(repo.create({ code, name: `Delegation ${code}`, kind: DelegationKind.MEMBER_STATE, timezone: 'Europe/Brussels', ...fields }));
  }

  /** Rows of a table, for assertions on database state. */
  async count(table: string, where = 'TRUE', params: unknown[] = []): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
    return row.n as number;
  }

  /** Waits until every committed outbox row reached BullMQ and no job is waiting or running. */
  async drain(timeoutMs = 20_000): Promise<void> {
    if (!this.worker) throw new Error('drain() needs the worker');
    const relay = this.worker.get(OutboxRelay);
    const queues = this.worker.get(QueueRegistry);
    let quiet = 0;
    await waitFor(
      async () => {
        try {
          await relay.drain();
          const unsent = await this.count('outbox_events', 'sent_at IS NULL');
          const busy = await Promise.all(
            queues.all().map(async (q) => {
              const counts = Object.values(await q.getJobCounts('waiting', 'active', 'prioritized')).reduce((a, b) => a + b, 0);
              // A retry waiting out its backoff, or a job put back while PostgreSQL was away (started, no attempt
              // spent), is delayed, not done; a reminder due next week (never started) is not work to wait for.
              const retrying = (await q.getJobs(['delayed'])).filter((j) => j.attemptsMade > 0 || j.attemptsStarted > 0).length;
              return counts + retrying;
            }),
          );
          quiet = unsent === 0 && busy.every((n) => n === 0) ? quiet + 1 : 0;
        } catch {
          quiet = 0; // Redis still reconnecting
        }
        return quiet >= 3;
      },
      timeoutMs,
      'the outbox and queues to drain',
    );
  }

  async close(): Promise<void> {
    const queues = this.api.get(QueueRegistry);
    await this.stopWorker().catch(() => undefined);
    await Promise.all(queues.all().map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    await this.api.close();
    await removeRedisKeys(this.config, this.config.queuePrefix);
    await dropDatabase(this.config.databaseUrl).catch(() => undefined);
  }
}
