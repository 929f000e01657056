import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/me';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { graphql } from '../../gql';
import { Page } from '../../ui/Page';
import './dashboard.css';

const ActionItemSummaryDocument = graphql(`
  query ActionItemSummary {
    actionItemSummary {
      delegation {
        id
        code
        name
      }
      total
      open
      inProgress
      blocked
      overdue
      dueIn7Days
      done
      cancelled
    }
  }
`);

const COLUMNS = ['total', 'open', 'inProgress', 'blocked', 'overdue', 'dueIn7Days', 'done', 'cancelled'] as const;

/**
 * The follow-up dashboard (`actionItemSummary`): per owner delegation, how many of the items the user
 * may see are in each state, overdue or due within a week. The user's own delegations come first.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { data, error, loading, refetch } = useQuery(ActionItemSummaryDocument);
  const mine = new Set(me?.memberships.map((m) => m.delegation.id) ?? []);
  const rows = [...(data?.actionItemSummary ?? [])].sort((a, b) => Number(mine.has(b.delegation.id)) - Number(mine.has(a.delegation.id)));
  return (
    <Page title={t('actionItems.dashboard.title')}>
      <p>{t('actionItems.dashboard.explain')}</p>
      <ErrorMessage error={error} onReload={() => void refetch()} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      {data && rows.length === 0 ? <p>{t('actionItems.dashboard.empty')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('actionItems.dashboard.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('actionItems.dashboard.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('actionItems.owner')}</th>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className="number">
                    {t(`actionItems.dashboard.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.delegation.id}>
                  <th scope="row">
                    {row.delegation.name} ({row.delegation.code})
                  </th>
                  {COLUMNS.map((c) => (
                    <td key={c} className={c === 'overdue' && row.overdue > 0 ? 'number overdue' : 'number'}>
                      {row[c]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>
        <Link to="/action-items">{t('actionItems.back')}</Link>
      </p>
    </Page>
  );
}
