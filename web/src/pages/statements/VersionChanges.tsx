import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { StatementChangesQuery, StatementDetailFragment } from '../../gql/graphql';

// One diff between any two versions, in its own query (a diff costs 2,000 of the 20,000 an
// operation may, StatementDetail some 19,000). Without its word parts: charged at their cap
// (200 changes × 40 parts × 3 fields with __typename) they alone would cost 24,000, so the old and
// new texts of a changed paragraph are shown whole, struck out and inserted.
const StatementChangesDocument = graphql(`
  query StatementChanges($id: ID!, $version: ID!, $against: ID!) {
    statement(id: $id) {
      id
      version(id: $version) {
        id
        label
        diff(against: $against) {
          key
          type
          kind
          moved
          fromPosition
          toPosition
          oldText
          newText
        }
      }
    }
  }
`);

type Change = NonNullable<StatementChangesQuery['statement']['version']>['diff'][number];

/** What changed between two versions, both chosen in comboboxes: by default the current one against the one before. */
export function VersionChanges({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const versions = s.versions;
  const current = s.currentVersion;
  const [chosenVersion, setVersion] = useState('');
  const [chosenAgainst, setAgainst] = useState('');
  // The current version by default, also when a revision arrives while the page is open.
  const version = versions.some((v) => v.id === chosenVersion) ? chosenVersion : (current?.id ?? '');
  const others = [...versions].reverse().filter((v) => v.id !== version);
  const index = versions.findIndex((v) => v.id === version);
  const previous = versions[index - 1]?.id ?? others[0]?.id ?? '';
  const against = others.some((v) => v.id === chosenAgainst) ? chosenAgainst : previous;
  const { data, error, loading } = useQuery(StatementChangesDocument, { variables: { id: s.id, version, against }, skip: !version || !against });
  if (!current || versions.length < 2) return null;
  const shown = data?.statement.version;
  const label = versions.find((v) => v.id === version)?.label ?? current.label;
  const changes = shown?.diff ?? [];
  return (
    <section aria-labelledby="st-changes">
      <h2 id="st-changes">{t('statements.changes.title', { label })}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="st-version">{t('statements.changes.version')}</label>
          <select id="st-version" value={version} onChange={(e) => setVersion(e.target.value)}>
            {[...versions].reverse().map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="st-against">{t('statements.changes.against')}</label>
          <select id="st-against" value={against} onChange={(e) => setAgainst(e.target.value)}>
            {others.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage error={error} action={t('statements.changes.action')} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      {shown && changes.length === 0 ? <p>{t('statements.changes.none')}</p> : null}
      <ul className="cards">
        {changes.map((c) => (
          <ChangeItem key={c.key} c={c} />
        ))}
      </ul>
    </section>
  );
}

function ChangeItem({ c }: { c: Change }) {
  const { t } = useTranslation();
  const position = c.toPosition ?? c.fromPosition;
  return (
    <li className="card">
      <p className="meta">
        {t(`statements.changes.type.${c.type}`, { n: position })} · {t(`statements.kind.${c.kind}`)}
        {c.moved ? ` · ${t('statements.changes.moved', { from: c.fromPosition, to: c.toPosition })}` : null}
      </p>
      {c.oldText && c.type !== 'MOVED' ? (
        <p>
          <del>{c.oldText}</del>
        </p>
      ) : null}
      {c.newText ? <p>{c.type === 'MOVED' ? c.newText : <ins>{c.newText}</ins>}</p> : null}
    </li>
  );
}
