import { expect } from '@jest/globals';
import { type GraphQLClient } from './graphql-client.js';

/**
 * Pages through a connection `size` at a time; checks each page's flags (full pages until the last,
 * no row twice, none skipped) and returns the ids in order.
 */
export async function pageAll(client: GraphQLClient, field: string, size: number, args = ''): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let page = 0; page < 50; page++) {
    const res: Record<string, any> = await client.data(
      `query($first: Int!, $after: String) { list: ${field}(first: $first, after: $after${args}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
      { first: size, after },
    );
    const list = res.list;
    total = list.totalCount;
    ids.push(...list.edges.map((e: any) => e.node.id));
    expect(list.edges.length).toBeLessThanOrEqual(size);
    if (!list.pageInfo.hasNextPage) break;
    expect(list.edges).toHaveLength(size);
    after = list.pageInfo.endCursor;
  }
  expect(new Set(ids).size).toBe(ids.length); // no row twice
  expect(ids).toHaveLength(total); // none skipped, and the last full page said so
  return ids;
}
