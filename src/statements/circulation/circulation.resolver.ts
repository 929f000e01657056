import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { User } from '../../auth/user.model.js';
import { UserEntity } from '../../auth/user.entity.js';
import { AppError } from '../../common/errors/app-error.js';
import { UuidPipe } from '../../common/errors/uuid.pipe.js';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { ConnectionArgs, mapConnection } from '../../common/pagination/connection.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { Delegation } from '../../delegations/delegation.model.js';
import { AmendmentEntity } from '../core/amendment.entity.js';
import { AnswersService } from './answers.service.js';
import { CirculationEntity, CirculationRecipientEntity } from '../core/circulation.entity.js';
import { CirculationService } from './circulation.service.js';
import { MyCirculationsService } from './my-circulations.service.js';
import { answerFilter, fullyReadable, seesAllAnswers, StatementAccess } from '../core/statement-access.js';
import { diffParagraphs } from '../core/statement-diff.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { StatementEntity } from '../core/statement.entity.js';
import {
  AcknowledgeCirculationInput,
  CirculateStatementInput,
  DecideAmendmentInput,
  ProposeAmendmentInput,
  RecordPositionInput,
  WithdrawAmendmentInput,
} from './circulation.inputs.js';
import { Amendment, Circulation, CirculationRecipient, CirculationRecipientConnection, ConsensusEntry, Position } from './circulation.model.js';
import { ParagraphChange, Statement, StatementVersion } from '../core/statement.model.js';

async function statementOf(ctx: GqlContext, statementId: string): Promise<StatementEntity> {
  return (await ctx.loaders.byId(StatementEntity).load(statementId))!;
}

async function versionModel(ctx: GqlContext, versionId: string): Promise<StatementVersion> {
  const v = (await ctx.loaders.byId(StatementVersionEntity).load(versionId))!;
  return StatementVersion.from(v, (await statementOf(ctx, v.statementId)).reference);
}

async function delegationModel(ctx: GqlContext, id: string): Promise<Delegation> {
  return Delegation.from((await ctx.loaders.byId(DelegationEntity).load(id))!);
}

@Resolver(() => Circulation)
export class CirculationResolver {
  constructor(
    private readonly circulations: CirculationService,
    private readonly answers: AnswersService,
    private readonly mine: MyCirculationsService,
  ) {}

  @Mutation(() => Circulation, { description: 'Sends the current version to delegations (CLERK); default recipients: the body’s members' })
  async circulateStatement(@CurrentUser() user: AuthUser, @Args('input') input: CirculateStatementInput): Promise<Circulation> {
    return Circulation.from(await this.circulations.circulate(user, input));
  }

  @Mutation(() => CirculationRecipient, { description: 'Acknowledges receipt for your delegation; again changes nothing' })
  async acknowledgeCirculation(@CurrentUser() user: AuthUser, @Args('input') input: AcknowledgeCirculationInput): Promise<CirculationRecipient> {
    return CirculationRecipient.from(await this.circulations.acknowledge(user, input));
  }

  @Mutation(() => Amendment, { description: 'Proposes a change to one paragraph of a version circulated to your delegation' })
  async proposeAmendment(@CurrentUser() user: AuthUser, @Args('input') input: ProposeAmendmentInput): Promise<Amendment> {
    return Amendment.from(await this.answers.propose(user, input));
  }

  @Mutation(() => Amendment, { description: 'Accepts or rejects (with a reason) a proposed amendment (CLERK)' })
  async decideAmendment(@CurrentUser() user: AuthUser, @Args('input') input: DecideAmendmentInput): Promise<Amendment> {
    return Amendment.from(await this.answers.decide(user, input));
  }

  @Mutation(() => Amendment, { description: 'Withdraws your delegation’s proposed amendment' })
  async withdrawAmendment(@CurrentUser() user: AuthUser, @Args('input') input: WithdrawAmendmentInput): Promise<Amendment> {
    return Amendment.from(await this.answers.withdraw(user, input));
  }

  @Mutation(() => Position, { description: 'Records your delegation’s stance on a version circulated to it; the earlier one stays in the history' })
  async recordPosition(@CurrentUser() user: AuthUser, @Args('input') input: RecordPositionInput): Promise<Position> {
    return Position.from(await this.answers.recordPosition(user, input));
  }

  @Query(() => CirculationRecipientConnection, { description: 'Circulations to your delegations, soonest deadline first (no deadline last)' })
  async myCirculations(
    @CurrentUser() user: AuthUser,
    @Args() args: ConnectionArgs,
    @Args('pendingOnly', { type: () => Boolean, defaultValue: true, description: 'Only those still open and awaiting your delegation’s answer' })
    pendingOnly: boolean,
  ): Promise<CirculationRecipientConnection> {
    return mapConnection(await this.mine.list(user, pendingOnly, args), CirculationRecipient.from);
  }

  @ResolveField(() => Statement)
  async statement(@Parent() c: Circulation, @Context() ctx: GqlContext): Promise<Statement> {
    return Statement.from(await statementOf(ctx, c.statementId));
  }

  @ResolveField(() => StatementVersion)
  version(@Parent() c: Circulation, @Context() ctx: GqlContext): Promise<StatementVersion> {
    return versionModel(ctx, c.versionId);
  }

  @ResolveField(() => [CirculationRecipient], {
    description: 'Every recipient for the secretariat and, on LIMITE/RESTRICTED texts, for recipients; otherwise your own',
  })
  async recipients(@Parent() c: Circulation, @Context() ctx: GqlContext): Promise<CirculationRecipient[]> {
    const visible = answerFilter(ctx.user!, await seesAllAnswers(ctx, await statementOf(ctx, c.statementId)));
    const rows = await ctx.loaders.manyBy(CirculationRecipientEntity, 'circulationId', { id: 'ASC' }).load(c.id);
    return rows.filter(visible).map(CirculationRecipient.from);
  }
}

