import { type ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  type ASTNode,
  BREAK,
  type DocumentNode,
  getNullableType,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  isListType,
  Kind,
  OperationTypeNode,
  parse,
  type SelectionSetNode,
  specifiedRules,
  validate,
  visit,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../errors/error-code.js';
import { DEFAULT_PAGE_SIZE } from '../pagination/connection.js';
import { listCapOf } from './list-caps.js';

/**
 * The limits every GraphQL operation passes, whatever the transport: the HTTP pipeline (Apollo
 * plugin below) and graphql-ws (graphql-ws.server.ts) call these same functions.
 *  1. parse with a token cap: a huge document is dropped while lexing and never validated (the
 *     cost of graphql-js validation grows with the square of the fields a document repeats, so
 *     this cap is what bounds it);
 *  2. graphql-js validation plus depth and alias limits;
 *  3. cost, once variables are known, before execution.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
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
  return operation?.operation === OperationTypeNode.QUERY && onlyIntrospection(operation.selectionSet, document);
}

const limitFailure = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, ...extra, http: { status: 400 } } });

/** Report a rejection as a validation error instead of throwing. */
const reportInstead = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')))],
};

export function limitValidationRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true, ...reportInstead }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...reportInstead }),
  ];
}

/** `parse` options shared by both transports. */
export const parseOptions = (limits: QueryLimits) => ({ maxTokens: limits.maxTokens });

/** Parses with the token cap; a GraphQLError (syntax or too many tokens) otherwise. */
export function parseLimited(source: string, limits: QueryLimits): DocumentNode {
  return parse(source, parseOptions(limits));
}

/** Full validation as Apollo runs it for HTTP: graphql-js's rules plus the limits (for graphql-ws). */
export function validateWithLimits(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...limitValidationRules(limits)]);
}

/**
 * A list without a declared maximum (list-caps.spec.ts keeps the schema free of them) is charged
 * as a full page, never less than the server could return.
 */
const UNDECLARED_LIST_SIZE = 100;

/**
 * A paged field costs its page size times what each item asks for; any other list, its declared
 * maximum (list-caps.ts: what the server can return) times that. `edges` is already counted by its
 * connection's page size.
 */
const listEstimator: ComplexityEstimator = ({ args, type, field, childComplexity }) => {
  const child = Math.max(1, childComplexity);
  if (typeof args.first === 'number') return 1 + args.first * child;
  // first: null is served as the default page size (ConnectionArgs), so it costs as much.
  if ('first' in args && args.first === null) return 1 + DEFAULT_PAGE_SIZE * child;
  if (field.name !== 'edges' && isListType(getNullableType(field.type))) return 1 + (listCapOf(type.name, field.name) ?? UNDECLARED_LIST_SIZE) * child;
  return undefined;
};

/**
 * Fields whose work does not show in what they return, charged on top of their lists whatever
 * the selection: `StatementVersion.diff` compares two versions of up to 200,000 characters word by
 * word within DiffBounds (statement-diff.ts: up to about 150 ms of one core, in turns). At 2,000,
 * one operation asks for at most nine diffs (ten aliases of `diff { key }` cost 22,012), and a
 * diff with its words (some 18,600) stays alone.
 */
export const FIELD_WORK_COST: Readonly<Record<string, number>> = {
  'StatementVersion.diff': 2_000,
};

const workEstimator: ComplexityEstimator = (options) => {
  const work = FIELD_WORK_COST[`${options.type.name}.${options.field.name}`];
  if (work === undefined) return undefined;
  return work + (listEstimator(options) ?? simpleEstimator({ defaultComplexity: 1 })(options) ?? 1);
};

/**
 * Whether a variable can change the document's cost: only through `first` (listEstimator, the one
 * estimator that reads an argument) and @skip/@include (getComplexity evaluates them).
 */
function costReadsVariables(document: DocumentNode): boolean {
  let reads = false;
  const inside = (node: ASTNode) =>
    visit(node, {
      Variable() {
        reads = true;
        return BREAK;
      },
    });
  visit(document, {
    Argument: (node) => (node.name.value === 'first' ? inside(node) : undefined),
    Directive: (node) => inside(node),
  });
  return reads;
}

/**
 * Costs of documents no variable can change, by schema, document and operation name. Apollo's
 * document cache hands the same document object for the same text (graphql-ws parses each time),
 * so a repeated operation is costed once; the entries go with the documents.
 */
const knownCosts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();

/** The cost error for an operation over the limit, or null. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined | null,
  operationName: string | undefined | null,
  limits: QueryLimits,
): GraphQLError | null {
  if (limits.introspection && isIntrospectionOnly(document, operationName)) return null;
  let bySchema = knownCosts.get(schema);
  if (!bySchema) knownCosts.set(schema, (bySchema = new WeakMap<DocumentNode, Map<string, number>>()));
  const known = bySchema.get(document)?.get(operationName ?? '');
  // Within the limit: nothing to say. Over it, the cost is computed again: its error is as below.
  if (known !== undefined && known <= limits.maxCost) return null;
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [workEstimator, listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Variables that do not coerce: execution rejects them with BAD_USER_INPUT before running anything.
    return null;
  }
  if (known === undefined && !costReadsVariables(document)) {
    let byOperation = bySchema.get(document);
    if (!byOperation) bySchema.set(document, (byOperation = new Map<string, number>()));
    byOperation.set(operationName ?? '', cost);
  }
  if (cost <= limits.maxCost) return null;
  return limitFailure(`Query is too expensive: cost ${cost}, limit ${limits.maxCost}. Ask for fewer or smaller pages.`, { cost, maxCost: limits.maxCost });
}

/** The cost limit in Apollo's HTTP pipeline (the token cap and rules are Apollo options). */
export function costLimitPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart({ schema }) {
      return {
        async didResolveOperation({ request, document }) {
          const error = checkCost(schema, document, request.variables, request.operationName, limits);
          if (error) throw error;
        },
      };
    },
  };
}
