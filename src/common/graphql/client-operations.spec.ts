import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  parse,
  typeFromAST,
  visit,
} from 'graphql';
import { checkCost, type QueryLimits, validateWithLimits } from './query-limits.js';

const root = join(__dirname, '../../..');
const schema = buildSchema(readFileSync(join(root, 'schema.gql'), 'utf8'));
/** The defaults of app-config.ts: what the web client meets in production. */
const limits: QueryLimits = { maxDepth: 10, maxAliases: 20, maxCost: 20_000, maxTokens: 5_000, introspection: false };

/** Every graphql(`…`) document of the web client's sources (web/src, generated gql/ excluded). */
function clientDefinitions(): DefinitionNode[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'gql') walk(join(dir, e.name));
      else if (/\.tsx?$/.test(e.name)) files.push(join(dir, e.name));
    }
  };
  walk(join(root, 'web/src'));
  return files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/graphql\(`([\s\S]*?)`\)/g)].flatMap((m) => parse(m[1]).definitions));
}

const definitions = clientDefinitions();
const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
const operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** Apollo Client asks every object for its `__typename` (for its cache): one more field each, in every list. */
function withTypenames<T extends OperationDefinitionNode | FragmentDefinitionNode>(node: T): T {
  return visit(node, {
    SelectionSet(set, _key, parent) {
      if (parent && (parent as OperationDefinitionNode).kind === Kind.OPERATION_DEFINITION) return undefined;
      if (set.selections.some((x) => x.kind === Kind.FIELD && x.name.value === '__typename')) return undefined;
      return { ...set, selections: [...set.selections, TYPENAME] };
    },
  });
}

/** The operation with the fragments it spreads, transitively, and Apollo's `__typename`s: the document the client sends. */
function documentOf(operation: OperationDefinitionNode): DocumentNode {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name) || !fragments.has(name)) return;
        used.set(name, fragments.get(name)!);
        collect(fragments.get(name)!);
      },
    });
  collect(operation);
  return { kind: Kind.DOCUMENT, definitions: [withTypenames(operation), ...[...used.values()].map(withTypenames)] };
}

/** A value of the type that coerces (required input fields only; lists of one); the client's page sizes are literals. */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return [placeholder(type.ofType)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].value;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(fields.map((f) => [f.name, placeholder(f.type)]));
  }
  const scalars: Record<string, unknown> = { ID: '00000000-0000-4000-8000-000000000000', Int: 20, Float: 1, Boolean: true, DateTime: '2030-01-01T00:00:00Z' };
  return scalars[named.name] ?? 'x';
}

function variablesOf(operation: OperationDefinitionNode): Record<string, unknown> {
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, placeholder(typeFromAST(schema, v.type) as GraphQLInputType)]),
  );
}

function costOf(document: DocumentNode, variables: Record<string, unknown>): number {
  const error = checkCost(schema, document, variables, undefined, { ...limits, maxCost: 0 });
  return Number(/cost (\d+)/.exec(error?.message ?? '')?.[1] ?? 0);
}

const costs = new Map<string, number>();

describe('the web client’s operations', () => {
  afterAll(() => {
    if (process.env.PRINT_COSTS) console.log([...costs].map(([n, c]) => `${n} ${c}`).join('\n'));
  });

  it('are found in its sources', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  // A page whose query passes codegen can still be refused at run time by the cost limit (lists
  // are charged at their cap): this keeps every operation the client sends within the defaults.
  it.each(operations.map((o) => [o.name?.value ?? '(anonymous)', o] as const))('%s stays within the depth, alias and cost limits', (_name, operation) => {
    const document = documentOf(operation);
    expect(validateWithLimits(schema, document, limits).map((e) => e.message)).toEqual([]);
    const cost = costOf(document, variablesOf(operation));
    expect(cost).toBeGreaterThan(0);
    costs.set(_name, cost);
    expect(cost).toBeLessThanOrEqual(limits.maxCost);
  });
});
