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
