import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { type GqlContext, type NoArgs } from '../../common/graphql/gql-context.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { Delegation } from '../../delegations/delegation.model.js';
import { CirculationEntity } from '../core/circulation.entity.js';
import { PositionEntity } from '../core/position.entity.js';
import { adoptionReservations } from './adoption-reservations.js';
import { ExtendSilenceDeadlineInput, LaunchSilenceProcedureInput } from './silence.inputs.js';
import { SilenceObjection, SilenceProcedure } from './silence.model.js';
import { SilenceService } from './silence.service.js';
import { answerFilter, fullyReadable, seesAllAnswers, StatementAccess } from '../core/statement-access.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { CirculationPurpose } from '../core/statement.enums.js';
import { StatementEntity } from '../core/statement.entity.js';
import { Circulation, Position } from '../circulation/circulation.model.js';
import { Statement, StatementVersion } from '../core/statement.model.js';

@Resolver(() => Statement)
export class SilenceResolver {
  constructor(
    private readonly silence: SilenceService,
    private readonly access: StatementAccess,
  ) {}

  @Mutation(() => Statement, {
    description: 'Circulates the current version under SILENCE to every member delegation until the deadline (CLERK); adopted then unless a delegation objects',
  })
  async launchSilenceProcedure(@CurrentUser() user: AuthUser, @Args('input') input: LaunchSilenceProcedureInput): Promise<Statement> {
    return Statement.from(await this.silence.launch(user, input));
  }

  @Mutation(() => Statement, { description: 'Moves the silence deadline later, before the current one has passed (CLERK)' })
  async extendSilenceDeadline(@CurrentUser() user: AuthUser, @Args('input') input: ExtendSilenceDeadlineInput): Promise<Statement> {
    return Statement.from(await this.silence.extend(user, input));
  }

  @ResolveField(() => SilenceProcedure, {
    nullable: true,
    description:
      'The latest silence procedure; null if none was launched, and for a reader of a published statement it was not circulated to (it is part of the drafting record)',
  })
  async silenceProcedure(s: Statement, _args: NoArgs, ctx: GqlContext): Promise<SilenceProcedure | null> {
    // The procedure's version and circulation are the drafting record: a reader who may read the
    // statement only because it is published would otherwise read a never-adopted draft through it.
    if (!(await fullyReadable(ctx, this.access, s.id))) return null;
    const circulations = await ctx.loaders.manyBy(CirculationEntity, 'statementId', { createdAt: 'ASC' }).load(s.id);
    const latest = circulations.filter((c) => c.purpose === CirculationPurpose.SILENCE).at(-1);
    return latest ? SilenceProcedure.from(latest, s) : null;
  }

  @ResolveField(() => [Position], {
    description: `Reservations that stood on the adopted version when it was adopted: they did not stop the adoption and are listed with it (the first ${ListMax.POSITIONS_SHOWN}); empty before adoption`,
  })
  async adoptionReservations(s: Statement, _args: NoArgs, ctx: GqlContext): Promise<Position[]> {
    if (!s.adoptedVersionId || !s.adoptedAt) return [];
    const visible = answerFilter(ctx.user!, await seesAllAnswers(ctx, s));
    const positions = await ctx.loaders.manyBy(PositionEntity, 'statementId', { recordedAt: 'ASC' }).load(s.id);
    return adoptionReservations(s, positions).filter(visible).slice(0, ListMax.POSITIONS_SHOWN).map(Position.from);
  }
}

@Resolver(() => SilenceProcedure)
export class SilenceProcedureFieldsResolver {
  @ResolveField(() => StatementVersion, { description: 'The version under silence' })
  async version(p: SilenceProcedure, _args: NoArgs, ctx: GqlContext): Promise<StatementVersion> {
    const [v, s] = await Promise.all([ctx.loaders.byId(StatementVersionEntity).load(p.versionId), ctx.loaders.byId(StatementEntity).load(p.statementId)]);
    return StatementVersion.from(v!, s!.reference);
  }

  @ResolveField(() => Circulation, { description: 'The SILENCE circulation (recipients, acknowledgments)' })
  async circulation(p: SilenceProcedure, _args: NoArgs, ctx: GqlContext): Promise<Circulation> {
    return Circulation.from((await ctx.loaders.byId(CirculationEntity).load(p.circulationId))!);
  }

  @ResolveField(() => SilenceObjection, {
    nullable: true,
    description: 'The objection that broke silence; shown to whoever sees every delegation’s answers on this statement, and to the objecting delegation',
  })
  async objection(p: SilenceProcedure, _args: NoArgs, ctx: GqlContext): Promise<SilenceObjection | null> {
    if (!p.objectionPositionId) return null;
    const position = await ctx.loaders.byId(PositionEntity).load(p.objectionPositionId);
    if (!position) return null;
    const statement = (await ctx.loaders.byId(StatementEntity).load(p.statementId))!;
    if (!answerFilter(ctx.user!, await seesAllAnswers(ctx, statement))(position)) return null;
    return Object.assign(new SilenceObjection(), {
      reason: position.reason ?? '',
      recordedAt: position.recordedAt,
      delegationId: position.delegationId,
      positionId: position.id,
    });
  }
}

@Resolver(() => SilenceObjection)
export class SilenceObjectionFieldsResolver {
  @ResolveField(() => Delegation)
  async delegation(o: SilenceObjection, _args: NoArgs, ctx: GqlContext): Promise<Delegation> {
    return Delegation.from((await ctx.loaders.byId(DelegationEntity).load(o.delegationId))!);
  }
}
