import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/auth/role.enum.js';
import { DelegateRole } from '../src/delegations/delegation-kind.enum.js';
import { DelegationMembershipEntity } from '../src/delegations/delegation-membership.entity.js';
import { createBody, hoursFromNow, invite, respond, scheduleMeeting } from './support/meetings.js';
import { TestApp, type TestUser } from './support/test-app.js';

const MEMBERS = '{ delegations(first: 10) { edges { node { code members { user { id name email } } } } } }';
const PARTICIPANTS = 'query($id: ID!) { meeting(id: $id) { participants { delegation { code } accredited { user { id name email } } } } }';
const CONFLICTS = 'query($id: ID!) { meeting(id: $id) { conflicts { meetingId title startsAt endsAt user { id name } } } }';

describe('data that must not leak past the access rules', () => {
  let app: TestApp;
  let organizer: TestUser;
  let clerk: TestUser;
  let dkHead: TestUser; // DK only
  let frHead: TestUser; // FR only
  let both: TestUser; // DK and FR: accredited by each for overlapping meetings
  let observer: TestUser;
  let seDelegate: TestUser;
  let dkId: string;
  let frId: string;
  let m1: Record<string, any>; // DK invited
  let m2: Record<string, any>; // FR invited only, overlapping m1

  const addMembership = (user: TestUser, delegationId: string) =>
    app.dataSource.getRepository(DelegationMembershipEntity).insert({ userId: user.user.id, delegationId, delegateRole: DelegateRole.DELEGATE });

  beforeAll(async () => {
    app = await TestApp.start({ worker: false });
    organizer = await app.as(Role.ORGANIZER);
    clerk = await app.as(Role.CLERK);
    dkHead = await app.as(Role.DELEGATE, 'DK', DelegateRole.HEAD_OF_DELEGATION);
    frHead = await app.as(Role.DELEGATE, 'FR', DelegateRole.HEAD_OF_DELEGATION);
    both = await app.as(Role.DELEGATE, 'DK');
    observer = await app.as(Role.OBSERVER);
    seDelegate = await app.as(Role.DELEGATE, 'SE');
    dkId = (await app.delegation('DK')).id;
    frId = (await app.delegation('FR')).id;
    await addMembership(both, frId);

    const body = await createBody(organizer, app, { members: ['DK', 'FR'] });
    m1 = await scheduleMeeting(organizer, { bodyId: body.id, title: 'Visible to Denmark', startsAt: hoursFromNow(100) });
    m2 = await scheduleMeeting(organizer, { bodyId: body.id, title: 'French bilateral (confidential)', startsAt: hoursFromNow(101) });
    await invite(organizer, m1.id, [dkId]);
    await invite(organizer, m2.id, [frId]);
    await respond(dkHead, m1.id, dkId, 'ACCEPTED', [dkHead.user.id, both.user.id]);
    await respond(frHead, m2.id, frId, 'ACCEPTED', [both.user.id]);
  });
  afterAll(() => app.close());

  it('shows e-mail addresses only to staff, the person and members of the same delegation', async () => {
    const emailsSeenBy = async (viewer: TestUser) => {
      const { delegations } = await viewer.client.data(MEMBERS);
      const seen = new Map<string, string | null>();
      for (const e of delegations.edges) for (const m of e.node.members) seen.set(m.user.id, m.user.email);
      return seen;
    };
    const byOrganizer = await emailsSeenBy(organizer);
    expect(byOrganizer.get(seDelegate.user.id)).toBe(seDelegate.user.email);
    expect((await emailsSeenBy(clerk)).get(frHead.user.id)).toBe(frHead.user.email);

    const byDk = await emailsSeenBy(dkHead);
    expect(byDk.get(both.user.id)).toBe(both.user.email); // same delegation
    expect(byDk.get(frHead.user.id)).toBeNull();
    expect(byDk.get(seDelegate.user.id)).toBeNull();

    const byObserver = await emailsSeenBy(observer);
    expect([...byObserver.values()].every((email) => email === null)).toBe(true);
    expect(byObserver.size).toBeGreaterThan(3); // names are still listed
    expect((await observer.client.data('{ me { email } }')).me.email).toBe(observer.user.email);

    // Same rule for accredited participants.
    const { meeting } = await frHead.client.data(PARTICIPANTS, { id: m2.id });
    expect(meeting.participants[0].accredited.map((a: any) => a.user.email)).toEqual([both.user.email]);
    const asDk = await dkHead.client.data(PARTICIPANTS, { id: m1.id });
    const emails = asDk.meeting.participants[0].accredited.map((a: any) => a.user.email).sort();
    expect(emails).toEqual([dkHead.user.email, both.user.email].sort());
  });

  it('shows a conflict with a meeting the reader may not open as "Another commitment", times only', async () => {
    const { meeting } = await dkHead.client.data(CONFLICTS, { id: m1.id });
    expect(meeting.conflicts).toEqual([
      { meetingId: null, title: 'Another commitment', startsAt: m2.startsAt, endsAt: m2.endsAt, user: { id: both.user.id, name: both.user.name } },
    ]);
    expect(JSON.stringify(meeting)).not.toContain('French');
    // The person accredited to both can open both: full details.
    const full = await both.client.data(CONFLICTS, { id: m1.id });
    expect(full.meeting.conflicts).toEqual([expect.objectContaining({ meetingId: m2.id, title: m2.title })]);
    const staff = await organizer.client.data(CONFLICTS, { id: m1.id });
    expect(staff.meeting.conflicts).toEqual([expect.objectContaining({ meetingId: m2.id, title: m2.title })]);
  });

  it('fails respondToInvitation naming the person another delegation accredited, writing nothing', async () => {
    const m3 = await scheduleMeeting(organizer, {
      bodyId: (await createBody(organizer, app, { members: ['DK', 'FR'] })).id,
      title: 'Both invited',
      startsAt: hoursFromNow(300),
    });
    await invite(organizer, m3.id, [dkId, frId]);
    await respond(dkHead, m3.id, dkId, 'ACCEPTED', [dkHead.user.id]);
    await respond(frHead, m3.id, frId, 'ACCEPTED', [both.user.id]);

    const accreditations = await app.count('meeting_accreditations', 'meeting_id = $1', [m3.id]);
    const audits = await app.count('audit_events');
    const error = await dkHead.client.error(
      'mutation($i: RespondToInvitationInput!) { respondToInvitation(input: $i) { id } }',
      { i: { meetingId: m3.id, delegationId: dkId, rsvp: 'ACCEPTED', accreditedUserIds: [dkHead.user.id, both.user.id] } },
      'BAD_USER_INPUT',
      'accreditedUserIds',
    );
    expect(error.message).toContain(both.user.name);
    expect(error.extensions?.userIds).toEqual([both.user.id]);
    expect(await app.count('meeting_accreditations', 'meeting_id = $1', [m3.id])).toBe(accreditations);
    expect(await app.count('meeting_accreditations', 'meeting_id = $1 AND user_id = $2 AND delegation_id = $3', [m3.id, both.user.id, frId])).toBe(1);
    expect(await app.count('audit_events')).toBe(audits);
  });
});
