import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { timeDescriber } from '../common/time/zoned-time.js';
import { AppConfig } from '../config/app-config.js';
import { BodyEntity } from '../delegations/body.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { NotificationKind } from '../notifications/notification-kind.enum.js';
import { type EventOf } from '../notifications/notification-event.js';
import { type NotificationComposer, type NotificationMessage, type UserMessage } from '../notifications/notification-message.js';
import { describeOffset } from './reminders/meeting-reminders.js';
import { MeetingEntity } from './meeting.entity.js';

type MeetingEvent = EventOf<'meeting.invited'> | EventOf<'meeting.updated'> | EventOf<'meeting.cancelled'> | EventOf<'meeting.agenda-circulated'>;

interface Recipient {
  id: string;
  name: string;
  timezone: string;
}

interface Audience {
  users: Recipient[];
  delegationIds: string[];
}

/**
 * Composes what meeting participants are told. Texts give times in the reader's zone and the
 * venue's. Who hears what:
 * - an invitation: the members of the invited delegation (and its webhook);
 * - a change, cancellation, reminder or agenda: the accredited people, plus the members of
 *   invited delegations that have not declined and not yet accredited anyone.
 */
@Injectable()
export class MeetingNotifications implements NotificationComposer<MeetingEvent> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async compose(event: MeetingEvent): Promise<NotificationMessage[]> {
    const meeting = await this.dataSource.getRepository(MeetingEntity).findOneBy({ id: event.meetingId });
    if (!meeting) return [];
    switch (event.event) {
      case 'meeting.invited':
        return this.invitations(meeting, event.delegationIds);
      case 'meeting.updated':
        // A later change has its own notification; telling twice about the latest state is noise.
        if (meeting.sequence !== event.sequence) return [];
        return [
          await this.toParticipants(meeting, `meeting-updated:${meeting.id}:${event.sequence}`, NotificationKind.MEETING_UPDATED, 'Changed', 'has changed'),
        ];
      case 'meeting.cancelled':
        return [await this.toParticipants(meeting, `meeting-cancelled:${meeting.id}`, NotificationKind.MEETING_CANCELLED, 'Cancelled', 'has been cancelled')];
      case 'meeting.agenda-circulated':
        return [
          await this.toParticipants(
            meeting,
            `agenda-circulated:${meeting.id}:${event.circulatedAtEpochMs}`,
            NotificationKind.AGENDA_CIRCULATED,
            'Agenda',
            'has its agenda circulated',
          ),
        ];
    }
  }

  /** The reminder `offsetMs` before the start, for the meeting as it is now. */
  reminder(meeting: MeetingEntity, offsetMs: number): Promise<NotificationMessage> {
    return this.toParticipants(
      meeting,
      `meeting-reminder:${meeting.id}:${offsetMs}:${meeting.startsAt.getTime()}`,
      NotificationKind.MEETING_REMINDER,
      `Reminder (in ${describeOffset(offsetMs)})`,
      `starts in ${describeOffset(offsetMs)}`,
    );
  }

  private async invitations(meeting: MeetingEntity, delegationIds: string[]): Promise<NotificationMessage[]> {
    const body = await this.dataSource.getRepository(BodyEntity).findOneByOrFail({ id: meeting.bodyId });
    const delegations = await this.dataSource.getRepository(DelegationEntity).findBy({ id: In(delegationIds) });
    const membersOf = await this.membersByDelegation(delegationIds);
    const describe = timeDescriber();
    return delegations.map((delegation) => {
      const about = `${delegation.name} (${delegation.code}) is invited to ${meeting.title} of ${body.name}`;
      return {
        eventKey: `meeting-invited:${meeting.id}:${delegation.id}`,
        kind: NotificationKind.MEETING_INVITATION,
        entityType: 'Meeting',
        entityId: meeting.id,
        users: (membersOf.get(delegation.id) ?? []).map((u) =>
          this.userMessage(
            u,
            meeting,
            describe,
            `Invitation: ${meeting.title}`,
            `${about}.`,
            'Please answer for your delegation and accredit who will attend (respondToInvitation).',
          ),
        ),
        delegations: [{ delegationId: delegation.id, subject: `Invitation: ${meeting.title}`, body: `${about}.`, data: this.meetingData(meeting) }],
      };
    });
  }

  private async toParticipants(meeting: MeetingEntity, eventKey: string, kind: NotificationKind, label: string, what: string): Promise<NotificationMessage> {
    const audience = await this.audience(meeting.id);
    const subject = `${label}: ${meeting.title}`;
    const sentence = `${meeting.title} ${what}.`;
    const describe = timeDescriber();
    return {
      eventKey,
      kind,
      entityType: 'Meeting',
      entityId: meeting.id,
      users: audience.users.map((u) => this.userMessage(u, meeting, describe, subject, sentence)),
      delegations: audience.delegationIds.map((delegationId) => ({ delegationId, subject, body: sentence, data: this.meetingData(meeting) })),
    };
  }

  private userMessage(
    user: Recipient,
    meeting: MeetingEntity,
    describe: ReturnType<typeof timeDescriber>,
    subject: string,
    sentence: string,
    extra?: string,
  ): UserMessage {
    const lines = [
      `Dear ${user.name},`,
      '',
      sentence,
      '',
      `Status: ${meeting.status}`,
      `Starts: ${describe(meeting.startsAt, meeting.timezone, user.timezone)}`,
      `Ends:   ${describe(meeting.endsAt, meeting.timezone, user.timezone)}`,
      ...(meeting.location ? [`Where:  ${meeting.location}`] : []),
      `Calendar: ${this.config.publicUrl}/calendar/meetings/${meeting.id}.ics`,
      ...(extra ? ['', extra] : []),
    ];
    return { userId: user.id, subject, body: lines.join('\n') };
  }

  private meetingData(meeting: MeetingEntity): Record<string, unknown> {
    return {
      meetingId: meeting.id,
      title: meeting.title,
      status: meeting.status,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      timezone: meeting.timezone,
      location: meeting.location,
      sequence: meeting.sequence,
    };
  }

  /** Active members of each delegation, in one query. */
  private async membersByDelegation(delegationIds: string[]): Promise<Map<string, Recipient[]>> {
    const rows: (Recipient & { delegation_id: string })[] = await this.dataSource.query(
      `SELECT u.id, u.name, u.timezone, dm.delegation_id FROM users u JOIN delegation_memberships dm ON dm.user_id = u.id
        WHERE dm.delegation_id = ANY($1) AND u.active`,
      [delegationIds],
    );
    const groups = new Map<string, Recipient[]>();
    for (const r of rows) groups.set(r.delegation_id, [...(groups.get(r.delegation_id) ?? []), { id: r.id, name: r.name, timezone: r.timezone }]);
    return groups;
  }

  private async audience(meetingId: string): Promise<Audience> {
    const invitations: { delegation_id: string; rsvp: string; accredited: number }[] = await this.dataSource.query(
      `SELECT i.delegation_id, i.rsvp, (SELECT count(*)::int FROM meeting_accreditations a WHERE a.invitation_id = i.id) AS accredited
         FROM meeting_invitations i WHERE i.meeting_id = $1`,
      [meetingId],
    );
    const active = invitations.filter((i) => i.rsvp !== 'DECLINED');
    const unanswered = active.filter((i) => i.accredited === 0).map((i) => i.delegation_id);
    const users = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.active')
      .andWhere(
        `(u.id IN (SELECT a.user_id FROM meeting_accreditations a WHERE a.meeting_id = :meetingId)
          OR u.id IN (SELECT dm.user_id FROM delegation_memberships dm WHERE dm.delegation_id = ANY(:unanswered)))`,
        { meetingId, unanswered },
      )
      .getMany();
    return { users, delegationIds: active.map((i) => i.delegation_id) };
  }
}
