import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ActionItemAccess } from '../../../action-items/action-item-access.js';
import { ActionItem } from '../../../action-items/action-item.model.js';
import { type AuthUser } from '../../../auth/auth-user.js';
import { CurrentUser } from '../../../auth/current-user.decorator.js';
import { UuidPipe } from '../../../common/errors/uuid.pipe.js';
import { type GqlContext } from '../../../common/graphql/gql-context.js';
import { ListMax } from '../../../common/graphql/list-caps.js';
import { DelegationEntity } from '../../../delegations/delegation.entity.js';
import { Delegation } from '../../../delegations/delegation.model.js';
import { StatementAccess, statementAccessLoader } from '../../core/statement-access.js';
import { StatementVersionEntity } from '../../core/statement-version.entity.js';
import { Statement, StatementVersion } from '../../core/statement.model.js';
import { StatementEntity } from '../../core/statement.entity.js';
import { CommitmentEntity } from './commitment.entity.js';
import { CommitToGoalInput } from './commitment.inputs.js';
import { commitmentItemsLoader, commitmentsLoader, type GoalRows, implementationLoader } from './commitment.loaders.js';
import { Commitment, DelegationImplementation, GoalImplementation, type ImplementationCounts, NO_ITEMS } from './commitment.model.js';
import { CommitmentsService, type ImplementationRow } from './commitments.service.js';

function counts(row: ImplementationRow | undefined): ImplementationCounts {
  if (!row) return NO_ITEMS();
  const { open, inProgress, blocked, done, cancelled, overdue, total, lastUpdateAt } = row;
  return { open, inProgress, blocked, done, cancelled, overdue, total, lastUpdateAt: lastUpdateAt ? new Date(lastUpdateAt) : null };
}

function goalImplementation(commitment: Commitment, rows: GoalRows | undefined): GoalImplementation {
  return Object.assign(new GoalImplementation(), counts(rows?.total), {
    commitment,
    delegations: (rows?.delegations ?? [])
      .slice(0, ListMax.DELEGATIONS_PER_COMMITMENT)
      .map((r) => Object.assign(new DelegationImplementation(), counts(r), { delegationId: r.delegationId! })),
  });
}

@Resolver(() => Commitment)
export class CommitmentsResolver {
  constructor(
    private readonly service: CommitmentsService,
    private readonly itemAccess: ActionItemAccess,
  ) {}

  @Mutation(() => Commitment, {
    description:
      'A signatory delegation turns a goal of an adopted statement into its action items, all or none (its head or clerk, or the secretariat). The items are linked to the goal only (no meeting or agenda item, so no meeting list cap applies); members of the signatory delegations read them',
  })
  async commitToGoal(@CurrentUser() user: AuthUser, @Args('input') input: CommitToGoalInput): Promise<Commitment> {
    return Commitment.from(await this.service.commitToGoal(user, input));
  }

  @ResolveField(() => String, { description: 'The goal’s text in the adopted version' })
  async text(@Parent() c: Commitment, @Context() ctx: GqlContext): Promise<string> {
    const version = await ctx.loaders.byId(StatementVersionEntity).load(c.versionId);
    return version?.paragraphs.find((p) => p.key === c.paragraphKey)?.text ?? '';
  }

  @ResolveField(() => Statement)
  async statement(@Parent() c: Commitment, @Context() ctx: GqlContext): Promise<Statement> {
    return Statement.from((await ctx.loaders.byId(StatementEntity).load(c.statementId))!);
  }

  @ResolveField(() => StatementVersion, { description: 'The adopted version the goal comes from' })
  async version(@Parent() c: Commitment, @Context() ctx: GqlContext): Promise<StatementVersion> {
    const [version, statement] = await Promise.all([
      ctx.loaders.byId(StatementVersionEntity).load(c.versionId),
      ctx.loaders.byId(StatementEntity).load(c.statementId),
    ]);
    return StatementVersion.from(version!, statement!.reference);
  }

