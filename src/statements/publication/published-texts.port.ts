import { type Paragraph } from '../core/paragraphs.js';
import { type StatementVersionEntity } from '../core/statement-version.entity.js';
import { type StatementEntity } from '../core/statement.entity.js';

/**
 * What the public read needs from statements/texts (languages and Akoma Ntoso), declared here so
 * that publication does not import texts; statements.module.ts binds it to StatementTexts and
 * AkomaNtosoService.
 */
export interface PublishedTexts {
  /** The version's text in `language` (the original when null); NOT_FOUND without that translation. */
  paragraphsIn(
    statement: StatementEntity,
    version: StatementVersionEntity,
    language?: string | null,
  ): Promise<{ language: string; title: string; paragraphs: Paragraph[] }>;
  /** The statement's adopted text as an Akoma Ntoso document, in its language or a translation's. */
  akomaNtoso(statement: StatementEntity, language?: string | null): Promise<string>;
}

export const PUBLISHED_TEXTS = Symbol('PublishedTexts');
