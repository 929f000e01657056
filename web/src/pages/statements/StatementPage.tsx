import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import type { StatementDetailFragment } from '../../gql/graphql';
import { Page } from '../../ui/Page';
import { Amendments } from './Amendments';
import { CirculateForm } from './CirculateForm';
import { Circulations } from './Circulations';
import { DelegationAnswer } from './DelegationAnswer';
import { StatementDocument, useLiveStatement } from './statement';
import { useIsClerk } from './StatementsPage';
import { VersionChanges } from './VersionChanges';
import { Consensus } from './Consensus';
import { Publication } from './Publication';
import { SilenceProcedure } from './SilenceProcedure';
import { Translations } from './Translations';
import './statements.css';

/** One statement: its current text, versions and circulations (live); circulate for clerks, answer for recipients. */
export function StatementPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data, error, loading, refetch } = useQuery(StatementDocument, { variables: { id } });
  useLiveStatement(id);
  const s = data?.statement;
  return (
    <Page title={s?.title ?? t('statements.title')}>
      <div className="statement-page">
        <p>
          <Link to="/statements">{t('statements.back')}</Link>
        </p>
        <ErrorMessage error={error} onReload={() => void refetch()} action={t('statements.readAction')} />
        {loading && !data ? <p>{t('common.loading')}</p> : null}
        {s ? <StatementView s={s} /> : null}
      </div>
    </Page>
  );
}

function StatementView({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clerk = useIsClerk();
  const [circulating, setCirculating] = useState(false);
  const v = s.currentVersion;
  const canCirculate = clerk && v && (s.status === 'DRAFTING' || s.status === 'CIRCULATED');
  return (
    <>
      <dl className="facts">
        <dt>{t('statements.field.reference')}</dt>
        <dd>{v?.label ?? s.reference}</dd>
        <dt>{t('statements.field.status')}</dt>
        <dd>{t(`statements.status.${s.status}`)}</dd>
        <dt>{t('statements.field.classification')}</dt>
        <dd>{t(`statements.classification.${s.classification}`)}</dd>
        <dt>{t('statements.field.body')}</dt>
        <dd>{s.body.name}</dd>
        <dt>{t('statements.field.updatedAt')}</dt>
        <dd>
          <time dateTime={s.updatedAt}>{format.dateTime(s.updatedAt)}</time>
        </dd>
      </dl>
      {v ? (
        <section aria-labelledby="st-text">
          <h2 id="st-text">{t('statements.text', { label: v.label })}</h2>
          <ol className="paragraphs">
            {v.paragraphs.map((p) => (
              <li key={p.key}>
                <span className="meta">{t(`statements.kind.${p.kind}`)}</span>
                <p lang={s.language}>{p.text}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="st-versions">
        <h2 id="st-versions">{t('statements.versions')}</h2>
        <ul>
          {s.versions.map((x) => (
            <li key={x.id}>
              {x.label} · <time dateTime={x.createdAt}>{format.dateTime(x.createdAt)}</time>
            </li>
          ))}
        </ul>
      </section>
      <VersionChanges s={s} />
      <DelegationAnswer s={s} />
      {canCirculate && !circulating ? (
        <button type="button" className="primary" onClick={() => setCirculating(true)}>
          {t('statements.circulate.open')}
        </button>
      ) : null}
      {canCirculate && circulating ? <CirculateForm s={s} versionId={v.id} onDone={() => setCirculating(false)} /> : null}
      <SilenceProcedure s={s} />
      <Consensus s={s} />
      <Publication s={s} />
      <Translations s={s} />
      <Circulations s={s} />
      <Amendments s={s} />
    </>
  );
}
