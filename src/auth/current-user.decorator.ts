import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError } from '../common/errors/app-error.js';
import { type AuthUser } from './auth-user.js';
import { type GqlContext } from '../common/graphql/gql-context.js';

/** The signed-in user of a GraphQL operation or HTTP route (the guard has put it there). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<GqlContext>().user
      : (context.switchToHttp().getRequest<{ user?: AuthUser }>().user ?? null);
  if (!user) throw AppError.unauthenticated();
  return user;
});
