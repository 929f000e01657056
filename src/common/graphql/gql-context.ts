import { type Request, type Response } from 'express';
import { type AuthUser } from '../../auth/auth-user.js';
import { type Loaders } from '../loaders/loaders.js';

/** The per-request GraphQL context: the HTTP request (absent on websockets), the user, loaders. */
export interface GqlContext {
  req?: Request & { user?: AuthUser | null; id?: string };
  res?: Response;
  user?: AuthUser | null;
  loaders: Loaders;
}

/**
 * The arguments of a field resolver that takes none. Field resolvers that only read their parent
 * and the context take graphql-js's own `(parent, args, ctx)` without parameter decorators: Nest
 * then binds them as plain functions, with no per-call pipes or argument extraction (see
 * `canUseFastFieldResolver` in @nestjs/graphql). Use decorators only where a field has arguments.
 */
export type NoArgs = Record<string, never>;
