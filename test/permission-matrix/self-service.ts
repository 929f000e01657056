import { OidcService } from '../../src/auth/oidc/oidc.service.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import { everyone, type MatrixRow } from './matrix.js';

/** What every signed-in user does for themselves, whatever their role. */
export const rows: MatrixRow[] = [
  {
    mutation: 'login',
    expected: everyone(),
    audited: false,
    prepare: async (ctx, actor) => ({
      query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
      variables: { i: { email: ctx.users[actor].user.email, password: TEST_PASSWORD } },
    }),
  },
  {
    // Single sign-on's one-time code (test/sso.e2e-spec.ts): whoever holds one, and the browser binding, gets their own token.
    mutation: 'signInWithCode',
    expected: everyone(),
    audited: false,
    prepare: async (ctx, actor) => ({
      query: 'mutation($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken } }',
      variables: { i: { code: await ctx.app.api.get(OidcService).issueCode(ctx.users[actor].user.id, 'matrix-binding') } },
      headers: { cookie: 'concordia_sso=matrix-binding' },
    }),
  },
  {
    mutation: 'markNotificationsRead',
    expected: everyone(),
    prepare: async () => ({ query: 'mutation { markNotificationsRead(input: { all: true }) { marked } }' }),
  },
  {
    mutation: 'updateMe',
    expected: everyone(),
    prepare: async () => ({
      query: 'mutation($i: UpdateMeInput!) { updateMe(input: $i) { locale timezone } }',
      variables: { i: { locale: 'en', timezone: 'UTC' } },
    }),
  },
  {
    mutation: 'resetCalendarFeed',
    expected: everyone(),
    prepare: async () => ({ query: 'mutation { resetCalendarFeed { url } }' }),
  },
  {
    mutation: 'updateNotificationPreferences',
    expected: everyone(),
    prepare: async () => ({
      query: 'mutation($i: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $i) { kind } }',
      variables: { i: { preferences: [{ kind: 'MEETING_REMINDER', channels: ['IN_APP'] }] } },
    }),
  },
];

/** Sessions and passwords: each call ends the caller's own tokens, so it acts as a fresh user of the actor's kind. */
rows.push(
  {
    mutation: 'signOut',
    expected: everyone(),
    prepare: async (ctx, actor) => ({ query: 'mutation { signOut }', as: await ctx.fresh(actor) }),
  },
  {
    mutation: 'changePassword',
    expected: everyone(),
    prepare: async (ctx, actor) => ({
      query: 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { accessToken } }',
      variables: { i: { currentPassword: TEST_PASSWORD, newPassword: `${TEST_PASSWORD} changed` } },
      as: await ctx.fresh(actor),
    }),
  },
);
