import { type MatrixRow, only } from './matrix.js';

const managers = only('ADMIN', 'ORGANIZER');

export const rows: MatrixRow[] = [
  {
    mutation: 'createDelegation',
    expected: managers,
    prepare: async (ctx) => ({
      query: 'mutation($i: CreateDelegationInput!) { createDelegation(input: $i) { id } }',
      variables: { i: { code: ctx.code(), name: ctx.unique('Delegation'), kind: 'INTERNATIONAL_ORGANISATION' } },
    }),
  },
  {
    // A delegate must not repoint even their own delegation's webhook (it receives other delegations' notices).
    mutation: 'updateDelegation',
    scenario: 'own delegation',
    expected: managers,
    prepare: async (ctx) => ({
      query: 'mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { id } }',
      variables: { i: { delegationId: ctx.ownId, name: ctx.unique('Renamed') } },
    }),
  },
  {
    mutation: 'updateDelegation',
    scenario: "another delegation's webhook",
    expected: managers,
    prepare: async (ctx) => ({
      query: 'mutation($i: UpdateDelegationInput!) { updateDelegation(input: $i) { id } }',
      variables: {
        i: { delegationId: ctx.otherId, webhookUrl: `https://hooks.example.org/${ctx.unique('x').replace(' ', '')}`, webhookSecret: 'a-matrix-secret-1234' },
      },
    }),
  },
  {
    mutation: 'addMember',
    expected: managers,
    prepare: async (ctx) => ({
      query: 'mutation($i: AddMemberInput!) { addMember(input: $i) { id } }',
      variables: { i: { delegationId: ctx.ownId, userId: (await ctx.user()).user.id } },
    }),
  },
  {
    mutation: 'createBody',
    expected: managers,
    prepare: async (ctx) => ({
      query: 'mutation($i: CreateBodyInput!) { createBody(input: $i) { id } }',
      variables: { i: { kind: 'WORKING_PARTY', name: ctx.unique('Body'), memberDelegationIds: [ctx.ownId] } },
    }),
  },
];
