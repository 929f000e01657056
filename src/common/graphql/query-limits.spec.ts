import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  type DocumentNode,
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
} from 'graphql';
import { checkCost, type QueryLimits } from './query-limits.js';

const root = join(__dirname, '../../..');
const schema = buildSchema(readFileSync(join(root, 'schema.gql'), 'utf8'));
const limits: QueryLimits = { maxDepth: 10, maxAliases: 20, maxCost: 20_000, maxTokens: 5_000, introspection: true };

/** A value of the type, as a client would send it (required input fields only; lists of one). */
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

/** Variables for every variable the operation declares (the README's take ids from earlier answers). */
function variablesOf(document: DocumentNode): Record<string, unknown> {
  const operation = document.definitions[0] as OperationDefinitionNode;
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, placeholder(typeFromAST(schema, v.type) as GraphQLInputType)]),
  );
}

/** Cost of a one-operation document, read off the error of a zero limit. */
function costOf(document: DocumentNode): number {
  const error = checkCost(schema, document, variablesOf(document), undefined, { ...limits, maxCost: 0 });
  return Number(/cost (\d+)/.exec(error?.message ?? '')?.[1] ?? 0);
}

/** Every operation of the README's ```graphql blocks, one document each. */
function readmeOperations(): DocumentNode[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block) => parse(block).definitions.map((d) => ({ kind: Kind.DOCUMENT, definitions: [d] })));
}

describe('query cost', () => {
  it('lets every query the README shows through the default limit', () => {
    const operations = readmeOperations();
    expect(operations.length).toBeGreaterThan(3);
    for (const document of operations) {
      expect(costOf(document)).toBeGreaterThan(0);
      expect(checkCost(schema, document, variablesOf(document), undefined, limits)).toBeNull();
    }
  });

  it('charges unpaged lists their declared maximum, multiplied when nested', () => {
    // members (100 per delegation) › user › memberships (20 per person) › delegation › name
    const cost = costOf(parse('{ delegations(first: 1) { edges { node { members { user { memberships { delegation { name } } } } } } } }'));
    const memberships = 1 + 20 * (1 + 1);
    const members = 1 + 100 * (1 + memberships);
    expect(cost).toBe(1 + 1 * (members + 2));
    // The first-level list of each kind alone.
    expect(costOf(parse('{ meeting(id: "x") { agenda { title } } }'))).toBe(1 + 1 + 50);
    expect(costOf(parse('{ meeting(id: "x") { outcomeOfProceedingsHistory { revision } } }'))).toBe(1 + 1 + 50);
  });

  it('charges a diff its work whatever it selects, so a few aliases of it exhaust the limit', () => {
    const diffs = (n: number) =>
      parse(`{ statement(id: "x") { currentVersion { ${Array.from({ length: n }, (_, i) => `d${i}: diff(against: "y") { key }`).join(' ')} } } }`);
    // 2,000 of work + the list of at most 200 changes.
    expect(costOf(diffs(1))).toBe(1 + 1 + 2_000 + 1 + 200);
    expect(checkCost(schema, diffs(9), {}, undefined, limits)).toBeNull();
    expect(checkCost(schema, diffs(10), {}, undefined, limits)?.message).toMatch(/too expensive/);
    // The README's diff, words included, still fits on its own.
    expect(
      checkCost(schema, parse('{ statement(id: "x") { currentVersion { label diff(against: "y") { key type words { op text } } } } }'), {}, undefined, limits),
    ).toBeNull();
  });

  it('costs a repeated document once, but again whenever a variable can change its cost', () => {
    const fixed = parse('query($id: ID!) { meeting(id: $id) { agenda { title } } }');
    const withLimit = (maxCost: number) => ({ ...limits, maxCost });
    expect(checkCost(schema, fixed, { id: 'a' }, undefined, withLimit(100))).toBeNull();
    expect(checkCost(schema, fixed, { id: 'b' }, undefined, withLimit(100))).toBeNull();
    // A known cost over a lower limit is still refused, with the same error.
    expect(checkCost(schema, fixed, { id: 'c' }, undefined, withLimit(10))?.message).toMatch(/cost 52, limit 10/);
    const paged = parse('query($n: Int, $all: Boolean!) { meetings(first: $n) { edges { node { title agenda @include(if: $all) { title } } } } }');
    expect(checkCost(schema, paged, { n: 1, all: false }, undefined, withLimit(100))).toBeNull();
    expect(checkCost(schema, paged, { n: 50, all: false }, undefined, withLimit(100))?.message).toMatch(/too expensive/);
    expect(checkCost(schema, paged, { n: 1, all: true }, undefined, withLimit(50))?.message).toMatch(/too expensive/);
  });
});
