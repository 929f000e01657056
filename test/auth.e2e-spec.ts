import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { UserEntity } from '../src/auth/user.entity.js';
import { GraphQLClient } from './support/graphql-client.js';
import { TEST_PASSWORD, TestApp, type TestUser } from './support/test-app.js';

const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken expiresAt user { id email role } } }`;

describe('authentication and roles', () => {
  let app: TestApp;
  let admin: TestUser;
  let delegate: TestUser;

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    admin = await app.as(Role.ADMIN);
    delegate = await app.as(Role.DELEGATE, 'DK');
  });
  afterAll(() => app?.close());

  it('signs in with e-mail (any case) and password and returns a working token', async () => {
    const { login } = await app.anonymous.data(LOGIN, { input: { email: delegate.user.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(login.user).toEqual({ id: delegate.user.id, email: delegate.user.email, role: 'DELEGATE' });
    expect(new Date(login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await new GraphQLClient(app.url, login.accessToken).data('{ me { email memberships { delegateRole delegation { code } } } }');
    expect(me.me).toEqual({ email: delegate.user.email, memberships: [{ delegateRole: 'DELEGATE', delegation: { code: 'DK' } }] });
  });

  it('refuses a wrong password and an unknown e-mail alike, as UNAUTHENTICATED', async () => {
    const wrong = await app.anonymous.error(LOGIN, { input: { email: admin.user.email, password: 'not the password' } }, 'UNAUTHENTICATED');
    const unknown = await app.anonymous.error(LOGIN, { input: { email: 'nobody@test.concordia', password: 'whatever' } }, 'UNAUTHENTICATED');
    expect(wrong.message).toBe(unknown.message);
  });

  it('refuses a disabled user even with the right password, and their existing token stops working', async () => {
    const target = await app.as(Role.CLERK, 'GSC');
    const { setUserActive } = await admin.client.data('mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id active } }', {
      i: { userId: target.user.id, active: false },
    });
    expect(setUserActive.active).toBe(false);
    expect(await app.dataSource.getRepository(UserEntity).findOneByOrFail({ id: target.user.id })).toMatchObject({ active: false });
    await app.anonymous.error(LOGIN, { input: { email: target.user.email, password: TEST_PASSWORD } }, 'UNAUTHENTICATED');
    await target.client.error('{ me { id } }', undefined, 'UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED without a token, or with a forged one', async () => {
    for (const query of [
      '{ me { id } }',
      '{ delegations(first: 1) { totalCount } }',
      '{ meetings(first: 1) { totalCount } }',
      '{ notifications { totalCount } }',
    ]) {
      await app.anonymous.error(query, undefined, 'UNAUTHENTICATED');
    }
    await app.anonymous.error('mutation { createDelegation(input: { code: "ZZ", name: "Z", kind: MEMBER_STATE }) { id } }', undefined, 'UNAUTHENTICATED');
    const forged = new GraphQLClient(app.url, `${admin.token.slice(0, -4)}AAAA`);
    await forged.error('{ me { id } }', undefined, 'UNAUTHENTICATED');
    expect(await app.count('delegations', `code = 'ZZ'`)).toBe(0);
  });

  it('lets a DELEGATE read but not create delegations (FORBIDDEN), and writes nothing', async () => {
    const before = await app.count('audit_events');
    await delegate.client.error('mutation { createDelegation(input: { code: "YY", name: "Y", kind: MEMBER_STATE }) { id } }', undefined, 'FORBIDDEN');
    expect(await app.count('delegations', `code = 'YY'`)).toBe(0);
    expect(await app.count('audit_events')).toBe(before);
    const { delegations } = await delegate.client.data('{ delegations(first: 5) { totalCount } }');
    expect(delegations.totalCount).toBeGreaterThan(0);
  });

  it('allows only ADMIN to create users, and stores the e-mail lower-cased with an argon2 hash', async () => {
    const create = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id email role timezone } }';
    const input = { email: 'New.Person@Test.Concordia', name: 'New Person', password: 'a long password', role: 'CLERK', timezone: 'Europe/Lisbon' };
    await delegate.client.error(create, { i: input }, 'FORBIDDEN');
    const { createUser } = await admin.client.data(create, { i: input });
    expect(createUser).toMatchObject({ email: 'new.person@test.concordia', role: 'CLERK', timezone: 'Europe/Lisbon' });
    const [row] = await app.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [createUser.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    await admin.client.error(create, { i: { ...input, email: 'NEW.person@test.concordia' } }, 'BAD_USER_INPUT', 'email');
    const { login } = await app.anonymous.data(LOGIN, { input: { email: 'new.person@test.concordia', password: 'a long password' } });
    expect(login.user.id).toBe(createUser.id);
  });

  it('refuses the 11th failed sign-in within a minute, even with the right password', async () => {
    const victim = await app.as(Role.OBSERVER);
    for (let i = 1; i <= 10; i++) {
      await app.anonymous.error(LOGIN, { input: { email: victim.user.email, password: `guess ${i}` } }, 'UNAUTHENTICATED');
    }
    const refused = await app.anonymous.error(LOGIN, { input: { email: victim.user.email, password: TEST_PASSWORD } }, 'RATE_LIMITED');
    expect(refused.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another account from the same address is not locked by this one's failures.
    const { login } = await app.anonymous.data(LOGIN, { input: { email: delegate.user.email, password: TEST_PASSWORD } });
    expect(login.accessToken).toBeTruthy();
  });
});
