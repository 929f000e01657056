import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { AppConfig } from '../config/app-config.js';
import { BodyEntity } from '../delegations/body.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { type MessageKey, type NotificationTexts, textsFor, WEBHOOK_TEXTS } from '../notifications/i18n/notification-texts.js';
import { NotificationKind } from '../notifications/notification-kind.enum.js';
import { type EventOf } from '../notifications/notification-event.js';
import { type NotificationComposer, type NotificationMessage, type UserMessage } from '../notifications/notification-message.js';
import { MeetingEntity } from './meeting.entity.js';

type MeetingEvent = EventOf<'meeting.invited'> | EventOf<'meeting.updated'> | EventOf<'meeting.cancelled'> | EventOf<'meeting.agenda-circulated'>;

interface Recipient {
  id: string;
  name: string;
  timezone: string;
  locale: string;
}

/** What a notice about a meeting says, in one reader's language: its subject and its first sentence. */
type Wording = (t: NotificationTexts) => { subject: string; sentence: string };

/** A notice of the `key` family (meeting.updated, …): subject and sentence name the meeting. */
const wording =
  (key: 'updated' | 'cancelled' | 'agenda', meeting: MeetingEntity): Wording =>
  (t) => ({
    subject: t.t(`meeting.${key}.subject` as const, { meeting: meeting.title }),
    sentence: t.t(`meeting.${key}.sentence` as const, { meeting: meeting.title }),
  });

interface Audience {
  users: Recipient[];
  delegationIds: string[];
}

/**
 * Composes what meeting participants are told, each in their language (notification-texts.ts), with
 * times in the reader's zone and the venue's; webhooks in English. Who hears what:
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
          await this.toParticipants(meeting, `meeting-updated:${meeting.id}:${event.sequence}`, NotificationKind.MEETING_UPDATED, wording('updated', meeting)),
        ];
      case 'meeting.cancelled':
        return [await this.toParticipants(meeting, `meeting-cancelled:${meeting.id}`, NotificationKind.MEETING_CANCELLED, wording('cancelled', meeting))];
      case 'meeting.agenda-circulated':
        return [
          await this.toParticipants(
            meeting,
            `agenda-circulated:${meeting.id}:${event.circulatedAtEpochMs}`,
            NotificationKind.AGENDA_CIRCULATED,
            wording('agenda', meeting),
          ),
        ];
    }
  }

  /** The reminder `offsetMs` before the start, for the meeting as it is now. */
  reminder(meeting: MeetingEntity, offsetMs: number): Promise<NotificationMessage> {
    return this.toParticipants(meeting, `meeting-reminder:${meeting.id}:${offsetMs}:${meeting.startsAt.getTime()}`, NotificationKind.MEETING_REMINDER, (t) => ({
      subject: t.t('meeting.reminder.subject', { in: t.inDuration(offsetMs), meeting: meeting.title }),
      sentence: t.t('meeting.reminder.sentence', { in: t.inDuration(offsetMs), meeting: meeting.title }),
    }));
  }

  private async invitations(meeting: MeetingEntity, delegationIds: string[]): Promise<NotificationMessage[]> {
    const body = await this.dataSource.getRepository(BodyEntity).findOneByOrFail({ id: meeting.bodyId });
    const delegations = await this.dataSource.getRepository(DelegationEntity).findBy({ id: In(delegationIds) });
    const membersOf = await this.membersByDelegation(delegationIds);
    return delegations.map((delegation) => {
      const invitation: Wording = (t) => ({
        subject: t.t('meeting.invitation.subject', { meeting: meeting.title }),
        sentence: t.t('meeting.invitation.sentence', { delegation: delegation.name, code: delegation.code, meeting: meeting.title, body: body.name }),
      });
      const hook = invitation(WEBHOOK_TEXTS);
      return {
        eventKey: `meeting-invited:${meeting.id}:${delegation.id}`,
        kind: NotificationKind.MEETING_INVITATION,
        entityType: 'Meeting',
        entityId: meeting.id,
        users: (membersOf.get(delegation.id) ?? []).map((u) => this.userMessage(u, meeting, invitation, 'meeting.invitation.ask')),
        delegations: [{ delegationId: delegation.id, subject: hook.subject, body: hook.sentence, data: this.meetingData(meeting) }],
      };
    });
  }

  private async toParticipants(meeting: MeetingEntity, eventKey: string, kind: NotificationKind, words: Wording): Promise<NotificationMessage> {
    const audience = await this.audience(meeting.id);
    const hook = words(WEBHOOK_TEXTS);
    return {
      eventKey,
      kind,
      entityType: 'Meeting',
      entityId: meeting.id,
      users: audience.users.map((u) => this.userMessage(u, meeting, words)),
      delegations: audience.delegationIds.map((delegationId) => ({
        delegationId,
        subject: hook.subject,
        body: hook.sentence,
        data: this.meetingData(meeting),
      })),
    };
  }

  /** One reader's notice, in their language and zone. */
  private userMessage(user: Recipient, meeting: MeetingEntity, words: Wording, extra?: MessageKey): UserMessage {
    const t = textsFor(user.locale);
    const { subject, sentence } = words(t);
    const lines = [
      t.t('common.greeting', { name: user.name }),
      '',
      sentence,
      '',
      t.t('meeting.status', { status: meeting.status }),
      t.t('meeting.starts', { time: t.at(meeting.startsAt, meeting.timezone, user.timezone) }),
      t.t('meeting.ends', { time: t.at(meeting.endsAt, meeting.timezone, user.timezone) }),
      ...(meeting.location ? [t.t('meeting.where', { location: meeting.location })] : []),
      t.t('meeting.calendar', { url: `${this.config.publicUrl}/calendar/meetings/${meeting.id}.ics` }),
      ...(extra ? ['', t.t(extra)] : []),
    ];
    return { userId: user.id, subject, body: lines.join('\n'), language: t.language };
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
      `SELECT u.id, u.name, u.timezone, u.locale, dm.delegation_id FROM users u JOIN delegation_memberships dm ON dm.user_id = u.id
        WHERE dm.delegation_id = ANY($1) AND u.active`,
      [delegationIds],
    );
    const groups = new Map<string, Recipient[]>();
    for (const r of rows)
      groups.set(r.delegation_id, [...(groups.get(r.delegation_id) ?? []), { id: r.id, name: r.name, timezone: r.timezone, locale: r.locale }]);
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
