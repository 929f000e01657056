import { ErrorCode } from './error-code.js';

/**
 * The one error type domain code throws. `field` names the input field at fault (BAD_USER_INPUT);
 * `details` carries machine-readable extras (e.g. both states of an illegal transition).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badInput(field: string, message: string): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, field);
  }

  static unauthenticated(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  static forbidden(message = 'You are not allowed to do this'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }

  /** Also used for reads the actor may not make: a denied read looks like a missing one. */
  static notFound(entity: string, id?: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${entity} not found`, undefined, id ? { entity, id } : { entity });
  }

  static conflict(message: string, details?: Record<string, unknown>): AppError {
    return new AppError(ErrorCode.CONFLICT, message, undefined, details);
  }

  static illegalTransition(entity: string, from: string, to: string): AppError {
    return new AppError(ErrorCode.CONFLICT, `${entity} cannot go from ${from} to ${to}`, undefined, { from, to });
  }

  static staleVersion(entity: string, expected: number, actual: number): AppError {
    return new AppError(ErrorCode.CONFLICT, `${entity} was changed by someone else (version ${actual}, you sent ${expected})`, 'version', {
      expected,
      actual,
    });
  }

  static rateLimited(message: string, retryAfterSeconds: number): AppError {
    return new AppError(ErrorCode.RATE_LIMITED, message, undefined, { retryAfterSeconds });
  }
}
