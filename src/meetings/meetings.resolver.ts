import { Inject } from '@nestjs/common';
import { type GraphQLResolveInfo } from 'graphql';
import { Args, Context, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { User } from '../auth/user.model.js';
import { UserEntity } from '../auth/user.entity.js';
import { AppError } from '../common/errors/app-error.js';
import { UuidPipe } from '../common/errors/uuid.pipe.js';
import { type GqlContext, type NoArgs } from '../common/graphql/gql-context.js';
import { ConnectionArgs, mapConnection } from '../common/pagination/connection.js';
import { isTimeZone, toZonedIso } from '../common/time/zoned-time.js';
import { AppConfig } from '../config/app-config.js';
import { BodyEntity } from '../delegations/body.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { Body, Delegation } from '../delegations/delegation.model.js';
import { agendaLateness } from './agenda-deadline.js';
import { MeetingOrder } from './meeting.enums.js';
import { MeetingAccreditationEntity } from './meeting-accreditation.entity.js';
import { latestMinutesLoader, meetingConflictsLoader } from './meeting.loaders.js';
import { agendaLoader, meetingChildren, participantsLoader } from './meeting-prefetch.js';
import { MeetingFilter, MeetingRefInput, ScheduleMeetingInput, SetMeetingStatusInput, UpdateMeetingInput } from './meeting.inputs.js';
import { Accreditation, AgendaItem, LocalTimes, Meeting, MeetingConflict, MeetingConnection, MeetingParticipant, MinutesRevision } from './meeting.model.js';
import { MeetingsService } from './meetings.service.js';
import { MinutesRevisionEntity } from './minutes-revision.entity.js';
import { ListMax } from '../common/graphql/list-caps.js';

@Resolver(() => Meeting)
export class MeetingsResolver {
  constructor(
    private readonly service: MeetingsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Query(() => Meeting)
  async meeting(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }, new UuidPipe('id')) id: string,
    @Context() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Meeting> {
    // The lists the query asks for come in the meeting's own statement (meeting-prefetch.ts).
    const children = meetingChildren(info, ctx.loaders);
    const row = await this.service.findVisible(user, id, children?.columns);
    children?.prime(row);
    return Meeting.from(row);
  }

  @Query(() => MeetingConnection, { description: 'Meetings you may see, by start time (earliest first unless ordered otherwise)' })
  async meetings(
    @CurrentUser() user: AuthUser,
    @Args() args: ConnectionArgs,
    @Args('filter', { type: () => MeetingFilter, nullable: true }) filter?: MeetingFilter,
    @Args('orderBy', { type: () => MeetingOrder, nullable: true }) orderBy?: MeetingOrder,
  ): Promise<MeetingConnection> {
    return mapConnection(await this.service.list(user, filter, args, orderBy), Meeting.from);
  }

  @Mutation(() => Meeting, { description: 'Schedules a meeting of a body (ORGANIZER)' })
  async scheduleMeeting(@CurrentUser() user: AuthUser, @Args('input') input: ScheduleMeetingInput): Promise<Meeting> {
    return Meeting.from(await this.service.schedule(user, input));
  }

  @Mutation(() => Meeting, { description: 'Changes title, time, place or chair; send the version you saw (ORGANIZER)' })
  async updateMeeting(@CurrentUser() user: AuthUser, @Args('input') input: UpdateMeetingInput): Promise<Meeting> {
    return Meeting.from(await this.service.update(user, input));
  }

  @Mutation(() => Meeting, { description: 'Moves the meeting through its lifecycle (ORGANIZER)' })
  async setMeetingStatus(@CurrentUser() user: AuthUser, @Args('input') input: SetMeetingStatusInput): Promise<Meeting> {
    return Meeting.from(await this.service.setStatus(user, input));
  }

  @Mutation(() => Meeting, { description: 'Sends the agenda to the participants now (ORGANIZER)' })
  async circulateAgenda(@CurrentUser() user: AuthUser, @Args('input') input: MeetingRefInput): Promise<Meeting> {
    return Meeting.from(await this.service.circulateAgenda(user, input.meetingId));
  }

  @ResolveField(() => Body)
  async body(m: Meeting, _args: NoArgs, ctx: GqlContext): Promise<Body> {
    return Body.from((await ctx.loaders.byId(BodyEntity).load(m.bodyId))!);
  }

  @ResolveField(() => Delegation, { nullable: true })
  chair(m: Meeting, _args: NoArgs, ctx: GqlContext): Delegation | null | Promise<Delegation | null> {
    return m.chairDelegationId ? ctx.loaders.ref(DelegationEntity, m.chairDelegationId, Delegation.from) : null;
  }

  @ResolveField(() => [AgendaItem], { description: 'In order' })
  async agenda(m: Meeting, _args: NoArgs, ctx: GqlContext, info: GraphQLResolveInfo): Promise<AgendaItem[]> {
    const items = (await agendaLoader(ctx.loaders).load(m.id)).map(AgendaItem.from);
    await ctx.loaders.prefetch(
      info,
      'leadDelegation',
      DelegationEntity,
      items.map((i) => i.leadDelegationId),
    );
    return items;
  }

  @ResolveField(() => [MeetingParticipant], { description: 'Invited delegations with their answers' })
  async participants(m: Meeting, _args: NoArgs, ctx: GqlContext, info: GraphQLResolveInfo): Promise<MeetingParticipant[]> {
    const participants = (await participantsLoader(ctx.loaders).load(m.id)).map(MeetingParticipant.from);
    await ctx.loaders.prefetch(
      info,
      'delegation',
      DelegationEntity,
      participants.map((p) => p.delegationId),
    );
    return participants;
  }

  @ResolveField(() => Boolean, { description: 'Agenda circulated (or still not) later than 14 days ahead, 21 for JHA bodies' })
  async lateAgenda(m: Meeting, _args: NoArgs, ctx: GqlContext): Promise<boolean> {
    const body = (await ctx.loaders.byId(BodyEntity).load(m.bodyId))!;
    return agendaLateness(m, body.jha, new Date()).late;
  }

  @ResolveField(() => String, { nullable: true })
  async lateAgendaReason(m: Meeting, _args: NoArgs, ctx: GqlContext): Promise<string | null> {
    const body = (await ctx.loaders.byId(BodyEntity).load(m.bodyId))!;
    return agendaLateness(m, body.jha, new Date()).reason;
  }

  @ResolveField(() => [MeetingConflict], {
    description: `Overlapping meetings with the same accredited people: the first ${ListMax.CONFLICTS_PER_MEETING} by start`,
  })
  async conflicts(m: Meeting, _args: NoArgs, ctx: GqlContext): Promise<MeetingConflict[]> {
    // Derived, nothing to refuse: the list is cut at its declared maximum (list-caps.ts).
    return (await meetingConflictsLoader(ctx.loaders, ctx.user!).load(m.id)).slice(0, ListMax.CONFLICTS_PER_MEETING);
  }

  @ResolveField(() => MinutesRevision, { nullable: true, description: 'The latest outcome of proceedings' })
  async outcomeOfProceedings(m: Meeting, _args: NoArgs, ctx: GqlContext): Promise<MinutesRevision | null> {
    const latest = await latestMinutesLoader(ctx.loaders).load(m.id);
    return latest ? MinutesRevision.from(latest) : null;
  }

  @ResolveField(() => [MinutesRevision], {
    description: `The saved revisions, newest first: the latest ${ListMax.MINUTES_REVISIONS_SHOWN} (each has its revision number)`,
  })
  async outcomeOfProceedingsHistory(m: Meeting, _args: NoArgs, ctx: GqlContext): Promise<MinutesRevision[]> {
    // Append-only: saving is never refused, the history shows its declared maximum (list-caps.ts).
    const revisions = await ctx.loaders.manyBy(MinutesRevisionEntity, 'meetingId', { revision: 'DESC' }).load(m.id);
    return revisions.slice(0, ListMax.MINUTES_REVISIONS_SHOWN).map(MinutesRevision.from);
  }

  @ResolveField(() => LocalTimes, { description: 'Start and end in a time zone: yours unless you name one' })
  local(@Parent() m: Meeting, @Context() ctx: GqlContext, @Args('timezone', { type: () => String, nullable: true }) timezone?: string): LocalTimes {
    const zone = timezone ?? ctx.user?.timezone ?? m.timezone;
    if (!isTimeZone(zone)) throw AppError.badInput('timezone', 'timezone must be an IANA time zone');
    return { timezone: zone, startsAt: toZonedIso(m.startsAt, zone), endsAt: toZonedIso(m.endsAt, zone) };
  }

  @ResolveField(() => String, { description: 'iCalendar file of this meeting (send your bearer token)' })
  calendarUrl(m: Meeting): string {
    return `${this.config.publicUrl}/calendar/meetings/${m.id}.ics`;
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemFieldsResolver {
  @ResolveField(() => Delegation, { nullable: true })
  leadDelegation(item: AgendaItem, _args: NoArgs, ctx: GqlContext): Delegation | null | Promise<Delegation | null> {
    return item.leadDelegationId ? ctx.loaders.ref(DelegationEntity, item.leadDelegationId, Delegation.from) : null;
  }
}

@Resolver(() => MeetingParticipant)
export class MeetingParticipantFieldsResolver {
  @ResolveField(() => Delegation)
  delegation(p: MeetingParticipant, _args: NoArgs, ctx: GqlContext): Delegation | null | Promise<Delegation | null> {
    return ctx.loaders.ref(DelegationEntity, p.delegationId, Delegation.from);
  }

  @ResolveField(() => [Accreditation])
  async accredited(p: MeetingParticipant, _args: NoArgs, ctx: GqlContext): Promise<Accreditation[]> {
    return (await ctx.loaders.manyBy(MeetingAccreditationEntity, 'invitationId', { createdAt: 'ASC' }).load(p.id)).map(Accreditation.from);
  }
}

@Resolver(() => Accreditation)
export class AccreditationFieldsResolver {
  @ResolveField(() => User)
  async user(a: Accreditation, _args: NoArgs, ctx: GqlContext): Promise<User> {
    return User.from((await ctx.loaders.byId(UserEntity).load(a.userId))!);
  }
}

@Resolver(() => MeetingConflict)
export class MeetingConflictFieldsResolver {
  @ResolveField(() => User, { description: 'Who is accredited to both' })
  async user(c: MeetingConflict, _args: NoArgs, ctx: GqlContext): Promise<User> {
    return User.from((await ctx.loaders.byId(UserEntity).load(c.userId))!);
  }
}

@Resolver(() => MinutesRevision)
export class MinutesRevisionFieldsResolver {
  @ResolveField(() => User, { nullable: true })
  async author(r: MinutesRevision, _args: NoArgs, ctx: GqlContext): Promise<User | null> {
    const u = r.authorId ? await ctx.loaders.byId(UserEntity).load(r.authorId) : null;
    return u ? User.from(u) : null;
  }
}
