import { type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { ErrorCode } from '../errors/error-code.js';
import { type GqlContext } from './gql-context.js';

/** The two response media types of the GraphQL-over-HTTP spec. */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
const LEGACY_JSON = 'application/json';

/**
 * Errors of a well-formed request whose document does not parse or validate (the depth, alias and
 * cost limits included) or whose variables do not coerce. Malformed HTTP requests (`BAD_REQUEST`:
 * no query, CSRF, a subscription over HTTP) keep their 4xx whatever the media type.
 */
const REQUEST_ERROR_CODES = new Set<unknown>(['GRAPHQL_PARSE_FAILED', ErrorCode.GRAPHQL_VALIDATION_FAILED, ErrorCode.BAD_USER_INPUT]);

export const SUBSCRIPTION_OVER_HTTP_MESSAGE =
  'Subscriptions are served over graphql-ws (WebSocket) at /graphql, not over HTTP POST: connect with a graphql-ws client, sending the token in the connection params';

/**
 * What HTTP itself means for GraphQL on `POST /graphql`:
 * - A subscription is refused with 400 before any resolver runs: HTTP answers once, and the
 *   subscription resolvers need the event that only graphql-ws delivers (GraphiQL sends one over
 *   HTTP when Run is pressed before its socket is up).
 * - Request errors are answered with the status the GraphQL-over-HTTP spec gives their media type:
 *   400 for `application/graphql-response+json`, 200 for the legacy `application/json` (also what
 *   `Accept: *\/*` or no Accept gets), where clients read errors from the body. Apollo answers 400
 *   for both.
 */
export function httpTransportPlugin(): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError(SUBSCRIPTION_OVER_HTTP_MESSAGE, { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length || !errors.every((e) => REQUEST_ERROR_CODES.has(e.extensions?.code))) return;
          // Express negotiates as Apollo does (negotiator, in this order): no Accept or */* is JSON.
          if (contextValue.req?.accepts([LEGACY_JSON, GRAPHQL_RESPONSE_JSON]) === LEGACY_JSON) response.http.status = 200;
        },
      };
    },
  };
}
