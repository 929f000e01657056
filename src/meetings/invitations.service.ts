import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { AppError } from '../common/errors/app-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { TransactionService } from '../database/transaction.service.js';
import { BodiesService } from '../delegations/bodies.service.js';
import { DelegationMembershipEntity } from '../delegations/delegation-membership.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingAccreditationEntity } from './meeting-accreditation.entity.js';
import { isEditable } from './meeting-lifecycle.js';
import { MeetingStatus, Rsvp } from './meeting.enums.js';
import { MeetingInvitationEntity } from './meeting-invitation.entity.js';
import { type InviteDelegationsInput, type RecordAttendanceInput, type RespondToInvitationInput } from './meeting.inputs.js';
import { lockMeeting } from './meetings.service.js';
import { enforceListCap } from '../common/graphql/list-caps.js';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly access: MeetingAccess,
    private readonly bodies: BodiesService,
  ) {}

  /** Invites delegations (by default the body's members); already invited ones are left as they are. */
  async invite(actor: AuthUser, input: InviteDelegationsInput): Promise<MeetingInvitationEntity[]> {
    authorize(Policy.manageMeetings(actor), 'Only organizers invite delegations');
    return this.tx.mutate(actor, async ({ em, audit, enqueue }) => {
      const meeting = await lockMeeting(em, input.meetingId);
      if (!isEditable(meeting.status)) throw AppError.conflict(`Delegations cannot be invited to a ${meeting.status} meeting`, { status: meeting.status });
      const ids = [...new Set(input.delegationIds ?? (await this.bodies.memberIds([meeting.bodyId], em)).get(meeting.bodyId) ?? [])];
      if (ids.length === 0) throw AppError.badInput('delegationIds', 'The body has no member delegations; name the delegations to invite');
      const found = await em.countBy(DelegationEntity, { id: In(ids) });
      if (found !== ids.length) throw AppError.badInput('delegationIds', 'Some delegations do not exist');

      const created = (
        await em
          .createQueryBuilder()
          .insert()
          .into(MeetingInvitationEntity)
          .values(ids.map((delegationId) => ({ meetingId: meeting.id, delegationId })))
          .orIgnore()
          .returning('id, delegation_id')
          .execute()
      ).raw as { id: string; delegation_id: string }[];
      await enforceListCap(em, 'Meeting.participants', meeting.id, 'delegationIds');
      const newIds = created.map((c) => c.delegation_id);
      audit('meeting.delegations-invited', 'Meeting', meeting.id, {
        after: { invitedDelegationIds: newIds, alreadyInvited: ids.filter((i) => !newIds.includes(i)) },
      });
      if (newIds.length > 0) enqueue('notify', { event: 'meeting.invited', meetingId: meeting.id, delegationIds: newIds });
      return em.find(MeetingInvitationEntity, { where: { meetingId: meeting.id }, order: { createdAt: 'ASC' } });
    });
  }

  /** A member answers for their delegation and names who it accredits (replacing the earlier list). */
  async respond(actor: AuthUser, input: RespondToInvitationInput): Promise<MeetingInvitationEntity> {
    return this.tx.mutate(actor, async ({ em, audit }) => {
      // Reads as NOT_FOUND when the actor cannot see the meeting at all.
      await this.access.findVisible(actor, input.meetingId, em);
      authorize(Policy.actForDelegation(actor, input.delegationId), 'You can only answer for a delegation you belong to');
      const meeting = await lockMeeting(em, input.meetingId);
      const invitation = await em.findOneBy(MeetingInvitationEntity, { meetingId: meeting.id, delegationId: input.delegationId });
      if (!invitation) throw AppError.notFound('Invitation');
      if (!isEditable(meeting.status)) throw AppError.conflict(`Answers to a ${meeting.status} meeting are closed`, { status: meeting.status });
      if (input.rsvp === Rsvp.INVITED) throw AppError.badInput('rsvp', 'Answer ACCEPTED, DECLINED or TENTATIVE');

      const userIds = [...new Set(input.accreditedUserIds)];
      if (input.rsvp === Rsvp.DECLINED && userIds.length > 0) throw AppError.badInput('accreditedUserIds', 'A delegation that declines accredits nobody');
      if (userIds.length > 0) {
        const members = await em.countBy(DelegationMembershipEntity, { delegationId: input.delegationId, userId: In(userIds) });
        if (members !== userIds.length) throw AppError.badInput('accreditedUserIds', 'Only members of the delegation can be accredited for it');
        await this.assertNotAccreditedElsewhere(em, meeting.id, input.delegationId, userIds);
      }

      const before = { ...invitation, accreditedUserIds: (await em.findBy(MeetingAccreditationEntity, { invitationId: invitation.id })).map((a) => a.userId) };
      await em
        .createQueryBuilder()
        .delete()
        .from(MeetingAccreditationEntity)
        .where('invitation_id = :id', { id: invitation.id })
        .andWhere(userIds.length ? 'user_id NOT IN (:...keep)' : 'TRUE', { keep: userIds })
        .execute();
      if (userIds.length > 0) {
        await em
          .createQueryBuilder()
          .insert()
          .into(MeetingAccreditationEntity)
          .values(userIds.map((userId) => ({ meetingId: meeting.id, invitationId: invitation.id, delegationId: input.delegationId, userId })))
          .orIgnore()
          .execute();
        await enforceListCap(em, 'MeetingParticipant.accredited', invitation.id, 'accreditedUserIds');
        // A concurrent answer of another delegation may have taken someone meanwhile (the insert
        // skipped them): the call fails instead of reporting an accreditation that did not happen.
        await this.assertNotAccreditedElsewhere(em, meeting.id, input.delegationId, userIds);
      }
      invitation.rsvp = input.rsvp;
      invitation.respondedAt = new Date();
      invitation.respondedById = actor.id;
      await em.save(invitation);
      audit('meeting.invitation-answered', 'MeetingInvitation', invitation.id, { before, after: { ...invitation, accreditedUserIds: userIds } });
      return invitation;
    });
  }

  /** BAD_USER_INPUT naming everyone on the list whom another delegation accredited for this meeting. */
  private async assertNotAccreditedElsewhere(em: EntityManager, meetingId: string, delegationId: string, userIds: string[]): Promise<void> {
    const taken: { id: string; name: string }[] = await em.query(
      `SELECT u.id, u.name FROM meeting_accreditations a JOIN users u ON u.id = a.user_id
        WHERE a.meeting_id = $1 AND a.user_id = ANY($2) AND a.delegation_id <> $3 ORDER BY u.name`,
      [meetingId, userIds, delegationId],
    );
    if (taken.length > 0) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `Already accredited by another delegation: ${taken.map((t) => t.name).join(', ')}`, 'accreditedUserIds', {
        userIds: taken.map((t) => t.id),
      });
    }
  }

  /** Once the meeting has opened: which delegations and people were there. */
  async recordAttendance(actor: AuthUser, input: RecordAttendanceInput): Promise<MeetingInvitationEntity[]> {
    authorize(Policy.manageMeetings(actor), 'Only organizers record attendance');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      const meeting = await lockMeeting(em, input.meetingId);
      if (meeting.status !== MeetingStatus.IN_SESSION && meeting.status !== MeetingStatus.CONCLUDED) {
        throw AppError.conflict(`Attendance is recorded once the meeting is in session, not while ${meeting.status}`, { status: meeting.status });
      }
      const invitations = await em.findBy(MeetingInvitationEntity, { meetingId: meeting.id });
      const accreditations = await em.findBy(MeetingAccreditationEntity, { meetingId: meeting.id });
      const byDelegation = new Map(invitations.map((i) => [i.delegationId, i]));
      const changed: MeetingAccreditationEntity[] = [];
      for (const [index, entry] of input.attendance.entries()) {
        const invitation = byDelegation.get(entry.delegationId);
        if (!invitation) throw AppError.badInput(`attendance.${index}.delegationId`, 'This delegation was not invited');
        invitation.attended = entry.attended;
        const accredited = accreditations.filter((a) => a.invitationId === invitation.id);
        const present = new Set(entry.presentUserIds ?? (entry.attended ? accredited.map((a) => a.userId) : []));
        if ([...present].some((id) => !accredited.some((a) => a.userId === id))) {
          throw AppError.badInput(`attendance.${index}.presentUserIds`, 'Only accredited people can be recorded as present');
        }
        for (const a of accredited) a.attended = present.has(a.userId);
        changed.push(...accredited);
      }
      // Read once for the whole list, then saved together.
      await em.save([...byDelegation.values()].filter((i) => input.attendance.some((e) => e.delegationId === i.delegationId)));
      await em.save(changed);
      audit('meeting.attendance-recorded', 'Meeting', meeting.id, { after: { attendance: input.attendance } });
      return em.find(MeetingInvitationEntity, { where: { meetingId: meeting.id }, order: { createdAt: 'ASC' } });
    });
  }
}
