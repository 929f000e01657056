import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.js';
import { type AgendaItemEntity } from './agenda-item.entity.js';
import { type MeetingAccreditationEntity } from './meeting-accreditation.entity.js';
import { type MeetingInvitationEntity } from './meeting-invitation.entity.js';
import { AgendaItemKind, MeetingKind, MeetingStatus, Rsvp } from './meeting.enums.js';
import { type MeetingEntity } from './meeting.entity.js';
import { type MinutesRevisionEntity } from './minutes-revision.entity.js';

@ObjectType({ description: 'Start and end as wall-clock times in one time zone' })
export class LocalTimes {
  @Field() timezone: string;
  @Field({ description: 'ISO-8601 with the zone offset, e.g. 2012-06-21T10:00:00.000+02:00' }) startsAt: string;
  @Field() endsAt: string;
}

@ObjectType({ description: 'A meeting of a body' })
export class Meeting {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field(() => MeetingKind) kind: MeetingKind;
  @Field(() => MeetingStatus) status: MeetingStatus;
  @Field({ description: 'UTC instant' }) startsAt: Date;
  @Field({ description: 'UTC instant' }) endsAt: Date;
  @Field({ description: 'IANA time zone of the venue' }) timezone: string;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => Int, { description: 'Send it back with updates (optimistic locking)' }) version: number;
  @Field(() => Int, { description: 'iCalendar SEQUENCE' }) sequence: number;
  @Field(() => Date, { nullable: true }) agendaCirculatedAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  bodyId: string;
  chairDelegationId: string | null;

  static from(e: MeetingEntity): Meeting {
    return Object.assign(new Meeting(), {
      id: e.id,
      title: e.title,
      kind: e.kind,
      status: e.status,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      timezone: e.timezone,
      location: e.location,
      version: e.version,
      sequence: e.sequence,
      agendaCirculatedAt: e.agendaCirculatedAt,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      bodyId: e.bodyId,
      chairDelegationId: e.chairDelegationId,
    });
  }
}

@ObjectType()
export class MeetingConnection extends Connection(Meeting) {}

@ObjectType()
export class AgendaItem {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: '1..n' }) position: number;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => AgendaItemKind) kind: AgendaItemKind;
  @Field(() => String, { nullable: true }) outcome: string | null;
  meetingId: string;
  leadDelegationId: string | null;

  /** What an agenda item is made of: the loaders read these columns only. */
  static readonly columns = [
    'id',
    'position',
    'title',
    'description',
    'kind',
    'outcome',
    'meetingId',
    'leadDelegationId',
  ] as const satisfies readonly (keyof AgendaItemEntity)[];

  static from(e: Pick<AgendaItemEntity, (typeof AgendaItem.columns)[number]>): AgendaItem {
    // Built field by field, no intermediate object: the read path makes one per row.
    const m = new AgendaItem();
    m.id = e.id;
    m.position = e.position;
    m.title = e.title;
    m.description = e.description;
    m.kind = e.kind;
    m.outcome = e.outcome;
    m.meetingId = e.meetingId;
    m.leadDelegationId = e.leadDelegationId;
    return m;
  }
}

@ObjectType({ description: 'A person accredited to a meeting by their delegation' })
export class Accreditation {
  @Field(() => ID) id: string;
  @Field(() => Boolean, { nullable: true }) attended: boolean | null;
  userId: string;

  static from(e: MeetingAccreditationEntity): Accreditation {
    return Object.assign(new Accreditation(), { id: e.id, attended: e.attended, userId: e.userId });
  }
}

@ObjectType({ description: 'An invited delegation: its answer, its accredited people, its attendance' })
export class MeetingParticipant {
  @Field(() => ID) id: string;
  @Field(() => Rsvp) rsvp: Rsvp;
  @Field(() => Date, { nullable: true }) respondedAt: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Null until recorded' }) attended: boolean | null;
  meetingId: string;
  delegationId: string;

  /** What a participant is made of: the loaders read these columns only. */
  static readonly columns = [
    'id',
    'rsvp',
    'respondedAt',
    'attended',
    'meetingId',
    'delegationId',
  ] as const satisfies readonly (keyof MeetingInvitationEntity)[];

  static from(e: Pick<MeetingInvitationEntity, (typeof MeetingParticipant.columns)[number]>): MeetingParticipant {
    // Built field by field, no intermediate object: the read path makes one per row.
    const m = new MeetingParticipant();
    m.id = e.id;
    m.rsvp = e.rsvp;
    m.respondedAt = e.respondedAt;
    m.attended = e.attended;
    m.meetingId = e.meetingId;
    m.delegationId = e.delegationId;
    return m;
  }
}

@ObjectType({ description: 'Another meeting overlapping this one for which the same person is accredited' })
export class MeetingConflict {
  @Field(() => ID, { nullable: true, description: 'Null when the reader may not open the other meeting' }) meetingId: string | null;
  @Field({ description: '"Another commitment" when the reader may not open the other meeting' }) title: string;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  userId: string;
}

@ObjectType({ description: 'A saved version of the outcome of proceedings' })
export class MinutesRevision {
  @Field(() => Int) revision: number;
  @Field() text: string;
  @Field() createdAt: Date;
  authorId: string | null;

  static from(e: MinutesRevisionEntity): MinutesRevision {
    return Object.assign(new MinutesRevision(), { revision: e.revision, text: e.text, createdAt: e.createdAt, authorId: e.authorId });
  }
}

@ObjectType()
export class CalendarFeed {
  @Field({ description: 'Private URL of the personal iCalendar feed; anyone with it can read the feed' }) url: string;
}
