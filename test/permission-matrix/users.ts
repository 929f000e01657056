import { type MatrixRow, only } from './matrix.js';

export const rows: MatrixRow[] = [
  {
    mutation: 'createUser',
    expected: only('ADMIN'),
    prepare: async (ctx) => ({
      query: 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      variables: { i: { email: `${ctx.unique('new').replace(' ', '-')}@matrix.test`, name: 'New user', password: 'a long enough password', role: 'DELEGATE' } },
    }),
  },
  {
    mutation: 'setUserActive',
    expected: only('ADMIN'),
    prepare: async (ctx) => ({
      query: 'mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { id active } }',
      variables: { i: { userId: (await ctx.user()).user.id, active: false } },
    }),
  },
];

rows.push({
  mutation: 'setUserPasswordLogin',
  expected: only('ADMIN'),
  prepare: async (ctx) => ({
    query: 'mutation($i: SetUserPasswordLoginInput!) { setUserPasswordLogin(input: $i) { id passwordLogin } }',
    variables: { i: { userId: (await ctx.user()).user.id, passwordLogin: false } },
  }),
});

rows.push({
  mutation: 'resetPassword',
  expected: only('ADMIN'),
  prepare: async (ctx) => ({
    query: 'mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { id } }',
    variables: { i: { userId: (await ctx.user()).user.id, newPassword: 'a long enough new password' } },
  }),
});
