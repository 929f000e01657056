import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { User } from '../auth/user.model.js';
import { UserEntity } from '../auth/user.entity.js';
import { UuidPipe } from '../common/errors/uuid.pipe.js';
import { type GqlContext, type NoArgs } from '../common/graphql/gql-context.js';
import { ConnectionArgs, mapConnection } from '../common/pagination/connection.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { Delegation } from '../delegations/delegation.model.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { MeetingAccess } from '../meetings/meeting-access.js';
import { AgendaItem, Meeting } from '../meetings/meeting.model.js';
import { visibleMeetingLoader } from './action-item.loaders.js';
import { ActionItemOrder } from './action-item.enums.js';
import {
  ActionItemFilter,
  AddActionItemUpdateInput,
  CreateActionItemInput,
  CreateActionItemsInput,
  SetActionItemStatusInput,
  UpdateActionItemInput,
} from './action-item.inputs.js';
import { ActionItem, ActionItemConnection, ActionItemSummary, ActionItemUpdate } from './action-item.model.js';
import { ActionItemUpdateEntity } from './action-item-update.entity.js';
import { ActionItemEntity } from './action-item.entity.js';
import { ActionItemsService } from './action-items.service.js';
import { ListMax } from '../common/graphql/list-caps.js';

const toModel = (e: ActionItemEntity) => ActionItem.from(e);

@Resolver(() => ActionItem)
export class ActionItemsResolver {
  constructor(
    private readonly service: ActionItemsService,
    private readonly meetings: MeetingAccess,
  ) {}

  @Query(() => ActionItem)
  async actionItem(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }, new UuidPipe('id')) id: string): Promise<ActionItem> {
    return ActionItem.from(await this.service.findVisible(user, id));
  }

  @Query(() => ActionItemConnection, { description: 'Action items you may see; soonest due first unless ordered otherwise (by relevance when searching)' })
  async actionItems(
    @CurrentUser() user: AuthUser,
    @Args() args: ConnectionArgs,
    @Args('filter', { type: () => ActionItemFilter, nullable: true }) filter?: ActionItemFilter,
    @Args('orderBy', { type: () => ActionItemOrder, nullable: true }) orderBy?: ActionItemOrder,
  ): Promise<ActionItemConnection> {
    return mapConnection(await this.service.list(user, filter, orderBy ?? undefined, args), toModel);
  }

  @Query(() => ActionItemConnection, { description: 'Assigned to you or owned by your delegations, not DONE or CANCELLED, soonest due first' })
  async myActionItems(@CurrentUser() user: AuthUser, @Args() args: ConnectionArgs): Promise<ActionItemConnection> {
    return mapConnection(await this.service.mine(user, args), toModel);
  }

  @Query(() => [ActionItemSummary], { description: 'Per owner delegation, of the items you may see: the follow-up dashboard' })
  async actionItemSummary(
    @CurrentUser() user: AuthUser,
    @Args('filter', { type: () => ActionItemFilter, nullable: true }) filter?: ActionItemFilter,
  ): Promise<ActionItemSummary[]> {
    return (await this.service.summary(user, filter)).map(ActionItemSummary.from);
  }

  @Mutation(() => ActionItem, { description: 'ADMIN, ORGANIZER, CLERK, or the head or clerk of the owner delegation' })
  async createActionItem(@CurrentUser() user: AuthUser, @Args('input') input: CreateActionItemInput): Promise<ActionItem> {
    return ActionItem.from(await this.service.create(user, input));
  }

  @Mutation(() => [ActionItem], { description: 'Creates all or none; an error names the item (items.3.assigneeId)' })
  async createActionItems(@CurrentUser() user: AuthUser, @Args('input') input: CreateActionItemsInput): Promise<ActionItem[]> {
    return (await this.service.createMany(user, input.items)).map(toModel);
  }

  @Mutation(() => ActionItem, { description: 'Send the version you saw; a stale one is a CONFLICT carrying the current version' })
  async updateActionItem(@CurrentUser() user: AuthUser, @Args('input') input: UpdateActionItemInput): Promise<ActionItem> {
    return ActionItem.from(await this.service.update(user, input));
  }

  @Mutation(() => ActionItem, { description: 'OPEN → IN_PROGRESS → DONE; BLOCKED and CANCELLED need a note' })
  async setActionItemStatus(@CurrentUser() user: AuthUser, @Args('input') input: SetActionItemStatusInput): Promise<ActionItem> {
    return ActionItem.from(await this.service.setStatus(user, input));
  }

  @Mutation(() => ActionItem, { description: 'Adds a progress note to the history' })
  async addActionItemUpdate(@CurrentUser() user: AuthUser, @Args('input') input: AddActionItemUpdateInput): Promise<ActionItem> {
    return ActionItem.from(await this.service.addUpdate(user, input));
  }

  @ResolveField(() => Delegation)
  async ownerDelegation(a: ActionItem, _args: NoArgs, ctx: GqlContext): Promise<Delegation> {
    return Delegation.from((await ctx.loaders.byId(DelegationEntity).load(a.ownerDelegationId))!);
  }

  @ResolveField(() => User, { nullable: true })
  async assignee(a: ActionItem, _args: NoArgs, ctx: GqlContext): Promise<User | null> {
    const u = a.assigneeId ? await ctx.loaders.byId(UserEntity).load(a.assigneeId) : null;
    return u ? User.from(u) : null;
  }

  @ResolveField(() => User, { nullable: true })
  async createdBy(a: ActionItem, _args: NoArgs, ctx: GqlContext): Promise<User | null> {
    const u = a.createdById ? await ctx.loaders.byId(UserEntity).load(a.createdById) : null;
    return u ? User.from(u) : null;
  }

  @ResolveField(() => Meeting, { nullable: true, description: 'The origin meeting, when you may read it' })
  async meeting(a: ActionItem, _args: NoArgs, ctx: GqlContext): Promise<Meeting | null> {
    const m = a.meetingId ? await visibleMeetingLoader(ctx.loaders, ctx.user!, this.meetings).load(a.meetingId) : null;
    return m ? Meeting.from(m) : null;
  }

  @ResolveField(() => AgendaItem, { nullable: true, description: 'The origin agenda item, when you may read its meeting' })
  async agendaItem(a: ActionItem, _args: NoArgs, ctx: GqlContext): Promise<AgendaItem | null> {
    if (!a.agendaItemId || !a.meetingId) return null;
    const [item, meeting] = await Promise.all([
      ctx.loaders.byId(AgendaItemEntity).load(a.agendaItemId),
      visibleMeetingLoader(ctx.loaders, ctx.user!, this.meetings).load(a.meetingId),
    ]);
    return item && meeting ? AgendaItem.from(item) : null;
  }

  @ResolveField(() => [ActionItemUpdate], { description: `Changes and notes, newest first: the latest ${ListMax.ACTION_ITEM_HISTORY_SHOWN}` })
  async history(a: ActionItem, _args: NoArgs, ctx: GqlContext): Promise<ActionItemUpdate[]> {
    // Append-only: updates are never refused, the history shows its declared maximum (list-caps.ts).
    const updates = await ctx.loaders.manyBy(ActionItemUpdateEntity, 'actionItemId', { seq: 'DESC' }).load(a.id);
    return updates.slice(0, ListMax.ACTION_ITEM_HISTORY_SHOWN).map(ActionItemUpdate.from);
  }
}

