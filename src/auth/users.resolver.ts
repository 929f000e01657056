import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type GqlContext, type NoArgs } from '../common/graphql/gql-context.js';
import { DelegationMembershipEntity } from '../delegations/delegation-membership.entity.js';
import { Policy } from './policy.js';
import { ConnectionArgs, mapConnection } from '../common/pagination/connection.js';
import { type AuthUser } from './auth-user.js';
import { CreateUserInput, ResetPasswordInput, SetUserActiveInput, SetUserPasswordLoginInput } from './auth.inputs.js';
import { CurrentUser } from './current-user.decorator.js';
import { UserConnection } from './user.connection.js';
import { User } from './user.model.js';
import { UsersService } from './users.service.js';

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Query(() => UserConnection, { description: 'All users (ADMIN)' })
  async users(@CurrentUser() actor: AuthUser, @Args() args: ConnectionArgs): Promise<UserConnection> {
    return mapConnection(await this.service.list(actor, args), User.from);
  }

  @Mutation(() => User, { description: 'Creates a user (ADMIN)' })
  async createUser(@CurrentUser() actor: AuthUser, @Args('input') input: CreateUserInput): Promise<User> {
    return User.from(await this.service.create(actor, input));
  }

  @Mutation(() => User, { description: "Sets a user's password (ADMIN); every earlier token of theirs ends" })
  async resetPassword(@CurrentUser() actor: AuthUser, @Args('input') input: ResetPasswordInput): Promise<User> {
    return User.from(await this.service.resetPassword(actor, input));
  }

  @Mutation(() => User, { description: 'Enables or disables a user (ADMIN); either way every earlier token of theirs ends' })
  async setUserActive(@CurrentUser() actor: AuthUser, @Args('input') input: SetUserActiveInput): Promise<User> {
    return User.from(await this.service.setActive(actor, input));
  }

  @Mutation(() => User, { description: 'Requires single sign-on for a user (passwordLogin false) or allows their password again (ADMIN)' })
  async setUserPasswordLogin(@CurrentUser() actor: AuthUser, @Args('input') input: SetUserPasswordLoginInput): Promise<User> {
    return User.from(await this.service.setPasswordLogin(actor, input));
  }

  /**
   * E-mail addresses: to ADMIN, ORGANIZER and CLERK, to the person themself and to members of a
   * delegation they share; everyone else sees the name only. Applies wherever a User appears
   * (members, accreditations, conflicts, minutes authors).
   */
  @ResolveField(() => String, { nullable: true, description: 'Null unless you may see it: staff, the person, members of the same delegation' })
  async email(u: User, _args: NoArgs, ctx: GqlContext): Promise<string | null> {
    const viewer = ctx.user;
    if (u.readerIsSelf) return u.email;
    if (!viewer) return null;
    if (viewer.id === u.id || Policy.seeAllEmails(viewer)) return u.email;
    const theirs = await ctx.loaders.manyBy(DelegationMembershipEntity, 'userId', { createdAt: 'ASC' }).load(u.id);
    return theirs.some((m) => viewer.memberships.some((v) => v.delegationId === m.delegationId)) ? u.email : null;
  }
}