@Resolver(() => CirculationRecipient)
export class CirculationRecipientFieldsResolver {
  @ResolveField(() => Delegation)
  delegation(@Parent() r: CirculationRecipient, @Context() ctx: GqlContext): Promise<Delegation> {
    return delegationModel(ctx, r.delegationId);
  }

  @ResolveField(() => Circulation)
  async circulation(@Parent() r: CirculationRecipient, @Context() ctx: GqlContext): Promise<Circulation> {
    return Circulation.from((await ctx.loaders.byId(CirculationEntity).load(r.circulationId))!);
  }

  @ResolveField(() => User, { nullable: true })
  async acknowledgedBy(@Parent() r: CirculationRecipient, @Context() ctx: GqlContext): Promise<User | null> {
    const u = r.acknowledgedById ? await ctx.loaders.byId(UserEntity).load(r.acknowledgedById) : null;
    return u ? User.from(u) : null;
  }

  @ResolveField(() => Boolean, { description: 'Acknowledged after the deadline' })
  async late(@Parent() r: CirculationRecipient, @Context() ctx: GqlContext): Promise<boolean> {
    const c = (await ctx.loaders.byId(CirculationEntity).load(r.circulationId))!;
    return Boolean(r.acknowledgedAt && c.deadline && r.acknowledgedAt.getTime() > c.deadline.getTime());
  }
}

@Resolver(() => StatementVersion)
export class StatementVersionFieldsResolver {
  constructor(private readonly access: StatementAccess) {}

  @ResolveField(() => User, { nullable: true })
  async author(@Parent() v: StatementVersion, @Context() ctx: GqlContext): Promise<User | null> {
    const u = v.authorId ? await ctx.loaders.byId(UserEntity).load(v.authorId) : null;
    return u ? User.from(u) : null;
  }

  @ResolveField(() => [ParagraphChange], {
    description:
      'What changed from the version `against` (e.g. the previous one) to this one. Word-level detail is bounded per paragraph and per diff (see `ParagraphChange.coarse`), and each diff costs 2,000 in the query cost limit.',
  })
  async diff(
    @Parent() v: StatementVersion,
    @Context() ctx: GqlContext,
    @Args('against', { type: () => ID }, new UuidPipe('against')) against: string,
  ): Promise<ParagraphChange[]> {
    const other = await ctx.loaders.byId(StatementVersionEntity).load(against);
    // A reader of a published statement only (not of its drafting record) sees no other version to compare with.
    const readable = other && other.statementId === v.statementId && (other.id === v.id || (await fullyReadable(ctx, this.access, v.statementId)));
    if (!readable) throw AppError.badInput('against', 'against must be a version of the same statement');
    // Word-level detail is shown up to its declared maximum; oldText and newText are always whole.
    return (await diffParagraphs(other.paragraphs, v.paragraphs)).map((c) => ({ ...c, words: c.words.slice(0, ListMax.WORD_CHANGES_SHOWN) }));
  }

  @ResolveField(() => [Amendment], { description: 'The amendments this version took in' })
  async appliedAmendments(@Parent() v: StatementVersion, @Context() ctx: GqlContext): Promise<Amendment[]> {
    if (!(await fullyReadable(ctx, this.access, v.statementId))) return [];
    const visible = answerFilter(ctx.user!, await seesAllAnswers(ctx, await statementOf(ctx, v.statementId)));
    return (await ctx.loaders.manyBy(AmendmentEntity, 'appliedInVersionId', { createdAt: 'ASC' }).load(v.id)).filter(visible).map(Amendment.from);
  }
}

@Resolver(() => Amendment)
export class AmendmentFieldsResolver {
  @ResolveField(() => Delegation)
  delegation(@Parent() a: Amendment, @Context() ctx: GqlContext): Promise<Delegation> {
    return delegationModel(ctx, a.delegationId);
  }

  @ResolveField(() => StatementVersion, { description: 'The version it was proposed on' })
  version(@Parent() a: Amendment, @Context() ctx: GqlContext): Promise<StatementVersion> {
    return versionModel(ctx, a.versionId);
  }

  @ResolveField(() => StatementVersion, { nullable: true, description: 'The version that took it in' })
  async appliedInVersion(@Parent() a: Amendment, @Context() ctx: GqlContext): Promise<StatementVersion | null> {
    return a.appliedInVersionId ? versionModel(ctx, a.appliedInVersionId) : null;
  }
}

@Resolver(() => Position)
export class PositionFieldsResolver {
  @ResolveField(() => Delegation)
  delegation(@Parent() p: Position, @Context() ctx: GqlContext): Promise<Delegation> {
    return delegationModel(ctx, p.delegationId);
  }

  @ResolveField(() => User, { nullable: true })
  async recordedBy(@Parent() p: Position, @Context() ctx: GqlContext): Promise<User | null> {
    const u = p.recordedById ? await ctx.loaders.byId(UserEntity).load(p.recordedById) : null;
    return u ? User.from(u) : null;
  }
}

@Resolver(() => ConsensusEntry)
export class ConsensusEntryFieldsResolver {
  @ResolveField(() => Delegation)
  delegation(@Parent() e: ConsensusEntry, @Context() ctx: GqlContext): Promise<Delegation> {
    return delegationModel(ctx, e.delegationId);
  }
}
