import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type GqlContext } from '../../common/graphql/gql-context.js';
import { AppConfig } from '../../config/app-config.js';
import { Public } from '../public.decorator.js';
import { LoginPayload, ownUser } from '../user.model.js';
import { cookieValue } from './oidc.controller.js';
import { SignInOptions, SignInWithCodeInput } from './oidc.models.js';
import { OIDC_BINDING_COOKIE, OidcService } from './oidc.service.js';

@Resolver()
export class OidcResolver {
  constructor(
    private readonly service: OidcService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Query(() => SignInOptions, { description: 'How one may sign in: the sign-in page shows the single sign-on button when it is configured' })
  signInOptions(): SignInOptions {
    const oidc = this.config.oidc;
    return { singleSignOn: oidc ? { label: oidc.label, loginPath: '/auth/oidc/login' } : null };
  }

  @Public()
  @Mutation(() => LoginPayload, {
    description: "Exchanges single sign-on's one-time code (once, within a minute, from the browser that signed in) for an access token",
  })
  async signInWithCode(@Args('input') input: SignInWithCodeInput, @Context() ctx: GqlContext): Promise<LoginPayload> {
    const result = await this.service.exchange(input.code, cookieValue(ctx.req?.headers.cookie, OIDC_BINDING_COOKIE));
    return { accessToken: result.accessToken, expiresAt: result.expiresAt, user: ownUser(result.user) };
  }
}
