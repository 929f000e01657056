import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { User } from '../../auth/user.model.js';
import { UserEntity } from '../../auth/user.entity.js';
import { UuidPipe } from '../../common/errors/uuid.pipe.js';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { ConnectionArgs, mapConnection } from '../../common/pagination/connection.js';
import { BodyEntity } from '../../delegations/body.entity.js';
import { Body } from '../../delegations/delegation.model.js';
import { AgendaItem } from '../../meetings/meeting.model.js';
import { PubSub } from '../../redis/pubsub.js';
import { fullyReadable, StatementAccess } from '../core/statement-access.js';
import { statementChangedChannel, type StatementChangedPayload } from '../core/statement-events.js';
import { agendaItemStatementsLoader } from '../core/statement.loaders.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { DraftStatementInput, ReviseStatementInput, StatementFilter } from './drafting.inputs.js';
import { Statement, StatementConnection, StatementVersion } from '../core/statement.model.js';
import { StatementsService } from './statements.service.js';

@Resolver(() => Statement)
export class StatementsResolver {
  constructor(
    private readonly service: StatementsService,
    private readonly access: StatementAccess,
    private readonly pubsub: PubSub,
  ) {}

  @Query(() => Statement, {
    description: 'A statement you may read (NOT_FOUND otherwise); of a published statement you may not otherwise read, its adopted text only',
  })
  async statement(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }, new UuidPipe('id')) id: string): Promise<Statement> {
    return Statement.from(await this.service.findReadable(user, id));
  }

  @Query(() => StatementConnection, { description: 'Statements you may read, newest first' })
  async statements(
    @CurrentUser() user: AuthUser,
    @Args() args: ConnectionArgs,
    @Args('filter', { type: () => StatementFilter, nullable: true }) filter?: StatementFilter,
  ): Promise<StatementConnection> {
    return mapConnection(await this.service.list(user, filter, args), Statement.from);
  }

  @Mutation(() => Statement, { description: 'Drafts a statement with its version 1 and its reference (CLERK)' })
  async draftStatement(@CurrentUser() user: AuthUser, @Args('input') input: DraftStatementInput): Promise<Statement> {
    return Statement.from(await this.service.draft(user, input));
  }

  @Mutation(() => Statement, { description: 'Adds a new version; name the version you revised (CLERK)' })
  async reviseStatement(@CurrentUser() user: AuthUser, @Args('input') input: ReviseStatementInput): Promise<Statement> {
    return Statement.from(await this.service.revise(user, input));
  }

  @Subscription(() => Statement, {
    description: 'A statement you may read, whenever it gets a version, a circulation progresses, or answers arrive',
    resolve(this: StatementsResolver, payload: StatementChangedPayload, _args: unknown, ctx: GqlContext) {
      return this.service.findReadable(ctx.user!, payload.statementId).then(Statement.from);
    },
  })
  async statementChanged(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }, new UuidPipe('id')) id: string,
  ): Promise<AsyncIterableIterator<unknown>> {
    await this.service.findReadable(user, id); // NOT_FOUND for those who may not read it
    return this.pubsub.asyncIterator(statementChangedChannel(id));
  }

  @ResolveField(() => Body)
  async body(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<Body> {
    return Body.from((await ctx.loaders.byId(BodyEntity).load(s.bodyId))!);
  }

  @ResolveField(() => [StatementVersion], {
    description: 'Every version, oldest first (a reader of a published statement it was not circulated to: the adopted version only)',
  })
  async versions(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<StatementVersion[]> {
    const full = await fullyReadable(ctx, this.access, s.id);
    const rows = await ctx.loaders.manyBy(StatementVersionEntity, 'statementId', { number: 'ASC' }).load(s.id);
    return rows.filter((v) => full || v.id === s.adoptedVersionId).map((v) => StatementVersion.from(v, s.reference));
  }

  @ResolveField(() => StatementVersion, {
    nullable: true,
    description:
      'One version of this statement by id, to compare any two (`version(id:) { diff(against:) }`); null when it is not one of the versions you may read here',
  })
  async version(
    @Parent() s: Statement,
    @Context() ctx: GqlContext,
    @Args('id', { type: () => ID }, new UuidPipe('id')) id: string,
  ): Promise<StatementVersion | null> {
    const v = await ctx.loaders.byId(StatementVersionEntity).load(id);
    // The same rule as `versions`: another statement's version, or one a reader of the published text may not see, is not there.
    if (!v || v.statementId !== s.id) return null;
    if (v.id !== s.adoptedVersionId && !(await fullyReadable(ctx, this.access, s.id))) return null;
    return StatementVersion.from(v, s.reference);
  }

  @ResolveField(() => StatementVersion, {
    nullable: true,
    description: 'The latest version (a reader of a published statement it was not circulated to: the adopted one)',
  })
  async currentVersion(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<StatementVersion | null> {
    const id = (await fullyReadable(ctx, this.access, s.id)) ? s.currentVersionId : s.adoptedVersionId;
    const v = id ? await ctx.loaders.byId(StatementVersionEntity).load(id) : null;
    return v ? StatementVersion.from(v, s.reference) : null;
  }

  @ResolveField(() => User, { nullable: true })
  async createdBy(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<User | null> {
    const u = s.createdById ? await ctx.loaders.byId(UserEntity).load(s.createdById) : null;
    return u ? User.from(u) : null;
  }
}

@Resolver(() => AgendaItem)
export class AgendaItemStatementsResolver {
  constructor(private readonly access: StatementAccess) {}

  @ResolveField(() => [Statement], { description: 'Statements of this item that you may read' })
  async statements(@Parent() item: AgendaItem, @Context() ctx: GqlContext): Promise<Statement[]> {
    return (await agendaItemStatementsLoader(ctx.loaders, this.access, ctx.user!).load(item.id)).map(Statement.from);
  }
}
