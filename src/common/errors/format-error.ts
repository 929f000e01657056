import { HttpException, Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { type AppConfig } from '../../config/app-config.js';
import { isInfrastructureFailure } from '../../database/infrastructure-error.js';
import { AppError } from './app-error.js';
import { ErrorCode } from './error-code.js';

const logger = new Logger('GraphQL');

/** `Variable "$input" got invalid value "X" at "input.kind"; ...` → `kind` (the path inside the variable). */
function fieldFromVariableError(message: string): string | undefined {
  // List items as the pipe names them: `input.items[1].dueAt` → `items.1.dueAt`.
  const at = /got invalid value .* at "([^"]+)"/.exec(message)?.[1]?.replace(/\[(\d+)\]/g, '.$1');
  if (at) return at.split('.').slice(1).join('.') || at;
  const missing = /Field "([^"]+)" of required type .* was not provided/.exec(message)?.[1];
  if (missing) return missing;
  return /^Variable "\$(\w+)"/.exec(message)?.[1];
}

/** For a bad literal (`kind: FOO` written into the query), the field is the name just before it. */
function fieldFromLiteral(error: GraphQLError): string | undefined {
  const start = error.nodes?.[0]?.loc?.start;
  const body = error.source?.body;
  if (start === undefined || !body) return undefined;
  return /(\w+)\s*:\s*$/.exec(body.slice(0, start))?.[1];
}

const HTTP_TO_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  429: ErrorCode.RATE_LIMITED,
};

export interface ErrorFormatOptions {
  /** The message of an unexpected error (development only; otherwise "Internal server error"). */
  exposeInternals: boolean;
  /** Drop graphql-js's "Did you mean …?" (production: it spells out the schema introspection keeps closed). */
  hideSuggestions: boolean;
}

/** The options both transports format with. */
export const errorFormatOptions = (config: Pick<AppConfig, 'isDevelopment' | 'isProduction'>): ErrorFormatOptions => ({
  exposeInternals: config.isDevelopment,
  hideSuggestions: config.isProduction,
});

/**
 * graphql-js's suggestions, wherever they stand in a message: validation ends with one, variable
 * coercion has one per input field (`…; Field "kinds" is not defined by type "F". Did you mean "kind"?`),
 * enum values say `Did you mean the enum value "X"?`. Suggested names never hold a "?".
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

export const withoutSuggestions = (message: string): string => message.replace(SUGGESTION, '');

/**
 * The single place that turns whatever was thrown into what a client sees, over HTTP and graphql-ws
 * alike: a message, a code in `extensions.code`, the field for bad input, and never a stack trace,
 * an internal message or (in production) a suggested schema name.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, options: ErrorFormatOptions): GraphQLFormattedError {
  const shaped = shape(formatted, error, options.exposeInternals);
  return options.hideSuggestions ? { ...shaped, message: withoutSuggestions(shaped.message) } : shaped;
}

function shape(formatted: GraphQLFormattedError, error: unknown, exposeInternals: boolean): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...(original.field ? { field: original.field } : {}), ...(original.details ?? {}) },
    };
  }
  if (original instanceof QueryFailedError) {
    const driver = original.driverError as { code?: string; constraint?: string };
    // Races that the service's own checks cannot see: the database's constraints decide.
    if (driver.code === '23505') {
      return {
        ...base,
        message: 'This already exists (a concurrent request created it first)',
        extensions: { code: ErrorCode.CONFLICT, constraint: driver.constraint },
      };
    }
    if (driver.code === '40001' || driver.code === '40P01') {
      return { ...base, message: 'A concurrent change got in the way; try again', extensions: { code: ErrorCode.CONFLICT } };
    }
  }
  if (isInfrastructureFailure(original ?? error)) {
    // A failover or a cut connection, not a bug: the client may retry. A transaction either
    // committed whole or not at all, so a retry of a mutation may meet its own CONFLICT.
    logger.warn({ err: original ?? error }, 'A dependency was unavailable while resolving a GraphQL operation');
    return {
      ...base,
      message: 'The service is briefly unavailable (a database or Redis connection was lost); try again',
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  if (original instanceof HttpException) {
    const code = HTTP_TO_CODE[original.getStatus()] ?? ErrorCode.INTERNAL_SERVER_ERROR;
    return { ...base, message: original.message, extensions: { code } };
  }

  const code = formatted.extensions?.code as string | undefined;
  if (code === 'BAD_USER_INPUT') {
    return { ...base, extensions: { code, field: fieldFromVariableError(formatted.message) } };
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' && error instanceof GraphQLError && /does not exist in "\w+" enum|Expected value of type/.test(error.message)) {
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, field: fieldFromLiteral(error) } };
  }
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    // Apollo's own request errors (parse, validation, limits): safe to show, minus any stack.
    return { ...base, extensions: { code } };
  }

  logger.error({ err: original ?? error }, 'Unexpected error while resolving a GraphQL operation');
  return {
    ...base,
    message: exposeInternals && original instanceof Error ? original.message : 'Internal server error',
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
