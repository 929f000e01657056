import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthCache } from '../src/auth/auth-cache.js';
import { Role } from '../src/auth/role.enum.js';
import { notificationAddedChannel } from '../src/notifications/channels/in-app.channel.js';
import { PubSub } from '../src/redis/pubsub.js';
import { GraphQLClient } from './support/graphql-client.js';
import { TEST_PASSWORD, TestApp, waitFor } from './support/test-app.js';
import { WsTestClient } from './support/ws-client.js';

const ME = '{ me { id } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
const CHANGE = 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }';

/**
 * A user made inactive in the database directly (not through `setUserActive`) loses every token
 * once the cached identity expires (AUTH_USER_CACHE_SECONDS, 1 s here; 60 s by default), over HTTP
 * and on an open socket; and because a trigger ends their sessions, re-enabling the row does not
 * bring the old tokens back. The service's own paths stay immediate (security-tokens.e2e-spec).
 */
describe('a user disabled directly in the database', () => {
  let app: TestApp;
  const sockets: WsTestClient[] = [];

  beforeAll(async () => {
    app = await TestApp.start({ worker: false, env: { AUTH_USER_CACHE_SECONDS: '1' } });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await app?.close();
  });

  const codeOf = async (client: GraphQLClient) => (await client.request(ME)).errors?.[0]?.extensions?.code ?? 'OK';

  it('loses its tokens over HTTP and on an open socket, and re-enabling the row does not revive them', async () => {
    const user = await app.as(Role.DELEGATE, 'DK');
    // A token issued after a revocation (the auth:gen key is set), warm in the cache.
    const { changePassword } = await user.client.data(CHANGE, { i: { currentPassword: TEST_PASSWORD, newPassword: 'another long passphrase' } });
    const http = new GraphQLClient(app.url, changePassword.accessToken);
    expect(await codeOf(http)).toBe('OK');
    expect(await codeOf(http)).toBe('OK');

    const socket = new WsTestClient(app.url, changePassword.accessToken);
    sockets.push(socket);
    const live = socket.start('subscription { notificationAdded { id } }');
    const push = () => app.api.get(PubSub).publish(notificationAddedChannel(user.user.id), { notificationId: 'not-a-uuid' });
    await waitFor(async () => (await push(), live.outcome.data.length > 0), 15_000, 'the subscription to receive an event');

    await app.dataSource.query('UPDATE users SET active = false WHERE id = $1', [user.user.id]);

    await waitFor(async () => (await codeOf(http)) === 'UNAUTHENTICATED', 15_000, 'the token to stop working');
    const closed = await waitFor(async () => (await push(), socket.closes[0]), 15_000, 'the socket to close');
    expect(closed.code).toBe(4403);

    // Back on in the database: the old token stays ended (the trigger bumped the generation) ...
    await app.dataSource.query('UPDATE users SET active = true WHERE id = $1', [user.user.id]);
    await app.api.get(AuthCache).invalidate(user.user.id); // as if the cached (disabled) entry had expired: the database decides
    expect(await codeOf(http)).toBe('UNAUTHENTICATED');
    const [{ token_generation: generation, calendar_token_hash: feed }] = await app.dataSource.query(
      'SELECT token_generation, calendar_token_hash FROM users WHERE id = $1',
      [user.user.id],
    );
    expect(generation).toBe(2); // changePassword, then the direct disable
    expect(feed).toBeNull();
    // ... and a new sign-in works, although its generation is above the last revocation Redis knows of.
    const { login } = await app.anonymous.data(LOGIN, { i: { email: user.user.email, password: 'another long passphrase' } });
    const fresh = new GraphQLClient(app.url, login.accessToken);
    expect(await codeOf(fresh)).toBe('OK');
    expect(await codeOf(fresh)).toBe('OK');
  });

  it('leaves an UPDATE that moves the generation itself alone, and setUserActive still ends tokens at once', async () => {
    const admin = await app.as(Role.ADMIN);
    const user = await app.as(Role.CLERK);
    expect(await codeOf(user.client)).toBe('OK');
    await admin.client.data('mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id } }', { i: { userId: user.user.id, active: false } });
    // No waiting: the service's own path ends the token from the next request on.
    expect(await codeOf(user.client)).toBe('UNAUTHENTICATED');

    const other = await app.as(Role.CLERK);
    await app.dataSource.query('UPDATE users SET active = false, token_generation = token_generation + 5 WHERE id = $1', [other.user.id]);
    const [{ token_generation: generation }] = await app.dataSource.query('SELECT token_generation FROM users WHERE id = $1', [other.user.id]);
    expect(generation).toBe(5);
  });
});
