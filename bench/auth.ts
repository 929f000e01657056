import 'reflect-metadata';
import { createSecretKey, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { AuthLocalCache } from '../src/auth/auth-local-cache.js';
import { AuthService } from '../src/auth/auth.service.js';
import { Role } from '../src/auth/role.enum.js';
import { UserEntity } from '../src/auth/user.entity.js';
import { createApi, prepareInfrastructure } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { dropDatabase } from '../src/database/prepare-database.js';
import { type QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { runMain } from './lib/run-main.js';

/**
 * Authentication per request (prints figures, asserts nothing):
 * 1. JWT HS256 verification with the secret as a string (jsonwebtoken tries createPublicKey,
 *    catches, then createSecretKey, on every call) against a KeyObject made once;
 * 2. AuthService.authenticate warm in this process's memory (AuthLocalCache), warm in Redis (one MGET:
 *    the process's cache stopped, as when its subscription is down) and cold (PostgreSQL), with SQL statements.
 */
const id = randomBytes(4).toString('hex');
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:5432/concordia_bench_auth_${id}`,
  QUEUE_PREFIX: `bench-auth-${id}`,
  LOG_LEVEL: 'silent',
  PORT: '0',
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeEach(n: number, fn: () => void): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t0) / n) * 1000;
}

async function main(): Promise<void> {
  const secret = config.jwt.secret;
  const token = jwt.sign({ sub: 'x', role: 'ADMIN', gen: 0, jti: 'y' }, secret, { algorithm: 'HS256', issuer: 'concordia', expiresIn: '1h' });
  const key = createSecretKey(Buffer.from(secret));
  const options = { algorithms: ['HS256' as const], issuer: 'concordia' };
  timeEach(2000, () => jwt.verify(token, secret, options)); // warm-up
  const asString = timeEach(20000, () => jwt.verify(token, secret, options));
  const asKey = timeEach(20000, () => jwt.verify(token, key, options));
  console.log(`JWT verify, secret as string:    ${asString.toFixed(1)} µs/op`);
  console.log(`JWT verify, secret as KeyObject: ${asKey.toFixed(1)} µs/op`);

  await prepareInfrastructure(config);
  const api = await createApi(config);
  await api.init();
  try {
    const ds = api.get(DataSource);
    const auth = api.get(AuthService);
    const logger = ds.logger as QueryCountingLogger;
    const users = await ds
      .getRepository(UserEntity)
      .save(
        Array.from({ length: 200 }, (_, i) =>
          ds.getRepository(UserEntity).create({ email: `bench.${i}@bench.test`, name: `Bench ${i}`, role: Role.DELEGATE, passwordHash: 'x' }),
        ),
      );
    const tokens = await Promise.all(users.map((u) => auth.issueToken(u)));
    const cold: number[] = [];
    const s0 = logger.statements;
    for (const t of tokens) {
      const t0 = performance.now();
      await auth.authenticate(`Bearer ${t}`);
      cold.push(performance.now() - t0);
    }
    const coldStatements = (logger.statements - s0) / tokens.length;
    // Memory first (the subscription is live by now), then Redis with the process's cache stopped.
    const warmRounds = async () => {
      const times: number[] = [];
      const before = logger.statements;
      for (let round = 0; round < 5; round++) {
        for (const t of tokens) {
          const t0 = performance.now();
          await auth.authenticate(`Bearer ${t}`);
          times.push(performance.now() - t0);
        }
      }
      return { times, statements: (logger.statements - before) / times.length };
    };
    const inMemory = await warmRounds();
    api.get(AuthLocalCache).onApplicationShutdown();
    const inRedis = await warmRounds();
    const line = (what: string, times: number[], statements: number) =>
      console.log(`authenticate, ${what}: median ${median(times).toFixed(3)} ms, ${statements.toFixed(1)} SQL statements/request`);
    line('cold (PostgreSQL)', cold, coldStatements);
    line('warm (Redis MGET)', inRedis.times, inRedis.statements);
    line('warm (this process, no Redis)', inMemory.times, inMemory.statements);
  } finally {
    await api.close();
    await dropDatabase(config.databaseUrl);
  }
}

runMain(main);
