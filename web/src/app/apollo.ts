import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { CloseCode, createClient } from 'graphql-ws';
import { errorCodeOf } from '../errors/error-code';

/** The API is on the same origin as the page (served by the Nest app), so relative URLs and ws(s)://<host>. */
const GRAPHQL_PATH = '/graphql';

export interface ApolloSession {
  client: ApolloClient;
  /** Closes the websocket (on sign-out, or when the token changes). */
  dispose(): void;
}

/** The close code, if `event` is a socket's close event (graphql-ws hands close events and errors alike). */
function closeCode(event: unknown): number | null {
  return typeof event === 'object' && event !== null && 'code' in event && 'reason' in event && typeof event.code === 'number' ? event.code : null;
}

/** A socket closed because its token expired (4401) or was revoked, or its user disabled (4403). */
function endsSession(event: unknown): boolean {
  const code = closeCode(event);
  return code === CloseCode.Unauthorized || code === CloseCode.Forbidden;
}

/**
 * One Apollo Client per token: signing in or out makes a new one, so no cached data or open
 * subscription outlives the session it belongs to. Queries and mutations go over HTTP with the
 * token in the Authorization header; subscriptions over graphql-ws, the token in connectionParams.
 */
export function createApollo(token: string | null, onUnauthenticated: () => void): ApolloSession {
  const authorization = token ? `Bearer ${token}` : undefined;
  const http = new HttpLink({ uri: GRAPHQL_PATH });
  const withToken = new SetContextLink((prev) =>
    authorization ? { headers: { ...(prev.headers as Record<string, string> | undefined), authorization } } : {},
  );
  // A late close of this session's socket must not end the next session.
  let disposed = false;
  const ws = token
    ? createClient({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`,
        connectionParams: { authorization },
        lazy: true,
        retryAttempts: 5,
        // The API closes the socket when its token no longer holds (docs/security.md): that is the
        // session's end, as UNAUTHENTICATED is over HTTP, not a connection to try again. Without this
        // the client retried a revoked token in silence and live notifications just stopped.
        // (graphql-ws's default retries close events only: so does this, bar those.)
        shouldRetry: (event) => closeCode(event) !== null && !endsSession(event),
        on: {
          closed: (event) => {
            if (!disposed && endsSession(event)) onUnauthenticated();
          },
        },
      })
    : null;
  // A token the server no longer accepts (expired, signed out elsewhere): back to the sign-in page.
  const expired = new ErrorLink(({ error }) => {
    if (token && errorCodeOf(error) === 'UNAUTHENTICATED') onUnauthenticated();
  });
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
  };
  const transport = ws ? ApolloLink.split(isSubscription, new GraphQLWsLink(ws), withToken.concat(http)) : withToken.concat(http);
  const client = new ApolloClient({
    link: ApolloLink.from([expired, transport]),
    cache: new InMemoryCache({
      // Paged lists: "Show more" appends; each filter is its own list.
      typePolicies: {
        Query: {
          fields: {
            actionItems: relayStylePagination(['filter', 'orderBy']),
            meetings: relayStylePagination(['filter', 'orderBy']),
            notifications: relayStylePagination(['unreadOnly']),
          },
        },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return {
    client,
    dispose: () => {
      disposed = true;
      void ws?.dispose();
      client.stop();
    },
  };
}
