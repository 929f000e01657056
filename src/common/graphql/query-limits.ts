import { type ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  type DocumentNode,
  getNullableType,
  getOperationAST,
  GraphQLError,
  isListType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../errors/error-code.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Whether introspection is served at all (then it is exempt from the cost limit). */
  introspection: boolean;
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

/** True when every root field of the selection, through fragments too, is an introspection field. */
function onlyIntrospection(set: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): boolean {
  return set.selections.every((s) => {
    if (s.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(s.name.value);
    if (s.kind === Kind.INLINE_FRAGMENT) return onlyIntrospection(s.selectionSet, document, seen);
    if (seen.has(s.name.value)) return true;
    seen.add(s.name.value);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION && onlyIntrospection(fragment.selectionSet, document, seen);
  });
}

/**
 * An operation that asks for nothing but the schema (GraphiQL, codegen, Postman) costs what the
 * schema's size makes it cost, not what a client chose: it is exempt from the cost limit. Nesting
 * is still bounded by graphql-js's MaxIntrospectionDepthRule, and one data field in the same
 * operation loses the exemption.
 */
export function isIntrospectionOnly(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName ?? undefined);
  return operation?.operation === 'query' && onlyIntrospection(operation.selectionSet, document);
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
          if (limits.introspection && isIntrospectionOnly(document, request.operationName)) return;
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
