import { expect } from '@jest/globals';
import { type GraphQLFormattedError } from 'graphql';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

/**
 * What a current GraphQL client accepts (graphql-http's, Apollo Client's): the spec's media type
 * first, so request errors come back 400 (the legacy application/json would get 200).
 */
export const GRAPHQL_ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

/** Talks GraphQL over HTTP to the app under test, as one user (or anonymously). */
export class GraphQLClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_ACCEPT, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  }

  /** The data of a request that must succeed. */
  async data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  /** The first error of a request that must fail, checked for its code (and field). */
  async error(query: string, variables: Record<string, unknown> | undefined, code: string, field?: string): Promise<GraphQLFormattedError> {
    const res = await this.request(query, variables);
    expect(res.errors?.length).toBeGreaterThan(0);
    const error = res.errors![0];
    expect(error.extensions?.code).toBe(code);
    if (field !== undefined) expect(error.extensions?.field).toBe(field);
    expect(JSON.stringify(error)).not.toMatch(/stacktrace| {4}at /);
    return error;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
  }
}
