import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { AdoptionService } from './adoption.service.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { AdoptStatementInput, WithdrawStatementInput } from './adoption.inputs.js';
import { Statement, StatementVersion } from '../core/statement.model.js';

@Resolver(() => Statement)
export class AdoptionResolver {
  constructor(private readonly service: AdoptionService) {}

  @Mutation(() => Statement, {
    description: 'Adopts the current version by consensus: every member delegation supports or abstains (CLERK); CONFLICT lists who has not agreed',
  })
  async adoptStatement(@CurrentUser() user: AuthUser, @Args('input') input: AdoptStatementInput): Promise<Statement> {
    return Statement.from(await this.service.adopt(user, input));
  }

  @Mutation(() => Statement, { description: 'Withdraws a statement that is not yet published, with the reason (CLERK)' })
  async withdrawStatement(@CurrentUser() user: AuthUser, @Args('input') input: WithdrawStatementInput): Promise<Statement> {
    return Statement.from(await this.service.withdraw(user, input));
  }

  @ResolveField(() => StatementVersion, { nullable: true, description: 'The version adopted; null before adoption' })
  async adoptedVersion(@Parent() s: Statement, @Context() ctx: GqlContext): Promise<StatementVersion | null> {
    const v = s.adoptedVersionId ? await ctx.loaders.byId(StatementVersionEntity).load(s.adoptedVersionId) : null;
    return v ? StatementVersion.from(v, s.reference) : null;
  }
}
