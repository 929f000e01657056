import { useQuery } from '@apollo/client/react';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useMe } from '../../app/me';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { ActionItemFilter } from '../../gql/graphql';
import { Page } from '../../ui/Page';
import { CsvExport } from './CsvExport';
import { isStatus, STATUSES } from './status';

const ActionItemsDocument = graphql(`
  query ActionItems($filter: ActionItemFilter, $after: String) {
    actionItems(first: 25, after: $after, filter: $filter) {
      edges {
        node {
          id
          reference
          title
          status
          dueAt
          overdue
          priority
          ownerDelegation {
            id
            code
          }
          assignee {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const DUE_SOON_DAYS = 7;

/** The filters live in the address (?status=&overdue=1&dueSoon=1&q=), so a reload or a shared link keeps them. */
function filterOf(params: URLSearchParams, myDelegationId: string | undefined): ActionItemFilter {
  const status = params.get('status') ?? '';
  const filter: ActionItemFilter = {};
  if (isStatus(status)) filter.status = [status];
  if (params.get('overdue') === '1') filter.overdue = true;
  if (params.get('mine') === '1' && myDelegationId) filter.delegationId = myDelegationId;
  if (params.get('dueSoon') === '1') {
    const now = Date.now();
    filter.dueAfter = new Date(now).toISOString();
    filter.dueBefore = new Date(now + DUE_SOON_DAYS * 86_400_000).toISOString();
  }
  const q = params.get('q')?.trim();
  if (q) filter.search = q;
  return filter;
}

/** The action items the user may see (a delegate: their delegation's), soonest due first. */
export function ActionItemsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const mine = useMe()?.memberships[0]?.delegation;
  // dueSoon's window is taken when the filters change, not at every render.
  const filter = useMemo(() => filterOf(params, mine?.id), [params, mine?.id]);
  const { data, error, loading, fetchMore, refetch } = useQuery(ActionItemsDocument, { variables: { filter } });
  const [search, setSearch] = useState(params.get('q') ?? '');
  // "Show more" waits for its page: a second click would ask for the same page again.
  const [fetching, setFetching] = useState(false);
  const ids = { status: useId(), search: useId(), overdue: useId(), dueSoon: useId(), mine: useId() };
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    set('q', search.trim() || null);
  };
  const items = data?.actionItems.edges ?? [];
  return (
    <Page
      title={t('actionItems.title')}
      actions={
        <div className="actions">
          <Link className="button" to="/action-items/dashboard">
            {t('actionItems.dashboard.title')}
          </Link>
          <CsvExport filter={filter} />
        </div>
      }
    >
      <form role="search" className="filters" onSubmit={submitSearch} aria-label={t('actionItems.filters')}>
        <div className="field">
          <label htmlFor={ids.search}>{t('actionItems.search')}</label>
          <input id={ids.search} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="submit">{t('actionItems.searchButton')}</button>
        <div className="field">
          <label htmlFor={ids.status}>{t('actionItems.statusFilter')}</label>
          <select id={ids.status} value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value || null)}>
            <option value="">{t('actionItems.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`actionItems.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="check">
          <input id={ids.overdue} type="checkbox" checked={params.get('overdue') === '1'} onChange={(e) => set('overdue', e.target.checked ? '1' : null)} />
          <label htmlFor={ids.overdue}>{t('actionItems.overdueOnly')}</label>
        </div>
        <div className="check">
          <input id={ids.dueSoon} type="checkbox" checked={params.get('dueSoon') === '1'} onChange={(e) => set('dueSoon', e.target.checked ? '1' : null)} />
          <label htmlFor={ids.dueSoon}>{t('actionItems.dueSoon', { count: DUE_SOON_DAYS })}</label>
        </div>
        {mine ? (
          <div className="check">
            <input id={ids.mine} type="checkbox" checked={params.get('mine') === '1'} onChange={(e) => set('mine', e.target.checked ? '1' : null)} />
            <label htmlFor={ids.mine}>{t('actionItems.mine', { code: mine.code })}</label>
          </div>
        ) : null}
      </form>
      <ErrorMessage error={error} onReload={() => void refetch()} />
      <p aria-live="polite">{data ? t('actionItems.count', { count: data.actionItems.totalCount }) : loading ? t('common.loading') : null}</p>
      <ul className="cards">
        {items.map(({ node }) => (
          <li key={node.id} className="card">
            <h2>
              <Link to={`/action-items/${node.id}`}>{node.reference}</Link> <span className="title">{node.title}</span>
            </h2>
            <p className="meta">
              <span className={`status status-${node.status}`}>{t(`actionItems.status.${node.status}`)}</span>
              {' · '}
              {node.ownerDelegation.code}
              {node.assignee ? ` · ${node.assignee.name}` : null}
              {' · '}
              {node.dueAt ? t('actionItems.due', { date: format.date(node.dueAt) }) : t('actionItems.noDue')}
              {node.overdue ? <strong className="overdue"> · {t('actionItems.overdue')}</strong> : null}
            </p>
          </li>
        ))}
      </ul>
      {data?.actionItems.pageInfo.hasNextPage ? (
        <button
          type="button"
          disabled={fetching}
          onClick={() => {
            setFetching(true);
            void fetchMore({ variables: { after: data.actionItems.pageInfo.endCursor } })
              .catch(() => undefined)
              .finally(() => setFetching(false));
          }}
        >
          {t('common.more')}
        </button>
      ) : null}
    </Page>
  );
}
