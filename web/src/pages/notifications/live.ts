import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { emitEntityChanged } from '../../app/entity-events';
import { MeDocument } from '../../app/me';
import { graphql } from '../../gql';
import type { NotificationFieldsFragment } from '../../gql/graphql';

export const NotificationFields = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    subject
    body
    createdAt
    readAt
    entity {
      type
      id
    }
  }
`);

const NotificationAddedDocument = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      ...NotificationFields
    }
  }
`);

/** The unread count of the navigation (from the Me query; kept current by the subscription and mark-as-read). */
export function useUnreadCount(): number {
  const { data } = useQuery(MeDocument, { fetchPolicy: 'cache-only' });
  return data?.unreadNotificationCount ?? 0;
}

/**
 * While signed in, one graphql-ws subscription to notificationAdded: a new notification is put at
 * the top of every loaded inbox page and counted as unread, without a refetch.
 */
export function useLiveNotifications(): void {
  const client = useApolloClient();
  useSubscription(NotificationAddedDocument, {
    onData: ({ data }) => {
      const added = data.data?.notificationAdded;
      if (!added) return;
      addToCache(client.cache, added);
      emitEntityChanged(added.entity);
    },
  });
}

/** A loaded inbox page as the cache stores it. */
interface InboxPage {
  edges: { node: { __ref: string } }[];
  totalCount: number;
}

type Cache = ReturnType<typeof useApolloClient>['cache'];

function addToCache(cache: Cache, n: NotificationFieldsFragment): void {
  // Apollo has already normalized the subscription's result; this puts it into the lists and the count.
  const id = cache.identify({ __typename: 'Notification', id: n.id });
  const node = cache.writeFragment({ id, data: n, fragment: NotificationFields });
  cache.modify({
    fields: {
      unreadNotificationCount: (count: number) => (n.readAt ? count : count + 1),
      notifications: (existing, { storeFieldName }) => {
        // Only the first page (no `after`) gets the new one at its top.
        if (/"after":"/.test(storeFieldName)) return existing;
        const list = existing as InboxPage;
        if (list.edges.some((e) => e.node.__ref === node?.__ref)) return existing;
        const edges = [{ __typename: 'NotificationEdge', cursor: n.id, node }, ...list.edges];
        return { ...list, totalCount: list.totalCount + 1, edges };
      },
    },
  });
}
