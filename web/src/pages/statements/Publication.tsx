import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { StatementDetailFragment } from '../../gql/graphql';
import { StatementDocument } from './statement';
import { useIsClerk } from './StatementsPage';

const PublishStatementDocument = graphql(`
  mutation PublishStatement($input: PublishStatementInput!) {
    publishStatement(input: $input) {
      ...StatementDetail
    }
  }
`);

/** The path of the public page of a published statement (src/web serves it to browsers, JSON/text/AKN to others). */
export const publicPath = (pressReference: string) => `/statements/${encodeURIComponent(pressReference)}`;

/** Adoption (how and when) and publication: the clerk publishes an adopted statement with its press reference. */
export function Publication({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clerk = useIsClerk();
  if (!s.adoptedAt || (s.status !== 'ADOPTED' && s.status !== 'PUBLISHED')) return null;
  const how = s.adoptionMethod === 'SILENCE' ? 'adoptedSilence' : 'adoptedConsensus';
  return (
    <section aria-labelledby="st-adoption">
      <h2 id="st-adoption">{t('statements.publication.title')}</h2>
      <p>
        {t(`statements.publication.${how}`)} <time dateTime={s.adoptedAt}>{format.dateTime(s.adoptedAt)}</time>
      </p>
      {s.publishedAt && s.pressReference ? (
        <p>
          {t('statements.publication.published', { press: s.pressReference })} <time dateTime={s.publishedAt}>{format.dateTime(s.publishedAt)}</time>
          {' · '}
          <Link to={publicPath(s.pressReference)}>{t('statements.publication.publicPage')}</Link>
        </p>
      ) : null}
      {clerk && s.status === 'ADOPTED' ? <PublishForm s={s} /> : null}
    </section>
  );
}

function PublishForm({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const [pressReference, setPressReference] = useState('');
  const [publish, publishing] = useMutation(PublishStatementDocument);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void publish({ variables: { input: { statementId: s.id, pressReference: pressReference.trim() } } }).catch(() => undefined);
  };
  return (
    <form className="form narrow" aria-labelledby="publish-head" onSubmit={onSubmit}>
      <h3 id="publish-head">{t('statements.publication.formTitle')}</h3>
      <div className="field">
        <label htmlFor="press-ref">{t('statements.publication.pressReference')}</label>
        <input
          id="press-ref"
          value={pressReference}
          onChange={(e) => setPressReference(e.target.value)}
          required
          maxLength={40}
          aria-describedby="press-hint"
        />
        <span id="press-hint" className="hint">
          {t('statements.publication.pressHint')}
        </span>
      </div>
      <ErrorMessage
        error={publishing.error}
        action={t('statements.publication.publishAction')}
        onReload={() => void publishing.client.refetchQueries({ include: [StatementDocument] })}
      />
      <p>
        <button type="submit" className="primary" disabled={publishing.loading}>
          {t('statements.publication.publish')}
        </button>
      </p>
    </form>
  );
}
