import { type MatrixRow, only } from './matrix.js';

const organizers = only('ADMIN', 'ORGANIZER');

export const rows: MatrixRow[] = [
  {
    mutation: 'addAgendaItem',
    expected: organizers,
    prepare: async (ctx) => {
      const m = await ctx.meeting();
      return {
        query: 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }',
        variables: { i: { meetingId: m.id, title: 'New item', kind: 'FOR_DECISION' } },
      };
    },
  },
  {
    mutation: 'moveAgendaItem',
    expected: organizers,
    prepare: async (ctx) => {
      const first = await ctx.agendaItem();
      await ctx.agendaItem(first.meetingId);
      return { query: 'mutation($i: MoveAgendaItemInput!) { moveAgendaItem(input: $i) { id } }', variables: { i: { agendaItemId: first.id, position: 2 } } };
    },
  },
  {
    mutation: 'updateAgendaItem',
    expected: organizers,
    prepare: async (ctx) => {
      const item = await ctx.agendaItem();
      return {
        query: 'mutation($i: UpdateAgendaItemInput!) { updateAgendaItem(input: $i) { id } }',
        variables: { i: { agendaItemId: item.id, title: 'Renamed item' } },
      };
    },
  },
  {
    mutation: 'removeAgendaItem',
    expected: organizers,
    prepare: async (ctx) => {
      const item = await ctx.agendaItem();
      return { query: 'mutation($i: RemoveAgendaItemInput!) { removeAgendaItem(input: $i) { id } }', variables: { i: { agendaItemId: item.id } } };
    },
  },
];
