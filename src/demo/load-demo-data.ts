import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { UserEntity } from '../auth/user.entity.js';
import { Role } from '../auth/role.enum.js';
import { hashPassword } from '../auth/users.service.js';
import { BodyEntity } from '../delegations/body.entity.js';
import { BodyKind, DelegationKind } from '../delegations/delegation-kind.enum.js';
import { DelegationMembershipEntity } from '../delegations/delegation-membership.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { transaction } from '../database/transaction-scope.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { MeetingAccreditationEntity } from '../meetings/meeting-accreditation.entity.js';
import { MeetingInvitationEntity } from '../meetings/meeting-invitation.entity.js';
import { MeetingStatus, MeetingKind, Rsvp } from '../meetings/meeting.enums.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { encodeReminder, plannedReminders } from '../meetings/reminders/meeting-reminders.js';
import { MinutesRevisionEntity } from '../meetings/minutes-revision.entity.js';
import { loadDemoActionItems } from './demo-action-items.js';
import { OutboxEventEntity } from '../outbox/outbox-event.entity.js';
import { Jobs, type JobKey, type JobPayloads } from '../queues/jobs.js';
import {
  DEMO_BODIES,
  DEMO_DELEGATIONS,
  DEMO_MEETINGS,
  DEMO_PARTNERS,
  DEMO_USERS,
  MINISTERIAL,
  UPCOMING_MEETING,
  upcomingMeetingStart,
} from './demo-fixtures.js';
import { loadDemoStatement } from './demo-statement.js';

/** Delegations that answered the Ministerial's invitation and attended (the others did not reply). */
const MINISTERIAL_ATTENDEES = ['DK', 'CY', 'EU', 'COM', 'GSC', 'US'];

/**
 * Loads the worked example of DESIGN.md: the delegations of the 21 June 2012 EU-US JHA Ministerial,
 * its bodies, demo users, and the Ministerial with the working-party meeting before it. Every row
 * is found by its natural key first, so loading twice changes nothing.
 */
export async function loadDemoData(dataSource: DataSource, password: string, reminderOffsetsMs: readonly number[] = []): Promise<number> {
  // Hashed only when a demo user is actually missing: a restart does no argon2 work.
  let passwordHash: Promise<string> | null = null;
  // Through transaction(), as every transaction: where the nested-connection guard is on (the tests), it covers this one too.
  return transaction(dataSource, async (em) => {
    let created = 0;
    const delegations = new Map<string, DelegationEntity>();
    for (const d of [...DEMO_DELEGATIONS, ...DEMO_PARTNERS]) {
      const existing = await em.findOneBy(DelegationEntity, { code: d.code });
      delegations.set(d.code, existing ?? (created++, await em.save(em.create(DelegationEntity, d))));
    }
    // Partners joined the statement later; they are members of no body.
    const attending = DEMO_DELEGATIONS.map((d) => delegations.get(d.code)!);

    const users = new Map<string, UserEntity>();
    for (const u of DEMO_USERS) {
      let user = await em.findOneBy(UserEntity, { email: u.email });
      if (!user) {
        created++;
        passwordHash ??= hashPassword(password);
        user = await em.save(em.create(UserEntity, { email: u.email, name: u.name, role: u.role, timezone: u.timezone, passwordHash: await passwordHash }));
      }
      users.set(u.email, user);
      if (u.delegation) {
        const [code, delegateRole] = u.delegation;
        const delegationId = delegations.get(code)!.id;
        if (!(await em.existsBy(DelegationMembershipEntity, { userId: user.id, delegationId }))) {
          created++;
          await em.insert(DelegationMembershipEntity, { userId: user.id, delegationId, delegateRole });
        }
      }
    }

    const bodies = new Map<string, BodyEntity>();
    for (const b of DEMO_BODIES) {
      let body = await em.findOneBy(BodyEntity, { name: b.name });
      if (!body) {
        created++;
        const members = b.kind === BodyKind.MINISTERIAL ? attending : attending.filter((d) => d.kind !== DelegationKind.THIRD_COUNTRY);
        body = await em.save(
          em.create(BodyEntity, {
            name: b.name,
            kind: b.kind,
            jha: b.jha,
            parentId: b.parent ? bodies.get(b.parent)!.id : null,
            chairDelegationId: delegations.get(b.chair)!.id,
            members,
          }),
        );
      }
      bodies.set(b.name, body);
    }

    for (const m of DEMO_MEETINGS) {
      const body = bodies.get(m.body)!;
      if (await em.existsBy(MeetingEntity, { bodyId: body.id, title: m.title })) continue;
      created++;
      await createMeeting(em, m, body, delegations, users);
    }

    const upcomingBody = bodies.get(UPCOMING_MEETING.body)!;
    if (!(await em.existsBy(MeetingEntity, { bodyId: upcomingBody.id, title: UPCOMING_MEETING.title }))) {
      created++;
      await createUpcomingMeeting(em, upcomingBody, delegations, reminderOffsetsMs);
    }

    // The statement first: the follow-up items serve its commitments.
    created += await loadDemoStatement(em, bodies, delegations, users);
    created += await loadDemoActionItems(em, delegations, users);

    if (created > 0) {
      await em.save(
        em.create(AuditEventEntity, { actorId: null, action: 'demo.loaded', entityType: 'Body', entityId: bodies.get(MINISTERIAL)!.id, after: { created } }),
      );
    }
    return created;
  });
}

