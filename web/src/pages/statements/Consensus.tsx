import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import type { StatementDetailFragment } from '../../gql/graphql';
import { StatementDocument } from './statement';
import { useIsClerk } from './StatementsPage';

const AdoptStatementDocument = graphql(`
  mutation AdoptStatement($input: AdoptStatementInput!) {
    adoptStatement(input: $input) {
      ...StatementDetail
    }
  }
`);

const AGREEING = new Set(['SUPPORT', 'ABSTAIN']);

/**
 * The consensus view (the API's `consensus`): each member delegation of the body and its current
 * stance on the current version; consensus holds when every one supports or abstains. Shown to
 * those who see every delegation's answers (the API gives others null). A clerk adopts from here.
 */
export function Consensus({ s }: { s: StatementDetailFragment }) {
  const { t } = useTranslation();
  const clerk = useIsClerk();
  const [adopt, adopting] = useMutation(AdoptStatementDocument);
  const c = s.consensus;
  const v = s.currentVersion;
  if (!c || !v || s.status === 'DRAFTING' || s.status === 'WITHDRAWN') return null;
  const agreed = c.entries.filter((e) => e.stance && AGREEING.has(e.stance)).length;
  const canAdopt = clerk && s.status === 'CIRCULATED';
  return (
    <section aria-labelledby="st-consensus">
      <h2 id="st-consensus">{t('statements.consensus.title', { label: v.label })}</h2>
      <p id="consensus-summary" role="status">
        {c.holds ? t('statements.consensus.holds') : t('statements.consensus.notYet', { count: agreed, total: c.entries.length })}
      </p>
      <table className="table">
        <caption className="visually-hidden">{t('statements.consensus.title', { label: v.label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statements.recipient.delegation')}</th>
            <th scope="col">{t('statements.recipient.position')}</th>
          </tr>
        </thead>
        <tbody>
          {c.entries.map((e) => (
            <tr key={e.delegation.id}>
              <th scope="row">{e.delegation.name}</th>
              <td>{e.stance ? t(`statements.stance.${e.stance}`) : t('statements.consensus.noAnswer')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canAdopt ? (
        <p>
          <button
            type="button"
            className="primary"
            aria-describedby="consensus-summary"
            disabled={!c.holds || adopting.loading}
            onClick={() => void adopt({ variables: { input: { statementId: s.id, versionId: v.id } } }).catch(() => undefined)}
          >
            {t('statements.consensus.adopt')}
          </button>
        </p>
      ) : null}
      <ErrorMessage
        error={adopting.error}
        action={t('statements.consensus.adoptAction')}
        onReload={() => void adopting.client.refetchQueries({ include: [StatementDocument] })}
      />
    </section>
  );
}
