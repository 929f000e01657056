import { type DataSource, type EntityManager } from 'typeorm';

export interface TitleVersion {
  /** Canonical BCP 47 tag. */
  language: string;
  title: string;
}

const base = (tag: string) => tag.split('-')[0].toLowerCase();

/**
 * The title a reader of `locale` is told: the version in their exact language (fr-BE), else in their
 * language (fr, then any regional fr-…), else the original's. The statement's own language is one of its versions, so a
 * French reader of a French original reads the original title.
 */
export function titleIn(original: TitleVersion, translations: readonly TitleVersion[], locale: string | null | undefined): string {
  if (!locale) return original.title;
  const all = [original, ...translations];
  const wanted = locale.toLowerCase();
  const exact = (tag: string) => all.find((v) => v.language.toLowerCase() === tag);
  return (exact(wanted) ?? exact(base(wanted)) ?? all.find((v) => base(v.language) === base(wanted)) ?? original).title;
}

/**
 * A statement's titles in its language versions, as notices name it: its own title and the titles
 * of the translations of `versionId` (the version the notice is about) that have one. Answers the
 * chooser for a reader's locale, or null when the statement is gone.
 */
export async function statementTitles(
  db: DataSource | EntityManager,
  statementId: string,
  versionId: string | null,
): Promise<((locale: string | null | undefined) => string) | null> {
  const [row]: { language: string; title: string; translations: TitleVersion[] }[] = await db.query(
    `SELECT s.language, s.title,
            coalesce((SELECT json_agg(json_build_object('language', t.language, 'title', t.title) ORDER BY t.language)
                        FROM statement_translations t WHERE t.version_id = $2 AND t.statement_id = s.id AND t.title IS NOT NULL), '[]') AS translations
       FROM statements s WHERE s.id = $1`,
    [statementId, versionId],
  );
  if (!row) return null;
  const original = { language: row.language, title: row.title };
  return (locale) => titleIn(original, row.translations, locale);
}
