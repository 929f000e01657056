import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** The codes the API puts in `extensions.code` (src/common/errors/error-code.ts), plus NETWORK for no answer. */
export const KNOWN_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SSO_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED',
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
  'NETWORK',
] as const;
export type KnownCode = (typeof KNOWN_CODES)[number];

interface GraphQLErrorLike {
  message?: string;
  extensions?: Record<string, unknown>;
}

/** An error of one of the API's plain HTTP routes (`/action-items.csv`, `/calendar/*`): its `{ error: { code, message } }` body. */
export class ApiHttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The first GraphQL error of an Apollo error, whether it came in a 200 body or a 4xx one. */
export function firstGraphQLError(error: unknown): GraphQLErrorLike | null {
  if (error instanceof ApiHttpError) return error.code === 'NETWORK' ? null : { message: error.message, extensions: { code: error.code } };
  if (CombinedGraphQLErrors.is(error)) return error.errors[0] ?? null;
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLErrorLike[] };
      return body.errors?.[0] ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

/** `extensions.code` of an error from the API; NETWORK when there was no GraphQL answer at all. */
export function errorCodeOf(error: unknown): KnownCode {
  const code = firstGraphQLError(error)?.extensions?.code;
  if (typeof code === 'string' && (KNOWN_CODES as readonly string[]).includes(code)) return code as KnownCode;
  if (ServerError.is(error) && error.statusCode === 401) return 'UNAUTHENTICATED';
  return firstGraphQLError(error) ? 'INTERNAL_SERVER_ERROR' : 'NETWORK';
}

/**
 * Which CONFLICT it is, from the details the API puts next to the code: `stale` when the statement
 * version sent is no longer the current one (`currentVersionId`); `state` when the thing moved on to another state (`from`/`to`, `status`); `objecting`
 * when member delegations' objections stand in the way (a silence procedure could not hold); else null.
 */
export function conflictKindOf(error: unknown): 'stale' | 'state' | 'objecting' | null {
  const ext = firstGraphQLError(error)?.extensions ?? {};
  if ('objectingDelegationIds' in ext) return 'objecting';
  if ('currentVersionId' in ext) return 'stale';
  if ('from' in ext || 'status' in ext) return 'state';
  return null;
}
