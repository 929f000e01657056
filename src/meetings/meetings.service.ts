import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { AppError } from '../common/errors/app-error.js';
import { type ConnectionArgs } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { TransactionService, type Tx } from '../database/transaction.service.js';
import { BodyEntity } from '../delegations/body.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { MeetingAccess } from './meeting-access.js';
import { assertTransition, isEditable, isUpcoming } from './meeting-lifecycle.js';
import { MeetingRemindersService } from './reminders/meeting-reminders.service.js';
import { MeetingOrder, MeetingStatus } from './meeting.enums.js';
import { MeetingEntity } from './meeting.entity.js';
import { MeetingInvitationEntity } from './meeting-invitation.entity.js';
import { type MeetingFilter, type ScheduleMeetingInput, type SetMeetingStatusInput, type UpdateMeetingInput } from './meeting.inputs.js';

/** Locks the meeting row for the rest of the transaction: writes to one meeting go one at a time. */
export async function lockMeeting(em: EntityManager, meetingId: string): Promise<MeetingEntity> {
  const meeting = await em.findOne(MeetingEntity, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
  if (!meeting) throw AppError.notFound('Meeting', meetingId);
  return meeting;
}

@Injectable()
export class MeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: MeetingAccess,
    private readonly reminders: MeetingRemindersService,
  ) {}

  /** `extra`: select expressions read along with the meeting (see MeetingAccess.findVisible). */
  findVisible(actor: AuthUser, id: string, extra?: readonly string[]): Promise<MeetingEntity> {
    return this.access.findVisible(actor, id, undefined, extra);
  }

  /** Visible meetings by start time (the cursor carries the order: a page keeps the order of the first). */
  list(actor: AuthUser, filter: MeetingFilter | undefined, args: ConnectionArgs, orderBy = MeetingOrder.STARTS_AT) {
    const qb = this.access.restrict(this.dataSource.getRepository(MeetingEntity).createQueryBuilder('m'), 'm', actor);
    if (filter?.bodyId) qb.andWhere('m.body_id = :bodyId', { bodyId: filter.bodyId });
    if (filter?.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter?.from) qb.andWhere('m.ends_at > :from', { from: filter.from });
    if (filter?.to) qb.andWhere('m.starts_at < :to', { to: filter.to });
    if (filter?.delegationId) {
      qb.andWhere('EXISTS (SELECT 1 FROM meeting_invitations fi WHERE fi.meeting_id = m.id AND fi.delegation_id = :fd)', { fd: filter.delegationId });
    }
    return paginate(qb, args, { expression: 'm.starts_at', direction: orderBy === MeetingOrder.STARTS_AT_DESC ? 'DESC' : 'ASC' });
  }

  async schedule(actor: AuthUser, input: ScheduleMeetingInput): Promise<MeetingEntity> {
    authorize(Policy.manageMeetings(actor), 'Only organizers schedule meetings');
    if (input.endsAt <= input.startsAt) throw AppError.badInput('endsAt', 'endsAt must be after startsAt');
    return this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const body = await em.findOneBy(BodyEntity, { id: input.bodyId });
      if (!body) throw AppError.badInput('bodyId', 'No such body');
      await this.assertDelegation(em, input.chairDelegationId, 'chairDelegationId');
      const meeting = em.create(MeetingEntity, {
        bodyId: body.id,
        title: input.title,
        kind: input.kind,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        timezone: input.timezone,
        location: input.location ?? null,
        chairDelegationId: input.chairDelegationId ?? body.chairDelegationId,
        createdById: actor.id,
      });
      await em.save(meeting);
      tx.audit('meeting.scheduled', 'Meeting', meeting.id, { after: meeting });
      this.reminders.schedule(tx, meeting);
      return meeting;
    });
  }

  async update(actor: AuthUser, input: UpdateMeetingInput): Promise<MeetingEntity> {
    authorize(Policy.manageMeetings(actor), 'Only organizers change meetings');
    return this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const meeting = await lockMeeting(em, input.meetingId);
      if (meeting.version !== input.version) throw AppError.staleVersion('Meeting', input.version, meeting.version);
      if (!isEditable(meeting.status)) throw AppError.conflict(`A ${meeting.status} meeting cannot be changed`, { status: meeting.status });
      const before = { ...meeting };

      if (input.title !== undefined) meeting.title = input.title;
      if (input.kind !== undefined) meeting.kind = input.kind;
      if (input.startsAt !== undefined) meeting.startsAt = input.startsAt;
      if (input.endsAt !== undefined) meeting.endsAt = input.endsAt;
      if (input.timezone !== undefined) meeting.timezone = input.timezone;
      if (input.location !== undefined) meeting.location = input.location;
      if (input.chairDelegationId !== undefined) {
        await this.assertDelegation(em, input.chairDelegationId, 'chairDelegationId');
        meeting.chairDelegationId = input.chairDelegationId;
      }
      if (meeting.endsAt <= meeting.startsAt) throw AppError.badInput(input.endsAt ? 'endsAt' : 'startsAt', 'endsAt must be after startsAt');

      const timeChanged = before.startsAt.getTime() !== meeting.startsAt.getTime() || before.endsAt.getTime() !== meeting.endsAt.getTime();
      const placeChanged = before.location !== meeting.location || before.timezone !== meeting.timezone || before.kind !== meeting.kind;
      meeting.sequence += 1;
      await em.save(meeting);
      tx.audit('meeting.updated', 'Meeting', meeting.id, { before, after: meeting });

      if (before.startsAt.getTime() !== meeting.startsAt.getTime()) {
        this.reminders.cancel(tx, before);
        this.reminders.schedule(tx, meeting);
      }
      if ((timeChanged || placeChanged) && (await this.hasInvitations(em, meeting.id))) {
        tx.enqueue('notify', { event: 'meeting.updated', meetingId: meeting.id, sequence: meeting.sequence });
      }
      return meeting;
    });
  }

  async setStatus(actor: AuthUser, input: SetMeetingStatusInput): Promise<MeetingEntity> {
    authorize(Policy.manageMeetings(actor), 'Only organizers change the status of meetings');
    return this.tx.mutate(actor, async (tx) => {
      const { em } = tx;
      const meeting = await lockMeeting(em, input.meetingId);
      if (input.version !== undefined && meeting.version !== input.version) throw AppError.staleVersion('Meeting', input.version, meeting.version);
      assertTransition(meeting.status, input.status);
      const before = { ...meeting };
      meeting.status = input.status;
      meeting.sequence += 1;
      await em.save(meeting);
      tx.audit('meeting.status-changed', 'Meeting', meeting.id, { before, after: meeting });

      if (isUpcoming(before.status) && !isUpcoming(meeting.status)) this.reminders.cancel(tx, meeting);
      if (!isUpcoming(before.status) && isUpcoming(meeting.status)) this.reminders.schedule(tx, meeting);
      if (await this.hasInvitations(em, meeting.id)) {
        if (meeting.status === MeetingStatus.CANCELLED) tx.enqueue('notify', { event: 'meeting.cancelled', meetingId: meeting.id, sequence: meeting.sequence });
        if (meeting.status === MeetingStatus.POSTPONED) tx.enqueue('notify', { event: 'meeting.updated', meetingId: meeting.id, sequence: meeting.sequence });
      }
      return meeting;
    });
  }

  /** Records that the agenda went out now; participants are told, and lateness is judged against it. */
  async circulateAgenda(actor: AuthUser, meetingId: string): Promise<MeetingEntity> {
    authorize(Policy.manageMeetings(actor), 'Only organizers circulate agendas');
    return this.tx.mutate(actor, async (tx: Tx) => {
      const { em } = tx;
      const meeting = await lockMeeting(em, meetingId);
      if (!isEditable(meeting.status)) throw AppError.conflict(`The agenda of a ${meeting.status} meeting cannot be circulated`, { status: meeting.status });
      const before = { ...meeting };
      meeting.agendaCirculatedAt = new Date();
      await em.save(meeting);
      tx.audit('meeting.agenda-circulated', 'Meeting', meeting.id, { before, after: meeting });
      tx.enqueue('notify', { event: 'meeting.agenda-circulated', meetingId: meeting.id, circulatedAtEpochMs: meeting.agendaCirculatedAt.getTime() });
      return meeting;
    });
  }

  private async assertDelegation(em: EntityManager, id: string | null | undefined, field: string): Promise<void> {
    if (id && !(await em.existsBy(DelegationEntity, { id }))) throw AppError.badInput(field, 'No such delegation');
  }

  private hasInvitations(em: EntityManager, meetingId: string): Promise<boolean> {
    return em.existsBy(MeetingInvitationEntity, { meetingId });
  }
}