  @ResolveField(() => [ActionItem], {
    description: `Action items following up this goal that you may see (of one delegation if given), soonest due first: the first ${ListMax.ACTION_ITEMS_SHOWN_PER_COMMITMENT}; all of them page by page with actionItems(filter: { commitmentId })`,
  })
  async actionItems(
    @Parent() c: Commitment,
    @Context() ctx: GqlContext,
    @Args('delegationId', { type: () => ID, nullable: true }, new UuidPipe('delegationId')) delegationId?: string,
  ): Promise<ActionItem[]> {
    const loader = commitmentItemsLoader(ctx.loaders, this.itemAccess, ctx.user!, delegationId ?? null, ListMax.ACTION_ITEMS_SHOWN_PER_COMMITMENT);
    return (await loader.load(c.id)).map((e) => ActionItem.from(e));
  }

  @ResolveField(() => [Delegation], {
    description: `Delegations with action items on this goal that you may see, by code (the first ${ListMax.DELEGATIONS_PER_COMMITMENT})`,
  })
  async delegations(@Parent() c: Commitment, @Context() ctx: GqlContext): Promise<Delegation[]> {
    const goal = (await implementationLoader(ctx.loaders, this.service, ctx.user!).load(c.statementId)).get(c.id);
    const ids = (goal?.delegations ?? []).slice(0, ListMax.DELEGATIONS_PER_COMMITMENT).map((r) => r.delegationId!);
    const rows = await ctx.loaders.byId(DelegationEntity).loadMany(ids);
    return rows.filter((d): d is DelegationEntity => !!d && !(d instanceof Error)).map(Delegation.from);
  }

  @ResolveField(() => GoalImplementation, { description: 'Follow-up of this goal, in total and per delegation' })
  async implementation(@Parent() c: Commitment, @Context() ctx: GqlContext): Promise<GoalImplementation> {
    return goalImplementation(c, (await implementationLoader(ctx.loaders, this.service, ctx.user!).load(c.statementId)).get(c.id));
  }
}

@Resolver(() => Statement)
export class StatementCommitmentsResolver {
  constructor(private readonly service: CommitmentsService) {}

  @ResolveField(() => [Commitment], {
    description: `One per GOAL paragraph of the adopted version, in order (empty before adoption; the first ${ListMax.COMMITMENTS_SHOWN})`,
  })
  async commitments(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<Commitment[]> {
    return (await commitmentsLoader(ctx.loaders).load(s.id)).slice(0, ListMax.COMMITMENTS_SHOWN).map(Commitment.from);
  }

  @ResolveField(() => [GoalImplementation], {
    description:
      'The implementation report: per goal, and per delegation within it, action items open (OPEN, IN_PROGRESS, BLOCKED), done, cancelled and overdue (open and past due), and the last update — of the items you may see',
  })
  async implementation(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<GoalImplementation[]> {
    const [commitments, goals] = await Promise.all([
      commitmentsLoader(ctx.loaders).load(s.id),
      implementationLoader(ctx.loaders, this.service, ctx.user!).load(s.id),
    ]);
    return commitments.slice(0, ListMax.COMMITMENTS_SHOWN).map((c) => goalImplementation(Commitment.from(c), goals.get(c.id)));
  }
}

@Resolver(() => DelegationImplementation)
export class DelegationImplementationFieldsResolver {
  @ResolveField(() => Delegation)
  async delegation(@Parent() d: DelegationImplementation, @Context() ctx: GqlContext): Promise<Delegation> {
    return Delegation.from((await ctx.loaders.byId(DelegationEntity).load(d.delegationId))!);
  }
}

@Resolver(() => ActionItem)
export class ActionItemCommitmentResolver {
  constructor(private readonly statements: StatementAccess) {}

  @ResolveField(() => Commitment, {
    nullable: true,
    description: 'The statement goal this item follows up (null if none, or if you may not read the statement)',
  })
  async commitment(@Parent() a: ActionItem, @Context() ctx: GqlContext): Promise<Commitment | null> {
    if (!a.commitmentId) return null;
    const commitment = await ctx.loaders.byId(CommitmentEntity).load(a.commitmentId);
    if (!commitment) return null;
    // A goal is part of the adopted text: whoever may read that (a published statement: everyone) sees it.
    const readable = await statementAccessLoader(ctx.loaders, this.statements, ctx.user!, 'readable').load(commitment.statementId);
    return readable ? Commitment.from(commitment) : null;
  }
}
