import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { StatementDetailFragment } from '../../gql/graphql';
import { StatementDocument } from './statement';
import { useIsClerk } from './StatementsPage';

const AddTranslationDocument = graphql(`
  mutation AddTranslation($input: AddTranslationInput!) {
    addTranslation(input: $input) {
      id
      language
      title
    }
  }
`);

/** The languages the secretariat translates into here: the interface's (BCP 47), the statement's own left out. */
const LANGUAGES = ['en', 'fr', 'de'];

/** A language's name in the interface language (Intl, nothing to translate by hand). */
function useLanguageName() {
  const { i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  return (tag: string) => names.of(tag) ?? tag;
}

/** Language versions of the current version; clerks add one, paragraph by paragraph, keys one to one with the original. */
export function Translations({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const clerk = useIsClerk();
  const nameOf = useLanguageName();
  const [adding, setAdding] = useState(false);
  const v = s.currentVersion;
  if (!v) return null;
  const missing = LANGUAGES.filter((l) => l !== s.language && !v.translations.some((x) => x.language === l));
  const canAdd = clerk && s.status !== 'WITHDRAWN' && missing.length > 0;
  if (v.translations.length === 0 && !canAdd) return null;
  return (
    <section aria-labelledby="st-translations">
      <h2 id="st-translations">{t('statements.translations.title', { label: v.label })}</h2>
      {v.translations.length === 0 ? (
        <p>{t('statements.translations.none')}</p>
      ) : (
        <ul>
          {v.translations.map((x) => (
            <li key={x.id}>
              {nameOf(x.language)}
              {x.title ? (
                <>
                  {' · '}
                  <span lang={x.language}>{x.title}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canAdd && !adding ? (
        <button type="button" onClick={() => setAdding(true)}>
          {t('statements.translations.add')}
        </button>
      ) : null}
      {canAdd && adding ? <TranslationForm s={s} languages={missing} onDone={() => setAdding(false)} /> : null}
    </section>
  );
}

function TranslationForm({ s, languages, onDone }: { s: StatementDetailFragment; languages: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const nameOf = useLanguageName();
  const v = s.currentVersion!;
  const [language, setLanguage] = useState(languages[0]);
  const [title, setTitle] = useState('');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [add, saving] = useMutation(AddTranslationDocument, { refetchQueries: [StatementDocument] });
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      versionId: v.id,
      language,
      title: title.trim() || null,
      paragraphs: v.paragraphs.map((p) => ({ key: p.key, text: (texts[p.key] ?? '').trim() })),
    };
    const done = await add({ variables: { input } }).catch(() => null);
    if (done?.data) onDone();
  };
  return (
    <form className="form" aria-labelledby="tr-head" onSubmit={(e) => void onSubmit(e)}>
      <h3 id="tr-head">{t('statements.translations.formTitle', { label: v.label })}</h3>
      <div className="field">
        <label htmlFor="tr-language">{t('statements.translations.language')}</label>
        <select id="tr-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          {languages.map((l) => (
            <option key={l} value={l}>
              {nameOf(l)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="tr-title">{t('statements.translations.titleField')}</label>
        <input id="tr-title" lang={language} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} aria-describedby="tr-title-orig" />
        <span id="tr-title-orig" className="hint" lang={s.language}>
          {s.title}
        </span>
      </div>
      {v.paragraphs.map((p, i) => (
        <div className="field" key={p.key}>
          <label htmlFor={`tr-${p.key}`}>{t('statements.translations.paragraphN', { n: i + 1 })}</label>
          <textarea
            id={`tr-${p.key}`}
            lang={language}
            rows={3}
            required
            maxLength={20000}
            value={texts[p.key] ?? ''}
            onChange={(e) => setTexts((x) => ({ ...x, [p.key]: e.target.value }))}
            aria-describedby={`tr-orig-${p.key}`}
          />
          <span id={`tr-orig-${p.key}`} className="hint" lang={s.language}>
            {p.text}
          </span>
        </div>
      ))}
      <ErrorMessage
        error={saving.error}
        action={t('statements.translations.addAction')}
        onReload={() => void saving.client.refetchQueries({ include: [StatementDocument] })}
      />
      <p className="buttons">
        <button type="submit" className="primary" disabled={saving.loading}>
          {t('statements.translations.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('statements.cancel')}
        </button>
      </p>
    </form>
  );
}
