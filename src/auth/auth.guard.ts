import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Request } from 'express';
import { AppError } from '../common/errors/app-error.js';
import { type GqlContext } from '../common/graphql/gql-context.js';
import { type AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { IS_PUBLIC } from './public.decorator.js';

type AuthRequest = Request & { user?: AuthUser | null; id?: string | number };

/**
 * Global guard: every GraphQL operation and HTTP route needs a valid bearer token unless marked
 * @Public. The user is resolved once per request and kept on the request / GraphQL context.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);

    if (context.getType<string>() === 'graphql') {
      const ctx = GqlExecutionContext.create(context).getContext<GqlContext>();
      // Websocket contexts are authenticated once, when the connection opens.
      if (ctx.user === undefined && ctx.req) ctx.user = await this.resolveUser(ctx.req as AuthRequest);
      if (!ctx.user && !isPublic) throw AppError.unauthenticated();
      return true;
    }

    const req = context.switchToHttp().getRequest<AuthRequest>();
    if (isPublic) return true;
    if (!(await this.resolveUser(req))) throw AppError.unauthenticated();
    return true;
  }

  private async resolveUser(req: AuthRequest): Promise<AuthUser | null> {
    if (req.user === undefined) {
      const user = await this.auth.authenticate(req.headers.authorization);
      req.user = user ? { ...user, requestId: req.id === undefined ? undefined : String(req.id) } : null;
    }
    return req.user;
  }
}
