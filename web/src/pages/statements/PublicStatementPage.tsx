import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import { Page } from '../../ui/Page';

const PublicStatementDocument = graphql(`
  query PublicStatement($reference: String!) {
    publicStatement(reference: $reference) {
      reference
      label
      pressReference
      title
      language
      adoptedAt
      publishedAt
      paragraphs {
        key
        kind
        text
      }
      signatories {
        kind
        since
        delegation {
          code
          name
        }
      }
    }
  }
`);

/**
 * `/statements/<press reference or reference>`: a published statement as a page, for anyone (no
 * sign-in). The same address gives the JSON, text and Akoma Ntoso forms to non-browsers (src/web).
 */
export function PublicStatementPage({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useQuery(PublicStatementDocument, { variables: { reference } });
  const s = data?.publicStatement;
  if (!s) {
    return (
      <Page title={t('publicStatement.title')}>
        <ErrorMessage error={error} overrides={{ NOT_FOUND: 'publicStatement.notFound' }} />
        {error ? null : <p>{t('common.loading')}</p>}
      </Page>
    );
  }
  const encoded = encodeURIComponent(s.pressReference);
  return (
    <Page title={s.title}>
      <p className="meta">
        {t('publicStatement.references', { label: s.label, press: s.pressReference })} · {t('publicStatement.published', { date: format.date(s.publishedAt) })}
      </p>
      <article lang={s.language} className="statement">
        {s.paragraphs.map((p, i) => (
          <p key={p.key} className={`paragraph paragraph-${p.kind}`}>
            <span className="number">{i + 1}.</span> {p.text}
          </p>
        ))}
      </article>
      <section aria-labelledby="signatories">
        <h2 id="signatories">{t('publicStatement.signatories')}</h2>
        <ul className="inline-list">
          {s.signatories.map((sig) => (
            <li key={sig.delegation.code}>{sig.delegation.name}</li>
          ))}
        </ul>
      </section>
      <p>
        {t('publicStatement.otherForms')} <a href={`/statements/${encoded}?format=txt`}>{t('publicStatement.text')}</a> ·{' '}
        <a href={`/statements/${encoded}?format=json`}>JSON</a> · <a href={`/statements/${encoded}?format=akn`}>Akoma Ntoso</a>
      </p>
    </Page>
  );
}
