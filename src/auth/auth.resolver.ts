import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type GqlContext } from '../common/graphql/gql-context.js';
import { type AuthUser } from './auth-user.js';
import { ChangePasswordInput, LoginInput, UpdateMeInput } from './auth.inputs.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { Public } from './public.decorator.js';
import { LoginPayload, ownUser, User } from './user.model.js';
import { UsersService } from './users.service.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Mutation(() => LoginPayload, { description: 'Exchanges e-mail and password for an access token' })
  async login(@Args('input') input: LoginInput, @Context() ctx: GqlContext): Promise<LoginPayload> {
    const result = await this.auth.login(input, ctx.req?.ip ?? 'unknown');
    return { accessToken: result.accessToken, expiresAt: result.expiresAt, user: ownUser(result.user) };
  }

  @Mutation(() => Boolean, { description: 'Ends the access token this request carries; other sessions stay signed in' })
  signOut(@CurrentUser() user: AuthUser): Promise<boolean> {
    return this.auth.signOut(user);
  }

  @Mutation(() => LoginPayload, { description: 'Changes your password; every earlier token (this one too) ends, the answer carries a new one' })
  async changePassword(@CurrentUser() user: AuthUser, @Args('input') input: ChangePasswordInput, @Context() ctx: GqlContext): Promise<LoginPayload> {
    const result = await this.auth.changePassword(user, input, ctx.req?.ip ?? 'unknown');
    return { accessToken: result.accessToken, expiresAt: result.expiresAt, user: ownUser(result.user) };
  }

  @Mutation(() => User, { description: 'Changes your own name, language (locale) and time zone; notifications follow them' })
  async updateMe(@CurrentUser() user: AuthUser, @Args('input') input: UpdateMeInput): Promise<User> {
    return ownUser(await this.users.updateMe(user, input));
  }

  @Query(() => User, { description: 'The signed-in user' })
  async me(@CurrentUser() user: AuthUser): Promise<User> {
    const entity = await this.users.findById(user.id);
    return User.from(entity);
  }
}
