import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type INestApplication } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AuthCache } from '../src/auth/auth-cache.js';
import { AuthLocalCache } from '../src/auth/auth-local-cache.js';
import { AuthService } from '../src/auth/auth.service.js';
import { Role } from '../src/auth/role.enum.js';
import { createApi } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/app-config.js';
import { type QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { createRedis } from '../src/redis/redis.module.js';
import { GraphQLClient } from './support/graphql-client.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';

const ME = '{ me { id } }';
const SIGN_OUT = 'mutation { signOut }';
const SET_ACTIVE = 'mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id } }';
const RESET = 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { id } }';
const ADD_MEMBER = 'mutation($i: AddMemberInput!) { addMember(input: $i) { id } }';

const jtiOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;
const works = async (url: string, token: string) => !(await new GraphQLClient(url, token).request(ME)).errors;

/**
 * Each API process keeps the tokens it verified in memory (AuthLocalCache); every revocation is
 * announced on Redis pub/sub and drops them in every process at once. Two API instances: A (the
 * TestApp) and B, whose Redis connections pass through a proxy that can cut B's subscriber alone.
 */
describe('authentication cache in each API process, dropped everywhere through Redis pub/sub', () => {
  const proxy = new TcpProxy('127.0.0.1', 6379);
  let app: TestApp;
  let b: INestApplication;
  let bUrl: string;
  let admin: TestUser;
  let redis: Redis;

  const local = (api: INestApplication) => api.get(AuthLocalCache);
  /** Requests until `api` keeps the token in memory. */
  const warm = (url: string, api: INestApplication, token: string) =>
    waitFor(async () => (await works(url, token)) && local(api).get(jtiOf(token)) !== undefined, 15_000, 'the token to be kept in memory');

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    admin = await app.as(Role.ADMIN);
    const port = await proxy.start();
    b = await createApi(loadConfig({ ...app.env, REDIS_URL: `redis://127.0.0.1:${port}` }));
    await b.listen(0, '127.0.0.1');
    bUrl = `http://127.0.0.1:${(b.getHttpServer().address() as { port: number }).port}`;
    redis = createRedis(app.config, { enableOfflineQueue: true, maxRetriesPerRequest: 3 });
    await waitFor(async () => local(app.api).isLive && local(b).isLive, 15_000, 'both subscriptions');
  });
  afterAll(async () => {
    await b?.close();
    await proxy.stop();
    redis?.disconnect();
    await app?.close();
  });

  it('drops a token kept by both instances when A signs it out, disables its user, resets the password or adds a membership', async () => {
    const signedOut = await app.as(Role.CLERK);
    await warm(app.url, app.api, signedOut.token);
    await warm(bUrl, b, signedOut.token);
    await new GraphQLClient(app.url, signedOut.token).data(SIGN_OUT);
    expect(await works(bUrl, signedOut.token)).toBe(false);
    expect(await works(app.url, signedOut.token)).toBe(false);

    const disabled = await app.as(Role.DELEGATE, 'DK');
    await warm(bUrl, b, disabled.token);
    await admin.client.data(SET_ACTIVE, { i: { userId: disabled.user.id, active: false } });
    expect(await works(bUrl, disabled.token)).toBe(false);

    const reset = await app.as(Role.ORGANIZER);
    await warm(bUrl, b, reset.token);
    await admin.client.data(RESET, { i: { userId: reset.user.id, newPassword: 'reset by the admin' } });
    expect(await works(bUrl, reset.token)).toBe(false);

    const member = await app.as(Role.DELEGATE, 'LV');
    await warm(bUrl, b, member.token);
    const lt = await app.delegation('LT');
    await admin.client.data(ADD_MEMBER, { i: { userId: member.user.id, delegationId: lt.id, delegateRole: 'DELEGATE' } });
    const seen = await b.get(AuthService).authenticate(`Bearer ${member.token}`);
    expect(seen!.memberships.map((m) => m.delegationId)).toContain(lt.id);
  });

  it('fails closed: while B cannot hear revocations it keeps nothing and asks Redis, and it starts afresh once it hears again', async () => {
    const user = await app.as(Role.DELEGATE, 'SE');
    const other = await app.as(Role.OBSERVER);
    await warm(bUrl, b, user.token);

    // Cut B's subscriber alone (and its reconnections): B's other Redis connections stay up.
    proxy.block(`${local(b).connectionName}\r\n`);
    await waitFor(async () => !local(b).isLive, 15_000, "B's subscription to drop");
    expect(local(b).get(jtiOf(user.token))).toBeUndefined();

    // Announced while B cannot hear it: B still refuses the token, from Redis (no SQL statement).
    await new GraphQLClient(app.url, user.token).data(SIGN_OUT);
    const logger = b.get(DataSource).logger as QueryCountingLogger;
    const statements = logger.statements;
    expect(await works(bUrl, user.token)).toBe(false);
    expect(logger.statements).toBe(statements);
    // Others keep working through Redis, and nothing is kept meanwhile.
    expect(await works(bUrl, other.token)).toBe(true);
    expect(local(b).get(jtiOf(other.token))).toBeUndefined();

    proxy.unblock();
    await waitFor(async () => local(b).isLive, 15_000, "B's subscription to come back");
    expect(await works(bUrl, user.token)).toBe(false);
    await warm(bUrl, b, other.token);
  });

  it('stops serving from memory when its subscriber goes silent without closing (heartbeat), so a revocation it missed is refused', async () => {
    const user = await app.as(Role.DELEGATE, 'NL');
    await warm(bUrl, b, user.token);
    // A partition: B's subscriber stays open but hears nothing, not even the answers to its PINGs.
    proxy.stall(`${local(b).connectionName}\r\n`);
    await waitFor(async () => !local(b).isLive, 15_000, 'B to notice that its subscriber went silent');
    await new GraphQLClient(app.url, user.token).data(SIGN_OUT);
    expect(await works(bUrl, user.token)).toBe(false);
    proxy.unblock();
    await waitFor(async () => local(b).isLive, 15_000, "B's subscription to come back");
  });

  it('keeps nothing read before a revocation that B hears of while its lookup is in flight', async () => {
    const user = await app.as(Role.CLERK);
    expect(await works(app.url, user.token)).toBe(true); // cached in Redis (and in A), not in B
    // The next lookup (B's, below) reads Redis, then waits until B has heard of a sign-out made meanwhile on A.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the instance's `this`
    const lookup = AuthCache.prototype.lookup;
    const spy = jest.spyOn(AuthCache.prototype, 'lookup').mockImplementationOnce(async function (this: AuthCache, userId: string, jti: string) {
      const read = await lookup.call(this, userId, jti); // before the sign-out: not revoked
      const { epoch } = local(b).ticket();
      await new GraphQLClient(app.url, user.token).data(SIGN_OUT);
      await waitFor(async () => local(b).ticket().epoch !== epoch, 15_000, 'B to hear of the sign-out');
      return read;
    });
    // The request in flight answers from what it read before the sign-out…
    expect(await b.get(AuthService).authenticate(`Bearer ${user.token}`)).toMatchObject({ id: user.user.id });
    // …but keeps none of it: the next request is refused.
    expect(local(b).get(jtiOf(user.token))).toBeUndefined();
    expect(await works(bUrl, user.token)).toBe(false);
    spy.mockRestore();
  });

  it('sends no Redis command for a warm request (MONITOR)', async () => {
    const user = await app.as(Role.DELEGATE, 'FI');
    const prefix = `${app.config.queuePrefix}:`;
    const monitor = await redis.monitor();
    const seen: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => seen.push(args));
    // A command of ours that MONITOR shows once everything sent before it has been shown.
    const mark = async (name: string) => {
      const key = `${prefix}mark:${name}`;
      await redis.get(key);
      await waitFor(async () => seen.some((args) => args.includes(key)), 15_000, `MONITOR to show ${name}`);
      const at = seen.findIndex((args) => args.includes(key));
      return seen.splice(0, at + 1).filter((args) => args.some((a) => a.startsWith(prefix) && !a.startsWith(`${prefix}mark:`)));
    };
    try {
      await mark('start');
      await warm(app.url, app.api, user.token);
      const cold = await mark('cold');
      expect(cold.map((args) => args[0].toLowerCase())).toContain('mget');

      for (let i = 0; i < 10; i++) expect(await works(app.url, user.token)).toBe(true);
      const warmCommands = await mark('warm');
      console.log(`Redis commands of this test's prefix: cold request ${cold.length}, 10 warm requests ${warmCommands.length}`);
      expect(warmCommands).toEqual([]);
    } finally {
      monitor.disconnect();
    }
  });
});
