import { hoursFromNow } from '../support/meetings.js';
import { type MatrixRow, only } from './matrix.js';

const organizers = only('ADMIN', 'ORGANIZER');

export const rows: MatrixRow[] = [
  {
    mutation: 'scheduleMeeting',
    expected: organizers,
    prepare: async (ctx) => {
      const { createBody } = await ctx.organizer.client.data('mutation($i: CreateBodyInput!) { createBody(input: $i) { id } }', {
        i: { kind: 'WORKING_PARTY', name: ctx.unique('Body'), memberDelegationIds: [ctx.ownId] },
      });
      const startsAt = hoursFromNow(24 * 90);
      return {
        query: 'mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }',
        variables: { i: { bodyId: createBody.id, title: 'Scheduled', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), timezone: 'Europe/Brussels' } },
      };
    },
  },
  {
    mutation: 'updateMeeting',
    expected: organizers,
    prepare: async (ctx) => {
      const m = await ctx.meeting();
      return {
        query: 'mutation($i: UpdateMeetingInput!) { updateMeeting(input: $i) { id } }',
        variables: { i: { meetingId: m.id, version: m.version, location: 'Luxembourg' } },
      };
    },
  },
  {
    mutation: 'setMeetingStatus',
    expected: organizers,
    prepare: async (ctx) => {
      const m = await ctx.meeting();
      return {
        query: 'mutation($i: SetMeetingStatusInput!) { setMeetingStatus(input: $i) { id } }',
        variables: { i: { meetingId: m.id, status: 'CANCELLED' } },
      };
    },
  },
  {
    mutation: 'circulateAgenda',
    expected: organizers,
    prepare: async (ctx) => {
      const { meetingId } = await ctx.agendaItem();
      return { query: 'mutation($i: MeetingRefInput!) { circulateAgenda(input: $i) { id } }', variables: { i: { meetingId } } };
    },
  },
  {
    mutation: 'inviteDelegations',
    expected: organizers,
    prepare: async (ctx) => {
      const m = await ctx.meeting();
      return {
        query: 'mutation($i: InviteDelegationsInput!) { inviteDelegations(input: $i) { id } }',
        variables: { i: { meetingId: m.id, delegationIds: [ctx.otherId] } },
      };
    },
  },
  {
    mutation: 'recordAttendance',
    expected: organizers,
    prepare: async (ctx) => {
      const m = await ctx.meeting({ status: 'IN_SESSION' });
      return {
        query: 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { id } }',
        variables: { i: { meetingId: m.id, attendance: [{ delegationId: ctx.ownId, attended: true }] } },
      };
    },
  },
  {
    mutation: 'saveOutcomeOfProceedings',
    expected: only('ADMIN', 'ORGANIZER', 'CLERK'),
    prepare: async (ctx) => {
      const m = await ctx.meeting({ status: 'IN_SESSION' });
      return {
        query: 'mutation($i: SaveOutcomeOfProceedingsInput!) { saveOutcomeOfProceedings(input: $i) { revision } }',
        variables: { i: { meetingId: m.id, baseRevision: 0, text: 'Agreed.' } },
      };
    },
  },
  {
    // Only members answer for their delegation; a meeting the other delegation is not invited to is invisible to it.
    mutation: 'respondToInvitation',
    scenario: 'invited: own delegation only',
    expected: { ...only('DELEGATE_OWN'), DELEGATE_OTHER: 'NOT_FOUND' },
    prepare: async (ctx) => {
      const m = await ctx.meeting();
      return {
        query: 'mutation($i: RespondToInvitationInput!) { respondToInvitation(input: $i) { id } }',
        variables: { i: { meetingId: m.id, delegationId: ctx.ownId, rsvp: 'ACCEPTED' } },
      };
    },
  },
  {
    mutation: 'respondToInvitation',
    scenario: 'invited: both delegations, answering for the own one',
    expected: only('DELEGATE_OWN'),
    prepare: async (ctx) => {
      const m = await ctx.meeting({ invite: [ctx.ownId, ctx.otherId] });
      return {
        query: 'mutation($i: RespondToInvitationInput!) { respondToInvitation(input: $i) { id } }',
        variables: { i: { meetingId: m.id, delegationId: ctx.ownId, rsvp: 'DECLINED' } },
      };
    },
  },
];