@Resolver(() => ActionItemUpdate)
export class ActionItemUpdateFieldsResolver {
  @ResolveField(() => User, { nullable: true })
  async author(u: ActionItemUpdate, _args: NoArgs, ctx: GqlContext): Promise<User | null> {
    const user = u.authorId ? await ctx.loaders.byId(UserEntity).load(u.authorId) : null;
    return user ? User.from(user) : null;
  }
}

@Resolver(() => ActionItemSummary)
export class ActionItemSummaryFieldsResolver {
  @ResolveField(() => Delegation)
  async delegation(s: ActionItemSummary, _args: NoArgs, ctx: GqlContext): Promise<Delegation> {
    return Delegation.from((await ctx.loaders.byId(DelegationEntity).load(s.delegationId))!);
  }
}

/** `Meeting.actionItems` and `AgendaItem.actionItems`: whoever reads the meeting sees its follow-up. */
@Resolver(() => Meeting)
export class MeetingActionItemsResolver {
  @ResolveField(() => [ActionItem], { description: 'Follow-up decided at this meeting, by reference' })
  async actionItems(m: Meeting, _args: NoArgs, ctx: GqlContext): Promise<ActionItem[]> {
    return (await ctx.loaders.manyBy(ActionItemEntity, 'meetingId', { reference: 'ASC' }).load(m.id)).map(toModel);
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemActionItemsResolver {
  @ResolveField(() => [ActionItem], { description: 'Follow-up of this agenda item, by reference' })
  async actionItems(a: AgendaItem, _args: NoArgs, ctx: GqlContext): Promise<ActionItem[]> {
    return (await ctx.loaders.manyBy(ActionItemEntity, 'agendaItemId', { reference: 'ASC' }).load(a.id)).map(toModel);
  }
}
