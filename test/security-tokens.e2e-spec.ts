import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type INestApplication } from '@nestjs/common';
import { AuthService } from '../src/auth/auth.service.js';
import { Role } from '../src/auth/role.enum.js';
import { createApi } from '../src/bootstrap.js';
import { type QueryCountingLogger } from '../src/database/query-counting.logger.js';
import { GraphQLClient } from './support/graphql-client.js';
import { TEST_PASSWORD, TestApp, type TestUser } from './support/test-app.js';

const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken user { id } } }`;
const CHANGE = 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken expiresAt user { id } } }';
const SET_ACTIVE = 'mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id active } }';
const RESET = 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { id } }';
const ME = '{ me { id } }';

describe('tokens: revocation, throttling, cached authentication', () => {
  let app: TestApp;
  let admin: TestUser;
  let second: INestApplication;
  let secondUrl: string;

  const login = (url: string, email: string, password = TEST_PASSWORD) =>
    new GraphQLClient(url).request<{ login: { accessToken: string } }>(LOGIN, { input: { email, password } });
  const signIn = async (email: string, password = TEST_PASSWORD, url = app.url) => {
    const res = await login(url, email, password);
    if (!res.data?.login) throw new Error(JSON.stringify(res.errors));
    return new GraphQLClient(url, res.data.login.accessToken);
  };
  const works = async (client: GraphQLClient) => !(await client.request(ME)).errors;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    admin = await app.as(Role.ADMIN);
    // A second API instance on the same database and Redis: revocation must hold on both at once.
    second = await createApi(app.config);
    await second.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await second.close();
    await app.close();
  });

  it('verifies at most 10 of 60 parallel wrong passwords (the limit is taken before verifying)', async () => {
    const victim = await app.as(Role.OBSERVER);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => login(app.url, victim.user.email, `wrong guess ${i}`)));
    const codes = results.map((r) => r.errors?.[0].extensions?.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(50);
    expect(codes.every((c) => c === 'UNAUTHENTICATED' || c === 'RATE_LIMITED')).toBe(true);
    // Even the right password is refused now.
    expect((await login(app.url, victim.user.email)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('changePassword: checks the current password, refuses reuse and short ones, ends every earlier token on every instance', async () => {
    const user = await app.as(Role.DELEGATE, 'DK');
    const here = await signIn(user.user.email);
    const there = await signIn(user.user.email, TEST_PASSWORD, secondUrl);
    expect(await works(here)).toBe(true);
    expect(await works(there)).toBe(true); // both instances have the user cached now

    const audits = await app.count('audit_events');
    await here.error(CHANGE, { i: { currentPassword: 'not my password', newPassword: 'a brand new password' } }, 'BAD_USER_INPUT', 'currentPassword');
    await here.error(CHANGE, { i: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }, 'BAD_USER_INPUT', 'newPassword');
    await here.error(CHANGE, { i: { currentPassword: TEST_PASSWORD, newPassword: 'short' } }, 'BAD_USER_INPUT', 'newPassword');
    expect(await app.count('audit_events')).toBe(audits);
    expect(await works(here)).toBe(true);

    const { changePassword } = await here.data(CHANGE, { i: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' } });
    expect(await works(here)).toBe(false);
    expect(await works(there)).toBe(false);
    expect(await works(user.client)).toBe(false);
    expect(await works(new GraphQLClient(secondUrl, changePassword.accessToken))).toBe(true);
    expect((await login(app.url, user.user.email)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await works(await signIn(user.user.email, 'a brand new password'))).toBe(true);
    const [row] = await app.dataSource.query(`SELECT token_generation, password_hash FROM users WHERE id = $1`, [user.user.id]);
    expect(row.token_generation).toBe(1);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await app.count('audit_events', `action = 'user.password-changed' AND entity_id = $1`, [user.user.id])).toBe(1);
  });

  it('signOut ends this token only, on every instance', async () => {
    const user = await app.as(Role.CLERK);
    const a = await signIn(user.user.email);
    const b = await signIn(user.user.email);
    expect(await works(new GraphQLClient(secondUrl, a.token))).toBe(true);
    expect((await a.data('mutation { signOut }')).signOut).toBe(true);
    expect(await works(a)).toBe(false);
    expect(await works(new GraphQLClient(secondUrl, a.token))).toBe(false);
    expect(await works(b)).toBe(true);
    expect(await app.count('revoked_tokens', 'user_id = $1', [user.user.id])).toBe(1);
    expect(await app.count('audit_events', `action = 'user.signed-out' AND entity_id = $1`, [user.user.id])).toBe(1);
  });

  it('disable then enable: earlier tokens and the earlier calendar-feed URL stay dead', async () => {
    const user = await app.as(Role.DELEGATE, 'SE');
    const before = await signIn(user.user.email);
    const feed = new URL((await before.data('{ calendarFeedUrl }')).calendarFeedUrl).pathname;
    expect((await app.anonymous.get(feed)).status).toBe(200);
    expect(await works(new GraphQLClient(secondUrl, before.token))).toBe(true);

    await admin.client.data(SET_ACTIVE, { i: { userId: user.user.id, active: false } });
    expect(await works(before)).toBe(false);
    expect(await works(new GraphQLClient(secondUrl, before.token))).toBe(false);
    await admin.client.data(SET_ACTIVE, { i: { userId: user.user.id, active: true } });
    expect(await works(before)).toBe(false);
    expect(await works(new GraphQLClient(secondUrl, before.token))).toBe(false);
    expect((await app.anonymous.get(feed)).status).toBe(404);

    const after = await signIn(user.user.email);
    expect(await works(after)).toBe(true);
    expect(new URL((await after.data('{ calendarFeedUrl }')).calendarFeedUrl).pathname).not.toBe(feed);
  });

  it('admin resetPassword ends every earlier token; only ADMIN may', async () => {
    const user = await app.as(Role.ORGANIZER);
    const session = await signIn(user.user.email);
    await session.error(RESET, { i: { userId: admin.user.id, newPassword: 'taken over by me' } }, 'FORBIDDEN');
    expect(await works(admin.client)).toBe(true);
    await admin.client.data(RESET, { i: { userId: user.user.id, newPassword: 'reset by the admin' } });
    expect(await works(session)).toBe(false);
    expect(await works(await signIn(user.user.email, 'reset by the admin'))).toBe(true);
  });

  it('authenticates a warm token without any SQL statement, and still sees a revocation at once', async () => {
    const user = await app.as(Role.DELEGATE, 'FI');
    const auth = app.api.get(AuthService);
    const logger = app.dataSource.logger as QueryCountingLogger;
    expect(await auth.authenticate(`Bearer ${user.token}`)).toMatchObject({
      id: user.user.id,
      memberships: [expect.objectContaining({ delegationId: expect.any(String) })],
    });
    const statements = logger.statements;
    for (let i = 0; i < 5; i++) expect(await auth.authenticate(`Bearer ${user.token}`)).toMatchObject({ id: user.user.id });
    expect(logger.statements).toBe(statements);

    await admin.client.data(SET_ACTIVE, { i: { userId: user.user.id, active: false } });
    expect(await auth.authenticate(`Bearer ${user.token}`)).toBeNull();
  });

  it('sees a new membership at once (the cached identity is dropped)', async () => {
    const user = await app.as(Role.DELEGATE, 'LV');
    const memberships = '{ me { memberships { delegation { code } } } }';
    expect((await user.client.data(memberships)).me.memberships).toEqual([{ delegation: { code: 'LV' } }]);
    const lt = await app.delegation('LT');
    await admin.client.data('mutation($i: AddMemberInput!) { addMember(input: $i) { id } }', {
      i: { userId: user.user.id, delegationId: lt.id, delegateRole: 'DELEGATE' },
    });
    const auth = app.api.get(AuthService);
    expect((await auth.authenticate(`Bearer ${user.token}`))!.memberships.map((m) => m.delegationId)).toContain(lt.id);
  });
});
