import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

export const SCHEMA_FILE = 'schema.gql';

/** The committed form of the schema: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `# Generated from the code-first resolvers by \`npm run schema\`; a test fails when it is stale.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
