import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service.js';
import { type Role } from '../../src/auth/role.enum.js';
import { createApi } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/app-config.js';
import { type QueryCountingLogger } from '../../src/database/query-counting.logger.js';
import { RedisConnection } from '../../src/redis/redis.module.js';
import { failed, serve } from '../lib/child.js';
import { loopDelayHandlers } from '../lib/loop-delay.js';

/** The real HTTP stack (Nest, Apollo, TypeORM) in a process of its own; the parent has migrated the database. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const api = await createApi(config);
  await api.listen(0, '127.0.0.1');
  const ds = api.get(DataSource);
  const auth = api.get(AuthService);
  const session = new Session();
  // The longest the event loop was held, between loopReset and loopMax (bench/event-loop-stalls.ts).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let gcMax = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMax = Math.max(gcMax, entry.duration);
  }).observe({ entryTypes: ['gc'] });
  const statements = () => (ds.logger as QueryCountingLogger).statements;
  // Commands sent on the general Redis connection (the one authentication reads), counted for authRedis.
  const redis = api.get(RedisConnection).client;
  const sendCommand = redis.sendCommand.bind(redis);
  let redisCommands = 0;
  redis.sendCommand = (...args: Parameters<typeof sendCommand>) => {
    redisCommands++;
    return sendCommand(...args);
  };
  serve(
    { port: (api.getHttpServer().address() as { port: number }).port },
    {
      token: (user: { id: string; role: Role }) => auth.issueToken(user),
      loopReset: () => {
        loop.reset();
        gcMax = 0;
      },
      /** The longest garbage-collection pause since loopReset, in ms. */
      gcMax: () => gcMax,
      /** The longest event-loop delay since loopReset, in ms (0 when no sample was taken). */
      loopMax: () => (loop.count ? loop.max / 1e6 : 0),
      sql: () => statements(),
      // The event-loop delay histograms of `npm run bench:eve`.
      ...loopDelayHandlers(),
      /** CPU profile of this process between the two calls, written to `file` (open it in Chrome DevTools). */
      profileStart: async () => {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      },
      profileStop: async (file: string) => {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(file, JSON.stringify(profile));
        session.disconnect();
      },
      /** SQL statements spent on resolving the bearer token alone. */
      authSql: async (token: string) => {
        const before = statements();
        await auth.authenticate(`Bearer ${token}`);
        return statements() - before;
      },
      /** Redis commands spent on resolving the bearer token alone (0 when this process holds it, AuthLocalCache). */
      authRedis: async (token: string) => {
        const before = redisCommands;
        await auth.authenticate(`Bearer ${token}`);
        return redisCommands - before;
      },
    },
    () => api.close(),
  );
}

main().catch(failed);
