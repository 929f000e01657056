import { type ApolloServerPlugin } from '@apollo/server';
import { type MetricsService } from './metrics.service.js';

/** Times each GraphQL operation by name and type, and counts failures. */
export function graphqlMetricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const end = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operation, operationName, errors }) {
          // A document that never resolved to an operation (syntax, limits) is not worth a name.
          const label = operation ? metrics.operationLabel(operationName) : 'invalid';
          end({ operation: label, type: operation?.operation ?? 'unknown', outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
