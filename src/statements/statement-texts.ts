import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error.js';
import { type Paragraph } from './paragraphs.js';
import { type StatementVersionEntity } from './statement-version.entity.js';
import { type StatementEntity } from './statement.entity.js';

/** The paragraphs of a version in one language, and which language they are in. */
export interface TextIn {
  language: string;
  paragraphs: Paragraph[];
}

/** Language tags compare case-insensitively (BCP 47): `en`, `EN` and `en` are one language. */
export const sameLanguage = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Which paragraphs to show for a version in a language — the one place every reader of a text in a
 * given language asks (the public read, GET /statements/:reference, exports). Today a version has
 * its original language only; language versions (addTranslation) extend this method and nothing
 * else. No language asked: the original.
 */
@Injectable()
export class StatementTexts {
  constructor(private readonly dataSource: DataSource) {}

  /** Async and given the entity manager because language versions will be read from their table here. */
  async paragraphsIn(
    statement: Pick<StatementEntity, 'language'>,
    version: Pick<StatementVersionEntity, 'id' | 'paragraphs'>,
    language?: string | null,
    _em: EntityManager = this.dataSource.manager,
  ): Promise<TextIn> {
    if (!language || sameLanguage(language, statement.language)) return { language: statement.language, paragraphs: version.paragraphs };
    throw AppError.notFound('Language version', language);
  }
}
