import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { Public } from '../../auth/public.decorator.js';
import { User } from '../../auth/user.model.js';
import { UserEntity } from '../../auth/user.entity.js';
import { AppError } from '../../common/errors/app-error.js';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { ListMax } from '../../common/graphql/list-caps.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { Delegation } from '../../delegations/delegation.model.js';
import { EndorsementEntity } from './endorsement.entity.js';
import { EndorseStatementInput, PublishStatementInput } from './publication.inputs.js';
import { Endorsement, PublicStatement, Signatory } from './publication.model.js';
import { PublicationService } from './publication.service.js';
import { PublicStatementsService } from './public-statements.service.js';
import { signatoriesLoader } from '../core/statement.loaders.js';
import { StatementEntity } from '../core/statement.entity.js';
import { Statement } from '../core/statement.model.js';

const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

@Resolver(() => Statement)
export class PublicationResolver {
  constructor(
    private readonly publication: PublicationService,
    private readonly publicStatements: PublicStatementsService,
  ) {}

  @Mutation(() => Statement, {
    description: 'Publishes an ADOPTED statement with its press reference (CLERK): its adopted version becomes readable by everyone',
  })
  async publishStatement(@CurrentUser() user: AuthUser, @Args('input') input: PublishStatementInput): Promise<Statement> {
    return Statement.from(await this.publication.publish(user, input));
  }

  @Mutation(() => Endorsement, {
    description: 'A delegation joins a PUBLISHED statement (its head, or an ORGANIZER on its behalf); again returns the same endorsement',
  })
  async endorseStatement(@CurrentUser() user: AuthUser, @Args('input') input: EndorseStatementInput): Promise<Endorsement> {
    return Endorsement.from(await this.publication.endorse(user, input));
  }

  @Public()
  @Query(() => PublicStatement, {
    description:
      'A published statement, for anyone (no sign-in needed): by its reference (JHA 2012/004) or press reference (12-784); NOT_FOUND for anything not published',
  })
  publicStatement(
    @Args('reference') reference: string,
    @Args('language', { type: () => String, nullable: true, description: 'A language version; the original by default' }) language?: string | null,
  ): Promise<PublicStatement> {
    if (reference.length > 100) throw AppError.notFound('Published statement');
    if (language && !LANGUAGE.test(language)) throw AppError.badInput('language', 'language must be a language tag such as en or fr');
    return this.publicStatements.read(reference, language);
  }

  @ResolveField(() => [Endorsement], { description: 'Delegations that joined after publication, oldest first' })
  async endorsements(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<Endorsement[]> {
    return (await ctx.loaders.manyBy(EndorsementEntity, 'statementId', { endorsedAt: 'ASC' }).load(s.id)).map(Endorsement.from);
  }

  @ResolveField(() => [Signatory], {
    description: `The adopting delegations (since the adoption), then the endorsers (since their endorsement); at most ${ListMax.DELEGATIONS}`,
  })
  async signatories(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<Signatory[]> {
    return (await signatoriesLoader(ctx.loaders).load(s.id)).map((r) =>
      Object.assign(new Signatory(), { kind: r.kind, since: r.since, delegationId: r.delegationId }),
    );
  }
}

@Resolver(() => Endorsement)
export class EndorsementFieldsResolver {
  @ResolveField(() => Delegation)
  async delegation(@Parent() e: Endorsement, @Context() ctx: GqlContext): Promise<Delegation> {
    return Delegation.from((await ctx.loaders.byId(DelegationEntity).load(e.delegationId))!);
  }

  @ResolveField(() => User, { nullable: true, description: 'Who recorded it' })
  async endorsedBy(@Parent() e: Endorsement, @Context() ctx: GqlContext): Promise<User | null> {
    const u = e.endorsedById ? await ctx.loaders.byId(UserEntity).load(e.endorsedById) : null;
    return u ? User.from(u) : null;
  }

  @ResolveField(() => Statement)
  async statement(@Parent() e: Endorsement, @Context() ctx: GqlContext): Promise<Statement> {
    return Statement.from((await ctx.loaders.byId(StatementEntity).load(e.statementId))!);
  }
}

@Resolver(() => Signatory)
export class SignatoryFieldsResolver {
  @ResolveField(() => Delegation)
  async delegation(@Parent() s: Signatory, @Context() ctx: GqlContext): Promise<Delegation> {
    return Delegation.from((await ctx.loaders.byId(DelegationEntity).load(s.delegationId))!);
  }
}
