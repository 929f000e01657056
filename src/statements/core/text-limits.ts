import { registerDecorator, type ValidationOptions } from 'class-validator';
import { AppError } from '../../common/errors/app-error.js';

/**
 * The size of a statement's text, one place for every input that writes one: `draftStatement`,
 * `reviseStatement` (also after amendments are applied), `proposeAmendment` and `addTranslation`.
 * A paragraph of 20,000 characters is a long page; 200,000 characters is a statement of some sixty
 * pages, which keeps every version's search vector far under PostgreSQL's 1 MB and its request
 * within MAX_REQUEST_BYTES. The diff, the Akoma Ntoso export and search are bounded on their own as
 * well (statement-diff.ts), since rows written before these limits may be larger.
 */
export const TextMax = {
  PARAGRAPH_CHARS: 20_000,
  VERSION_CHARS: 200_000,
} as const;

const n = (x: number) => x.toLocaleString('en');
export const PARAGRAPH_TEXT_MESSAGE = `text must be 1 to ${n(TextMax.PARAGRAPH_CHARS)} characters`;
export const TEXT_SIZE_DESCRIPTION = `1 to ${n(TextMax.PARAGRAPH_CHARS)} characters; the paragraphs of one version at most ${n(TextMax.VERSION_CHARS)} together`;

/** Characters of all paragraphs together. */
export const textSize = (paragraphs: readonly { text?: unknown }[]): number =>
  paragraphs.reduce((sum, p) => sum + (typeof p?.text === 'string' ? p.text.length : 0), 0);

/** For a version built by the service (amendments applied): BAD_USER_INPUT on `field` when too long. */
export function assertVersionSize(paragraphs: readonly { text: string }[], field: string): void {
  const size = textSize(paragraphs);
  if (size > TextMax.VERSION_CHARS)
    throw AppError.badInput(field, `A version has at most ${n(TextMax.VERSION_CHARS)} characters of text; this would have ${n(size)}`);
}

/** On an input's `paragraphs`: their texts together at most VERSION_CHARS (BAD_USER_INPUT naming the field). */
export function MaxVersionText(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxVersionText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `paragraphs must have at most ${n(TextMax.VERSION_CHARS)} characters of text in all`, ...options },
      validator: { validate: (value: unknown) => !Array.isArray(value) || textSize(value) <= TextMax.VERSION_CHARS },
    });
}
