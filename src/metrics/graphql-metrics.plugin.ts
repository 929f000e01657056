import { type ApolloServerPlugin } from '@apollo/server';
import { type MetricsService } from './metrics.service.js';

/** Times each GraphQL operation by name and type, and counts failures. */
export function graphqlMetricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operation, operationName, errors }) {
          end({ operation: operationName ?? 'anonymous', type: operation?.operation ?? 'unknown', outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
