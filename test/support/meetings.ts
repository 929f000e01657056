import { type TestApp, type TestUser } from './test-app.js';

export const MEETING_FIELDS = 'id title status startsAt endsAt timezone location version sequence';

export async function createBody(
  organizer: TestUser,
  app: TestApp,
  options: { name?: string; members?: string[]; jha?: boolean; publicMeetings?: boolean; kind?: string } = {},
): Promise<{ id: string; name: string }> {
  const memberDelegationIds = await Promise.all((options.members ?? []).map(async (code) => (await app.delegation(code)).id));
  const { createBody } = await organizer.client.data('mutation($i: CreateBodyInput!) { createBody(input: $i) { id name } }', {
    i: {
      kind: options.kind ?? 'WORKING_PARTY',
      name: options.name ?? `Body ${Math.random().toString(36).slice(2, 8)}`,
      memberDelegationIds,
      jha: options.jha ?? false,
      publicMeetings: options.publicMeetings ?? false,
    },
  });
  return createBody;
}

export interface ScheduleOptions {
  bodyId: string;
  title?: string;
  startsAt: Date | string;
  endsAt?: Date | string;
  timezone?: string;
  location?: string;
}

export async function scheduleMeeting(organizer: TestUser, o: ScheduleOptions): Promise<Record<string, any>> {
  const startsAt = new Date(o.startsAt);
  const { scheduleMeeting } = await organizer.client.data(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { ${MEETING_FIELDS} } }`, {
    i: {
      bodyId: o.bodyId,
      title: o.title ?? 'Test meeting',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(o.endsAt ?? startsAt.getTime() + 3 * 3600_000).toISOString(),
      timezone: o.timezone ?? 'Europe/Brussels',
      location: o.location ?? 'Brussels',
    },
  });
  return scheduleMeeting;
}

export async function invite(organizer: TestUser, meetingId: string, delegationIds?: string[]): Promise<void> {
  await organizer.client.data('mutation($i: InviteDelegationsInput!) { inviteDelegations(input: $i) { id } }', { i: { meetingId, delegationIds } });
}

export async function respond(
  user: TestUser,
  meetingId: string,
  delegationId: string,
  rsvp: string,
  accreditedUserIds: string[] = [],
): Promise<Record<string, any>> {
  const { respondToInvitation } = await user.client.data(
    'mutation($i: RespondToInvitationInput!) { respondToInvitation(input: $i) { id rsvp delegation { code } accredited { user { id } } } }',
    { i: { meetingId, delegationId, rsvp, accreditedUserIds } },
  );
  return respondToInvitation;
}

export async function setStatus(organizer: TestUser, meetingId: string, status: string): Promise<Record<string, any>> {
  const { setMeetingStatus } = await organizer.client.data(`mutation($i: SetMeetingStatusInput!) { setMeetingStatus(input: $i) { ${MEETING_FIELDS} } }`, {
    i: { meetingId, status },
  });
  return setMeetingStatus;
}

export const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000);
