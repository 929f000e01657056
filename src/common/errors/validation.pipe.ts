import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from './app-error.js';

function firstLeaf(errors: ValidationError[], prefix = ''): { field: string; message: string } | undefined {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints && Object.keys(e.constraints).length > 0) {
      return { field, message: Object.values(e.constraints)[0] };
    }
    const nested = firstLeaf(e.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Validates every `input` argument with class-validator and reports the first failing field as
 * BAD_USER_INPUT. Field paths are relative to the input (`name`, `paragraphs.0.text`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => {
      // The pipe validates each argument on its own, so paths are already relative to the input.
      const leaf = firstLeaf(errors) ?? { field: 'input', message: 'input is invalid' };
      return AppError.badInput(leaf.field, leaf.message);
    },
  });
}
