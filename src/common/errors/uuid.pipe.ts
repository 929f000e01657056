import { type PipeTransform } from '@nestjs/common';
import { isUUID, IsUUID } from 'class-validator';
import { AppError } from './app-error.js';

/** Validates an id argument so a malformed id is BAD_USER_INPUT, not a database error. */
export class UuidPipe implements PipeTransform<unknown, string | undefined> {
  constructor(private readonly field: string) {}

  transform(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !isUUID(value)) throw AppError.badInput(this.field, `${this.field} must be an id`);
    return value;
  }
}

/** The same rule for an id field of an input type: `@IsId('statementId') statementId: string`. */
export const IsId = (field: string) => IsUUID('all', { message: `${field} must be an id` });
