import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from './app-error.js';
import { findUnsafeText, unsafeTextMessage } from './text-safety.js';

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
 * Every argument of every operation first passes the text check (one place for all inputs: no
 * control characters but tab and newlines, no bidi overrides, no lone surrogates), then class-validator.
 */
/** @nestjs/graphql's GqlParamtype.ARGS (the enum is internal). */
const GRAPHQL_ARGS = 3;

class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Client-sent values only: GraphQL arguments and HTTP params, not parents or contexts.
    const clientSent = (metadata.type as unknown) === GRAPHQL_ARGS || metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param';
    const unsafe = clientSent ? findUnsafeText(value) : null;
    if (unsafe) {
      const field = unsafe.path || metadata.data || 'input';
      throw AppError.badInput(field, unsafeTextMessage(field, unsafe));
    }
    return super.transform(value, metadata);
  }
}

/**
 * Validates every `input` argument with class-validator and reports the first failing field as
 * BAD_USER_INPUT. Field paths are relative to the input (`name`, `paragraphs.0.text`).
 */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
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
