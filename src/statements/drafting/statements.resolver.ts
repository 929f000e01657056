import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { User } from '../../auth/user.model.js';
import { UserEntity } from '../../auth/user.entity.js';
import { UuidPipe } from '../../common/errors/uuid.pipe.js';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { ConnectionArgs, mapConnection } from '../../common/pagination/connection.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { BodyEntity } from '../../delegations/body.entity.js';
import { Body } from '../../delegations/delegation.model.js';
import { AgendaItem } from '../../meetings/meeting.model.js';
import { PubSub } from '../../redis/pubsub.js';
import { AmendmentEntity } from '../core/amendment.entity.js';
import { CirculationEntity } from '../core/circulation.entity.js';
import { consensusOf } from '../core/consensus.js';
import { PositionEntity } from '../core/position.entity.js';
import { answerFilter, fullyReadable, seesAllAnswers, StatementAccess } from '../core/statement-access.js';
import { statementChangedChannel, type StatementChangedPayload } from '../core/statement-events.js';
import { agendaItemStatementsLoader, bodyMembersLoader } from '../core/statement.loaders.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { AmendmentStatus } from '../core/statement.enums.js';
import { DraftStatementInput, ReviseStatementInput, StatementFilter } from './drafting.inputs.js';
import { Amendment, Circulation, Consensus, Position, Statement, StatementConnection, StatementVersion } from '../core/statement.model.js';
import { StatementsService } from './statements.service.js';

@Resolver(() => Statement)
export class StatementsResolver {
  constructor(
    private readonly service: StatementsService,
    private readonly access: StatementAccess,
    private readonly pubsub: PubSub,
  ) {}

  @Query(() => Statement, { description: 'A statement you may read (NOT_FOUND otherwise); of a published statement you may not otherwise read, its adopted text only' })
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
  async statementChanged(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }, new UuidPipe('id')) id: string): Promise<AsyncIterableIterator<unknown>> {
    await this.service.findReadable(user, id); // NOT_FOUND for those who may not read it
    return this.pubsub.asyncIterator(statementChangedChannel(id));
  }

  @ResolveField(() => Body)
  async body(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<Body> {
    return Body.from((await ctx.loaders.byId(BodyEntity).load(s.bodyId))!);
  }

  @ResolveField(() => [StatementVersion], { description: 'Every version, oldest first (a reader of a published statement it was not circulated to: the adopted version only)' })
  async versions(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<StatementVersion[]> {
    const full = await fullyReadable(ctx, this.access, s.id);
    const rows = await ctx.loaders.manyBy(StatementVersionEntity, 'statementId', { number: 'ASC' }).load(s.id);
    return rows.filter((v) => full || v.id === s.adoptedVersionId).map((v) => StatementVersion.from(v, s.reference));
  }

  @ResolveField(() => StatementVersion, { nullable: true, description: 'The latest version (a reader of a published statement it was not circulated to: the adopted one)' })
  async currentVersion(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<StatementVersion | null> {
    const id = (await fullyReadable(ctx, this.access, s.id)) ? s.currentVersionId : s.adoptedVersionId;
    const v = id ? await ctx.loaders.byId(StatementVersionEntity).load(id) : null;
    return v ? StatementVersion.from(v, s.reference) : null;
  }

  @ResolveField(() => [Circulation], { description: 'Oldest first (none for a reader of a published statement it was not circulated to)' })
  async circulations(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<Circulation[]> {
    if (!(await fullyReadable(ctx, this.access, s.id))) return [];
    return (await ctx.loaders.manyBy(CirculationEntity, 'statementId', { createdAt: 'ASC' }).load(s.id)).map(Circulation.from);
  }

  @ResolveField(() => [Amendment], { description: 'All delegations’ amendments for the secretariat and, on LIMITE/RESTRICTED texts, for recipients; otherwise your own' })
  async amendments(
    @Parent() s: Statement,
    @Context() ctx: GqlContext,
    @Args('status', { type: () => AmendmentStatus, nullable: true }) status?: AmendmentStatus,
  ): Promise<Amendment[]> {
    if (!(await fullyReadable(ctx, this.access, s.id))) return [];
    const visible = answerFilter(ctx.user!, await seesAllAnswers(ctx, s));
    const rows = await ctx.loaders.manyBy(AmendmentEntity, 'statementId', { createdAt: 'ASC' }).load(s.id);
    return rows.filter((a) => visible(a) && (!status || a.status === status)).map(Amendment.from);
  }

  @ResolveField(() => [Position], { description: `Current positions on a version (the current version by default); with history, every stance recorded, oldest first (the newest ${ListMax.POSITIONS_SHOWN})` })
  async positions(
    @Parent() s: Statement,
    @Context() ctx: GqlContext,
    @Args('versionId', { type: () => ID, nullable: true }, new UuidPipe('versionId')) versionId?: string,
    @Args('history', { type: () => Boolean, defaultValue: false }) history?: boolean,
  ): Promise<Position[]> {
    if (!(await fullyReadable(ctx, this.access, s.id))) return [];
    const visible = answerFilter(ctx.user!, await seesAllAnswers(ctx, s));
    const wanted = versionId ?? s.currentVersionId;
    const rows = await ctx.loaders.manyBy(PositionEntity, 'statementId', { recordedAt: 'ASC' }).load(s.id);
    return rows
      .filter((p) => p.versionId === wanted && (history || p.current) && visible(p))
      .slice(-ListMax.POSITIONS_SHOWN)
      .map(Position.from);
  }

  @ResolveField(() => Consensus, { nullable: true, description: 'Per member delegation its stance or no answer; null for readers who do not see every delegation’s answers' })
  async consensus(
    @Parent() s: Statement,
    @Context() ctx: GqlContext,
    @Args('versionId', { type: () => ID, nullable: true }, new UuidPipe('versionId')) versionId?: string,
  ): Promise<Consensus | null> {
    if (!(await fullyReadable(ctx, this.access, s.id)) || !(await seesAllAnswers(ctx, s))) return null;
    const wanted = versionId ?? s.currentVersionId!;
    const [members, positions] = await Promise.all([
      bodyMembersLoader(ctx.loaders).load(s.bodyId),
      ctx.loaders.manyBy(PositionEntity, 'statementId', { recordedAt: 'ASC' }).load(s.id),
    ]);
    const current = new Map(positions.filter((p) => p.versionId === wanted && p.current).map((p) => [p.delegationId, p.stance]));
    const summary = consensusOf(members, current);
    return { versionId: wanted, holds: summary.holds, entries: summary.entries.map((e) => ({ ...e, answered: e.stance !== null })) };
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
