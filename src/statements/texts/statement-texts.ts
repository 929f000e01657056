import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { canonicalLanguage, sameLanguage } from '../../common/languages.js';
import { type Paragraph } from '../core/paragraphs.js';
import { StatementTranslationEntity } from './statement-translation.entity.js';
import { type StatementVersionEntity } from '../core/statement-version.entity.js';
import { type StatementEntity } from '../core/statement.entity.js';

/** NOT_FOUND: the version has no text in that language. */
export function noTranslation(language: string): AppError {
  return new AppError('NOT_FOUND', `This version has no ${language} translation`, undefined, { entity: 'StatementTranslation', language });
}

/** A version's text in one language. */
export interface StatementText {
  /** The language served: the statement's original language, or the translation's (canonical BCP 47). */
  language: string;
  /** The statement's title in that language (the original title when the translation has none). */
  title: string;
  paragraphs: Paragraph[];
  /** The version's own text, not a translation. */
  original: boolean;
  /** For a translation: its version is no longer the statement's current version. Always false for the original. */
  outdated: boolean;
}

/**
 * The one rule for "this version's text in that language", as a pure function for callers that
 * loaded the rows already (GraphQL fields through DataLoaders): no language, or the statement's
 * own, is the original; another language is its translation, or null when there is none.
 */
export function textIn(
  version: Pick<StatementVersionEntity, 'id' | 'paragraphs'>,
  statement: Pick<StatementEntity, 'language' | 'currentVersionId' | 'title'>,
  translations: readonly Pick<StatementTranslationEntity, 'language' | 'paragraphs' | 'title'>[],
  language?: string | null,
): StatementText | null {
  if (!language || sameLanguage(language, statement.language)) {
    return { language: statement.language, title: statement.title, paragraphs: version.paragraphs, original: true, outdated: false };
  }
  const translation = translations.find((t) => sameLanguage(t.language, language));
  if (!translation) return null;
  return {
    language: translation.language,
    title: translation.title ?? statement.title,
    paragraphs: translation.paragraphs,
    original: false,
    outdated: statement.currentVersionId !== version.id,
  };
}

/**
 * Everything that needs a version's text in a language (GraphQL `StatementVersion.text`, the Akoma
 * Ntoso export, the public read and GET /statements/:reference) goes through here. It reads; it does
 * not check who may read the statement: callers pass statements the reader may see.
 */
@Injectable()
export class StatementTexts {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The version's text in `language` (the original when null or the statement's own language);
   * BAD_USER_INPUT on `language` for a malformed tag, NOT_FOUND when the version has no translation
   * in it. Async and given the entity manager: translations are read from their table, in the
   * caller's transaction when it has one.
   */
  async paragraphsIn(
    statement: Pick<StatementEntity, 'language' | 'currentVersionId' | 'title'>,
    version: Pick<StatementVersionEntity, 'id' | 'paragraphs'>,
    language?: string | null,
    em: EntityManager = this.dataSource.manager,
  ): Promise<StatementText> {
    const text = await this.findIn(statement, version, language, em);
    if (!text) throw noTranslation(language!);
    return text;
  }

  /** As paragraphsIn, but null when there is no translation in that language. */
  async findIn(
    statement: Pick<StatementEntity, 'language' | 'currentVersionId' | 'title'>,
    version: Pick<StatementVersionEntity, 'id' | 'paragraphs'>,
    language?: string | null,
    em: EntityManager = this.dataSource.manager,
  ): Promise<StatementText | null> {
    const wanted = language ? canonicalLanguage(language) : null;
    const translations =
      wanted && !sameLanguage(wanted, statement.language) ? await em.findBy(StatementTranslationEntity, { versionId: version.id, language: wanted }) : [];
    return textIn(version, statement, translations, wanted);
  }
}
