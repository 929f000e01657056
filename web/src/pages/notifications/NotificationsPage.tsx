import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { useFormat } from '../../format/datetime';
import { graphql } from '../../gql';
import type { NotificationFieldsFragment } from '../../gql/graphql';
import { Page } from '../../ui/Page';
import { useUnreadCount } from './live';

const NotificationsDocument = graphql(`
  query Notifications($after: String) {
    notifications(first: 20, after: $after) {
      edges {
        node {
          ...NotificationFields
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

const MarkReadDocument = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      marked
      unreadCount
    }
  }
`);

/** The inbox: newest first, live (see live.ts), with mark-as-read one by one or all at once. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const { data, error, loading, fetchMore, refetch } = useQuery(NotificationsDocument);
  const [markRead, marking] = useMutation(MarkReadDocument);
  const mark = (ids: string[] | null) =>
    markRead({
      variables: { input: ids ? { ids } : { all: true } },
      update(cache, { data: result }) {
        const now = new Date().toISOString();
        const targets = ids ?? data?.notifications.edges.map((e) => e.node.id) ?? [];
        for (const id of targets) cache.modify({ id: cache.identify({ __typename: 'Notification', id }), fields: { readAt: (v: string | null) => v ?? now } });
        if (result) cache.modify({ fields: { unreadNotificationCount: () => result.markNotificationsRead.unreadCount } });
      },
    }).catch(() => undefined);
  const edges = data?.notifications.edges ?? [];
  return (
    <Page
      title={t('notifications.title')}
      actions={
        unread > 0 ? (
          <button type="button" onClick={() => void mark(null)} disabled={marking.loading}>
            {t('notifications.markAllRead')}
          </button>
        ) : null
      }
    >
      <p aria-live="polite">{t('notifications.unread', { count: unread })}</p>
      <ErrorMessage error={error ?? marking.error} onReload={() => void refetch()} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      {data && edges.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      <ul className="cards" aria-label={t('notifications.title')}>
        {edges.map(({ node }) => (
          <NotificationCard key={node.id} n={node} onMarkRead={() => void mark([node.id])} busy={marking.loading} />
        ))}
      </ul>
      {data?.notifications.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => void fetchMore({ variables: { after: data.notifications.pageInfo.endCursor } })}>
          {t('common.more')}
        </button>
      ) : null}
    </Page>
  );
}

function NotificationCard({ n, onMarkRead, busy }: { n: NotificationFieldsFragment; onMarkRead: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className={n.readAt ? 'card' : 'card unread'}>
      <article aria-labelledby={`n-${n.id}`}>
        <h2 id={`n-${n.id}`}>
          {n.readAt ? null : <span className="visually-hidden">{t('notifications.new')}: </span>}
          {n.subject}
        </h2>
        <p className="meta">
          {t(`notifications.kind.${n.kind}`)} · <time dateTime={n.createdAt}>{format.dateTime(n.createdAt)}</time>
        </p>
        <p className="body">{n.body}</p>
        {n.readAt ? null : (
          <button type="button" onClick={onMarkRead} disabled={busy} aria-describedby={`n-${n.id}`}>
            {t('notifications.markRead')}
          </button>
        )}
      </article>
    </li>
  );
}
