import { type ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { getNullableType, GraphQLError, isListType, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../errors/error-code.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/** Report a rejection as an ordinary validation error (400, GRAPHQL_VALIDATION_FAILED) instead of throwing. */
const reportInstead = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')))],
};

/** Depth and alias limits run as validation rules, so an abusive document never executes. */
export function limitValidationRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true, ...reportInstead }) as unknown as ValidationRule,
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...reportInstead }) as unknown as ValidationRule,
  ];
}

/** Assumed length of a list that has no page size (agenda items, members, participants). */
const UNPAGED_LIST_SIZE = 10;

/**
 * A paged field costs its page size times what each item asks for; any other list, an assumed
 * length times that. `edges` is already counted by its connection's page size.
 */
const listEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  const child = Math.max(1, childComplexity);
  if (typeof args.first === 'number') return 1 + args.first * child;
  if (field.name !== 'edges' && isListType(getNullableType(field.type))) return 1 + UNPAGED_LIST_SIZE * child;
  return undefined;
};

/**
 * Cost limit, computed once the operation and its variables are known (page sizes usually come as
 * variables), still before execution.
 */
export function costLimitPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not coerce: execution rejects them with BAD_USER_INPUT before running anything.
            return;
          }
          if (cost > limits.maxCost) {
            throw new GraphQLError(`Query is too expensive: cost ${cost}, limit ${limits.maxCost}. Ask for fewer or smaller pages.`, {
              extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, cost, maxCost: limits.maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
