import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { StatementChangesQuery, StatementDetailFragment } from '../../gql/graphql';

// Only the current version's diff, without its word parts: the API charges a diff 2,000 and lists at
// their cap (200 changes × 40 word parts would exceed the 20,000 an operation may cost), so the
// whole old and new texts are shown, struck out and inserted.
const StatementChangesDocument = graphql(`
  query StatementChanges($id: ID!, $against: ID!) {
    statement(id: $id) {
      id
      currentVersion {
        id
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

type Change = NonNullable<StatementChangesQuery['statement']['currentVersion']>['diff'][number];

/** What changed in the current version since an earlier one chosen in a combobox (the previous one first). */
export function VersionChanges({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const current = s.currentVersion;
  const older = s.versions.filter((v) => v.id !== current?.id).reverse();
  const [chosen, setAgainst] = useState('');
  // The previous version by default, also when a revision arrives while the page is open.
  const against = older.some((v) => v.id === chosen) ? chosen : (older[0]?.id ?? '');
  const { data, error, loading } = useQuery(StatementChangesDocument, { variables: { id: s.id, against }, skip: !current || !against });
  if (!current || older.length === 0) return null;
  const changes = data?.statement.currentVersion?.diff ?? [];
  return (
    <section aria-labelledby="st-changes">
      <h2 id="st-changes">{t('statements.changes.title', { label: current.label })}</h2>
      <div className="field">
        <label htmlFor="st-against">{t('statements.changes.against')}</label>
        <select id="st-against" value={against} onChange={(e) => setAgainst(e.target.value)}>
          {older.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      {data && changes.length === 0 ? <p>{t('statements.changes.none')}</p> : null}
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
