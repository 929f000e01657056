import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsId } from '../common/errors/uuid.pipe.js';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { trim } from '../auth/auth.inputs.js';
import { AgendaItemKind, MeetingKind, MeetingStatus, Rsvp } from './meeting.enums.js';
import { ListMax } from '../common/graphql/list-caps.js';

const TZ = { message: 'timezone must be an IANA time zone such as Europe/Copenhagen' };

@InputType()
export class MeetingFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId('bodyId') bodyId?: string;
  @Field(() => MeetingStatus, { nullable: true }) @IsOptional() @IsEnum(MeetingStatus) status?: MeetingStatus;
  @Field({ nullable: true, description: 'Meetings ending after this instant' }) @IsOptional() @IsDate() from?: Date;
  @Field({ nullable: true, description: 'Meetings starting before this instant' }) @IsOptional() @IsDate() to?: Date;
  @Field(() => ID, { nullable: true, description: 'Meetings this delegation is invited to' }) @IsOptional() @IsId('delegationId') delegationId?: string;
}

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID) @IsId('bodyId') bodyId: string;
  @Field() @Transform(trim) @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title: string;
  @Field(() => MeetingKind, { defaultValue: MeetingKind.IN_PERSON }) @IsEnum(MeetingKind) kind: MeetingKind = MeetingKind.IN_PERSON;
  @Field({ description: 'UTC instant (ISO-8601 with offset)' }) @IsDate() startsAt: Date;
  @Field() @IsDate() endsAt: Date;
  @Field({ description: 'IANA zone of the venue' }) @IsTimeZone(TZ) timezone: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Transform(trim) @IsString() @MaxLength(300) location?: string | null;
  @Field(() => ID, { nullable: true, description: 'Defaults to the body’s chair' }) @IsOptional() @IsId('chairDelegationId') chairDelegationId?: string | null;
}

@InputType()
export class UpdateMeetingInput {
  @Field(() => ID) @IsId('meetingId') meetingId: string;
  @Field(() => Int, { description: 'The version you saw' }) @IsInt() @Min(1) version: number;
  @Field({ nullable: true }) @IsOptional() @Transform(trim) @IsString() @Length(1, 300, { message: 'title must be 1 to 300 characters' }) title?: string;
  @Field(() => MeetingKind, { nullable: true }) @IsOptional() @IsEnum(MeetingKind) kind?: MeetingKind;
  @Field({ nullable: true }) @IsOptional() @IsDate() startsAt?: Date;
  @Field({ nullable: true }) @IsOptional() @IsDate() endsAt?: Date;
  @Field({ nullable: true }) @IsOptional() @IsTimeZone(TZ) timezone?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Transform(trim) @IsString() @MaxLength(300) location?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId('chairDelegationId') chairDelegationId?: string | null;
}

@InputType()
export class SetMeetingStatusInput {
  @Field(() => ID) @IsId('meetingId') meetingId: string;
  @Field(() => MeetingStatus) @IsEnum(MeetingStatus) status: MeetingStatus;
  @Field(() => Int, { nullable: true, description: 'The version you saw; checked when given' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

@InputType()
export class AddAgendaItemInput {
  @Field(() => ID) @IsId('meetingId') meetingId: string;
  @Field() @Transform(trim) @IsString() @Length(1, 500, { message: 'title must be 1 to 500 characters' }) title: string;
  @Field(() => AgendaItemKind) @IsEnum(AgendaItemKind) kind: AgendaItemKind;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20000) description?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId('leadDelegationId') leadDelegationId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Insert at this position (1-based); appended when omitted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;
}

@InputType()
export class UpdateAgendaItemInput {
  @Field(() => ID) @IsId('agendaItemId') agendaItemId: string;
  @Field({ nullable: true }) @IsOptional() @Transform(trim) @IsString() @Length(1, 500, { message: 'title must be 1 to 500 characters' }) title?: string;
  @Field(() => AgendaItemKind, { nullable: true }) @IsOptional() @IsEnum(AgendaItemKind) kind?: AgendaItemKind;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20000) description?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId('leadDelegationId') leadDelegationId?: string | null;
  @Field(() => String, { nullable: true, description: 'What the meeting concluded on this item' }) @IsOptional() @IsString() @MaxLength(20000) outcome?:
    string | null;
}

@InputType()
export class MoveAgendaItemInput {
  @Field(() => ID) @IsId('agendaItemId') agendaItemId: string;
  @Field(() => Int, { description: 'New 1-based position; clamped to the agenda length' }) @IsInt() @Min(1) position: number;
}

@InputType()
export class RemoveAgendaItemInput {
  @Field(() => ID) @IsId('agendaItemId') agendaItemId: string;
}

@InputType()
export class MeetingRefInput {
  @Field(() => ID) @IsId('meetingId') meetingId: string;
}

@InputType()
export class InviteDelegationsInput {
  @Field(() => ID) @IsId('meetingId') meetingId: string;
  @Field(() => [ID], { nullable: true, description: 'Defaults to the member delegations of the meeting’s body' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'delegationIds must be ids' })
  delegationIds?: string[];
}

@InputType()
export class RespondToInvitationInput {
  @Field(() => ID) @IsId('meetingId') meetingId: string;
  @Field(() => ID, { description: 'The delegation you answer for' }) @IsId('delegationId') delegationId: string;
  @Field(() => Rsvp) @IsEnum(Rsvp) rsvp: Rsvp;
  @Field(() => [ID], { defaultValue: [], description: 'Members of the delegation to accredit (replaces the previous list)' })
  @IsArray()
  @ArrayMaxSize(ListMax.ACCREDITATIONS_PER_INVITATION, {
    message: `accreditedUserIds: at most ${ListMax.ACCREDITATIONS_PER_INVITATION} people (limit MeetingParticipant.accredited)`,
  })
  @IsUUID('all', { each: true, message: 'accreditedUserIds must be ids' })
  accreditedUserIds: string[] = [];
}

@InputType()
export class AttendanceInput {
  @Field(() => ID) @IsId('delegationId') delegationId: string;
  @Field() @IsBoolean() attended: boolean;
  @Field(() => [ID], { nullable: true, description: 'Accredited people who attended; the others are marked absent' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true, message: 'presentUserIds must be ids' })
  presentUserIds?: string[];
}

@InputType()
export class RecordAttendanceInput {
  @Field(() => ID) @IsId('meetingId') meetingId: string;
  @Field(() => [AttendanceInput]) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => AttendanceInput) attendance: AttendanceInput[];
}

@InputType()
export class SaveOutcomeOfProceedingsInput {
  @Field(() => ID) @IsId('meetingId') meetingId: string;
  @Field() @IsString() @Length(1, 200000, { message: 'text must not be empty' }) text: string;
  @Field(() => Int, { description: 'The latest revision you saw (0 for the first save)' }) @IsInt() @Min(0) baseRevision: number;
}
