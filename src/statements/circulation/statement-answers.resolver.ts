import { Args, Context, ID, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../../common/errors/uuid.pipe.js';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { AmendmentEntity } from '../core/amendment.entity.js';
import { CirculationEntity } from '../core/circulation.entity.js';
import { consensusOf } from '../core/consensus.js';
import { PositionEntity } from '../core/position.entity.js';
import { answerFilter, fullyReadable, seesAllAnswers, StatementAccess } from '../core/statement-access.js';
import { AmendmentStatus } from '../core/statement.enums.js';
import { bodyMembersLoader, currentPositionsLoader } from '../core/statement.loaders.js';
import { Statement } from '../core/statement.model.js';
import { Amendment, Circulation, Consensus, Position } from './circulation.model.js';

/** A statement's circulations and the answers to them (amendments, positions, consensus). */
@Resolver(() => Statement)
export class StatementAnswersFieldsResolver {
  constructor(private readonly access: StatementAccess) {}

  @ResolveField(() => [Circulation], { description: 'Oldest first (none for a reader of a published statement it was not circulated to)' })
  async circulations(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<Circulation[]> {
    if (!(await fullyReadable(ctx, this.access, s.id))) return [];
    return (await ctx.loaders.manyBy(CirculationEntity, 'statementId', { createdAt: 'ASC' }).load(s.id)).map(Circulation.from);
  }

  @ResolveField(() => [Amendment], {
    description: 'All delegations’ amendments for the secretariat and, on LIMITE/RESTRICTED texts, for recipients; otherwise your own',
  })
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

  @ResolveField(() => [Position], {
    description: `Current positions on a version (the current version by default); with history, every stance recorded, oldest first (the newest ${ListMax.POSITIONS_SHOWN})`,
  })
  async positions(
    @Parent() s: Statement,
    @Context() ctx: GqlContext,
    @Args('versionId', { type: () => ID, nullable: true }, new UuidPipe('versionId')) versionId?: string,
    @Args('history', { type: () => Boolean, defaultValue: false }) history?: boolean,
  ): Promise<Position[]> {
    if (!(await fullyReadable(ctx, this.access, s.id))) return [];
    const visible = answerFilter(ctx.user!, await seesAllAnswers(ctx, s));
    const wanted = versionId ?? s.currentVersionId;
    if (!wanted) return [];
    // The whole history only when asked for: a version's current stances are one row per delegation.
    const rows = history
      ? await ctx.loaders.manyBy(PositionEntity, 'versionId', { recordedAt: 'ASC' }).load(wanted)
      : await currentPositionsLoader(ctx.loaders).load(wanted);
    // A version of another statement (a versionId argument) has no answers here.
    return rows
      .filter((p) => p.statementId === s.id && (history || p.current) && visible(p))
      .slice(-ListMax.POSITIONS_SHOWN)
      .map(Position.from);
  }

  @ResolveField(() => Consensus, {
    nullable: true,
    description: 'Per member delegation its stance or no answer; null for readers who do not see every delegation’s answers',
  })
  async consensus(
    @Parent() s: Statement,
    @Context() ctx: GqlContext,
    @Args('versionId', { type: () => ID, nullable: true }, new UuidPipe('versionId')) versionId?: string,
  ): Promise<Consensus | null> {
    if (!(await fullyReadable(ctx, this.access, s.id)) || !(await seesAllAnswers(ctx, s))) return null;
    const wanted = versionId ?? s.currentVersionId!;
    const [members, positions] = await Promise.all([
      bodyMembersLoader(ctx.loaders).load(s.bodyId),
      wanted ? currentPositionsLoader(ctx.loaders).load(wanted) : [],
    ]);
    const current = new Map(positions.filter((p) => p.statementId === s.id).map((p) => [p.delegationId, p.stance]));
    const summary = consensusOf(members, current);
    return { versionId: wanted, holds: summary.holds, entries: summary.entries.map((e) => ({ ...e, answered: e.stance !== null })) };
  }
}
