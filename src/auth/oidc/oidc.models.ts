import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@ObjectType({ description: 'Single sign-on through the organisation’s identity provider (OpenID Connect)' })
export class SingleSignOn {
  @Field({ description: "The sign-in button's text (OIDC_LABEL)" }) label: string;
  @Field({ description: 'Where the button leads: starts the sign-in at the provider' }) loginPath: string;
}

@ObjectType({ description: 'How one may sign in here; asked before signing in' })
export class SignInOptions {
  @Field(() => SingleSignOn, { nullable: true, description: 'Null when single sign-on is not configured' }) singleSignOn: SingleSignOn | null;
}

@InputType()
export class SignInWithCodeInput {
  @Field({ description: 'The one-time code single sign-on handed the web client (in the /sign-in/sso fragment)' })
  @IsString()
  @Length(1, 200, { message: 'code must be 1 to 200 characters' })
  code: string;
}
