import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import WebSocket from 'ws';
import { Role } from '../src/auth/role.enum.js';
import { notificationAddedChannel } from '../src/notifications/channels/in-app.channel.js';
import { PubSub } from '../src/redis/pubsub.js';
import { TestApp, type TestUser, waitFor } from './support/test-app.js';
import { WsTestClient } from './support/ws-client.js';

const SUBSCRIBE = 'subscription { notificationAdded { id subject } }';

/** A raw socket speaking the graphql-ws subprotocol, for what a well-behaved client never sends. */
function rawSocket(app: TestApp): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

describe('graphql-ws: the same checks as HTTP on every operation', () => {
  let app: TestApp;
  let admin: TestUser;
  const clients: WsTestClient[] = [];
  const ws = (token: string | null) => {
    const c = new WsTestClient(app.url, token);
    clients.push(c);
    return c;
  };
  /** Publishes until the subscriber has something (Redis SUBSCRIBE is asynchronous). */
  const pushUntil = async (userId: string, check: () => boolean, payload = { notificationId: 'not-a-uuid' }) =>
    waitFor(async () => {
      await app.api.get(PubSub).publish(notificationAddedChannel(userId), payload);
      return check();
    });

  beforeAll(async () => {
    // Small limits, so the one subscription the schema has can exceed them.
    app = await TestApp.start({ worker: false, env: { GRAPHQL_MAX_DEPTH: '2', GRAPHQL_MAX_ALIASES: '5', GRAPHQL_MAX_COST: '10' } });
    admin = await app.as(Role.ADMIN);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.close();
  });

  it('refuses a socket without a valid token (4403)', async () => {
    for (const token of [null, 'not-a-jwt', `${admin.token.slice(0, -4)}AAAA`]) {
      const client = ws(token);
      await waitFor(async () => client.closes.length > 0);
      expect(client.closes[0].code).toBe(4403);
      expect(client.connected).toBe(false);
    }
  });

  it('refuses queries and mutations on the socket: nothing runs, nothing is written', async () => {
    const user = await app.as(Role.DELEGATE, 'DK');
    const client = ws(user.token);
    const auditsBefore = await app.count('audit_events');
    for (const query of ['mutation { resetCalendarFeed { url } }', '{ me { id email } }', 'mutation { signOut }']) {
      const { outcome } = client.start(query);
      await waitFor(async () => outcome.errors ?? outcome.closed);
      expect(outcome.data).toEqual([]);
      expect(outcome.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/Only subscriptions/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ]);
    }
    expect(await app.count('audit_events')).toBe(auditsBefore);
    expect(await app.count('users', 'id = $1 AND calendar_feed_nonce IS NOT NULL', [user.user.id])).toBe(0);
    expect(await app.count('revoked_tokens')).toBe(0);
    // The socket is still fine for what it is for.
    const { outcome } = client.start(SUBSCRIBE);
    await pushUntil(user.user.id, () => outcome.data.length > 0);
  });

  it('applies depth, alias and cost limits, and validation, before running a subscription', async () => {
    const user = await app.as(Role.OBSERVER);
    const client = ws(user.token);
    const cases: [string, RegExp, string?][] = [
      ['subscription { notificationAdded { entity { id } } }', /depth/i],
      [`subscription { notificationAdded { ${Array.from({ length: 6 }, (_, i) => `a${i}: id`).join(' ')} } }`, /alias/i],
      [
        `subscription { notificationAdded { ${Array.from({ length: 5 }, (_, i) => `a${i}: id`).join(' ')} id kind subject body createdAt readAt } }`,
        /too expensive/i,
      ],
      ['subscription { notificationAdded { password } }', /Cannot query field/],
      // graphql-js spells it "more that".
      [`subscription { notificationAdded { ${'id '.repeat(6000)} } }`, /more th(an|at) 5000 tokens/, 'GRAPHQL_PARSE_FAILED'],
    ];
    for (const [query, message, code = 'GRAPHQL_VALIDATION_FAILED'] of cases) {
      const { outcome } = client.start(query);
      await waitFor(async () => outcome.errors ?? outcome.closed);
      expect(outcome.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: { code } })]);
      expect(JSON.stringify(outcome.errors)).not.toMatch(/stacktrace| {4}at /);
    }
  });

  it('masks internal errors on the socket like formatError does on HTTP (no PostgreSQL message)', async () => {
    const user = await app.as(Role.DELEGATE, 'SE');
    const client = ws(user.token);
    const { outcome } = client.start(SUBSCRIBE);
    // A malformed id reaches PostgreSQL, which answers "invalid input syntax for type uuid".
    await pushUntil(user.user.id, () => outcome.data.length > 0);
    const errors = outcome.data[0].errors!;
    expect(errors).toEqual([expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(JSON.stringify(errors)).not.toMatch(/uuid|syntax|stacktrace/i);
    // Domain errors keep their code: a well-formed id that is not theirs is NOT_FOUND.
    // (Malformed pushes of the loop above may still be arriving: wait for the answer to this one.)
    const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
    await pushUntil(user.user.id, () => outcome.data.some((r) => codeOf(r) === 'NOT_FOUND'), { notificationId: randomUUID() });
    expect(outcome.data.every((r) => ['INTERNAL_SERVER_ERROR', 'NOT_FOUND'].includes(String(codeOf(r))))).toBe(true);
  });

  it('checks the user on every operation and every event: disabling closes the socket (4403), also for a live subscription', async () => {
    const user = await app.as(Role.DELEGATE, 'FR');
    const client = ws(user.token);
    const live = client.start(SUBSCRIBE);
    await pushUntil(user.user.id, () => live.outcome.data.length > 0);

    await admin.client.data('mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id } }', { i: { userId: user.user.id, active: false } });
    const seen = live.outcome.data.length;
    await pushUntil(user.user.id, () => client.closes.length > 0);
    expect(client.closes[0].code).toBe(4403);
    // Whatever was resolved for the disabled user after that was not delivered as data.
    expect(live.outcome.data.slice(seen).every((r) => !r.data?.notificationAdded)).toBe(true);

    // A new socket with the old token, even once re-enabled, is refused too.
    await admin.client.data('mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id } }', { i: { userId: user.user.id, active: true } });
    const again = ws(user.token);
    await waitFor(async () => again.closes.length > 0);
    expect(again.closes[0].code).toBe(4403);
  });

  it('checks a signed-out token on the next operation of an open socket', async () => {
    const user = await app.as(Role.CLERK);
    const client = ws(user.token);
    await waitFor(async () => client.connected);
    await user.client.data('mutation { signOut }');
    const { outcome } = client.start(SUBSCRIBE);
    await waitFor(async () => outcome.closed ?? outcome.errors ?? client.closes.length > 0);
    expect(client.closes[0].code).toBe(4403);
  });

  it('closes the socket when its token expires (4401), even while idle', async () => {
    const jwt = app.api.get(JwtService);
    const token = await jwt.signAsync({ sub: admin.user.id, role: admin.user.role, gen: 0, jti: randomUUID() }, { expiresIn: 4 }); // long enough to connect on a busy machine
    const client = ws(token);
    await waitFor(async () => client.connected);
    const closed = await waitFor(async () => client.closes[0], 10_000, 'the socket to close at token expiry');
    expect(closed.code).toBe(4401);
  });

  it('caps message size before authentication (1009) and closes a socket that never initialises (4408)', async () => {
    const big = await rawSocket(app);
    big.ws.send('x'.repeat(2 * 1024 * 1024));
    expect((await big.closed).code).toBe(1009);

    const silent = await rawSocket(app);
    expect((await silent.closed).code).toBe(4408);
  });
});