async function createMeeting(
  em: EntityManager,
  m: (typeof DEMO_MEETINGS)[number],
  body: BodyEntity,
  delegations: Map<string, DelegationEntity>,
  users: Map<string, UserEntity>,
): Promise<void> {
  const meeting = await em.save(
    em.create(MeetingEntity, {
      bodyId: body.id,
      title: m.title,
      kind: MeetingKind.IN_PERSON,
      status: MeetingStatus.CONCLUDED,
      startsAt: new Date(m.startsAt),
      endsAt: new Date(m.endsAt),
      timezone: m.timezone,
      location: m.location,
      chairDelegationId: delegations.get('DK')!.id,
      agendaCirculatedAt: new Date(m.agendaCirculatedAt),
      sequence: 3,
    }),
  );
  await em.insert(
    AgendaItemEntity,
    m.agenda.map((item, i) => ({
      meetingId: meeting.id,
      position: i + 1,
      title: item.title,
      kind: item.kind,
      leadDelegationId: delegations.get(item.lead)!.id,
      outcome: 'outcome' in item ? item.outcome : null,
    })),
  );

  const invited = [...delegations.values()].filter((d) => m.invite === 'ALL' || d.kind !== DelegationKind.THIRD_COUNTRY);
  const attendees = m.invite === 'ALL' ? MINISTERIAL_ATTENDEES : ['DK', 'COM', 'GSC', 'CY', 'DE', 'FR'];
  for (const d of invited) {
    const attended = attendees.includes(d.code);
    const invitation = await em.save(
      em.create(MeetingInvitationEntity, {
        meetingId: meeting.id,
        delegationId: d.id,
        rsvp: attended ? Rsvp.ACCEPTED : Rsvp.INVITED,
        respondedAt: attended ? new Date(new Date(m.startsAt).getTime() - 7 * 24 * 3600 * 1000) : null,
        attended,
      }),
    );
    const accredited = [...users.values()].filter((u) => DEMO_USERS.find((x) => x.email === u.email)?.delegation?.[0] === d.code && u.role === Role.DELEGATE);
    if (attended && accredited.length) {
      await em.insert(
        MeetingAccreditationEntity,
        accredited.map((u) => ({ meetingId: meeting.id, invitationId: invitation.id, delegationId: d.id, userId: u.id, attended: true })),
      );
    }
  }
  await em.insert(MinutesRevisionEntity, { meetingId: meeting.id, revision: 1, text: m.minutes, authorId: users.get('organizer@concordia.test')!.id });
}

/**
 * The upcoming meeting, invited the way `inviteDelegations` does it: the invitation notices and the
 * reminders go through the outbox, so the worker sends them like any others.
 */
async function createUpcomingMeeting(
  em: EntityManager,
  body: BodyEntity,
  delegations: Map<string, DelegationEntity>,
  reminderOffsetsMs: readonly number[],
): Promise<void> {
  const now = new Date();
  const startsAt = upcomingMeetingStart(now, reminderOffsetsMs);
  const meeting = await em.save(
    em.create(MeetingEntity, {
      bodyId: body.id,
      title: UPCOMING_MEETING.title,
      kind: MeetingKind.VIDEO,
      status: MeetingStatus.PLANNED,
      startsAt,
      endsAt: new Date(startsAt.getTime() + UPCOMING_MEETING.durationMs),
      timezone: UPCOMING_MEETING.timezone,
      location: UPCOMING_MEETING.location,
      chairDelegationId: delegations.get('DK')!.id,
      agendaCirculatedAt: now,
    }),
  );
  await em.insert(
    AgendaItemEntity,
    UPCOMING_MEETING.agenda.map((item, i) => ({
      meetingId: meeting.id,
      position: i + 1,
      title: item.title,
      kind: item.kind,
      leadDelegationId: delegations.get(item.lead)!.id,
    })),
  );
  const invited = [...delegations.values()];
  for (const d of invited) {
    const accepted = UPCOMING_MEETING.accepted.includes(d.code);
    await em.insert(MeetingInvitationEntity, {
      meetingId: meeting.id,
      delegationId: d.id,
      rsvp: accepted ? Rsvp.ACCEPTED : Rsvp.INVITED,
      respondedAt: accepted ? now : null,
    });
  }
  const outbox = <K extends JobKey>(job: K, payload: JobPayloads[K], jobId?: string, runAt?: Date): Partial<OutboxEventEntity> => {
    const id = randomUUID();
    return {
      id,
      queue: Jobs[job].queue,
      jobName: Jobs[job].name,
      jobId: jobId ?? id,
      payload,
      runAt: runAt ?? null,
    };
  };
  await em.insert(OutboxEventEntity, [
    outbox('notify', { event: 'meeting.invited', meetingId: meeting.id, delegationIds: invited.map((d) => d.id) }),
    ...plannedReminders(meeting.id, startsAt, reminderOffsetsMs, now).map((r) =>
      outbox('meetingReminder', encodeReminder({ meetingId: meeting.id, offsetMs: r.offsetMs, startsAtEpochMs: startsAt.getTime() }), r.jobId, r.runAt),
    ),
  ]);
}
