import { type Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE} (null: ${DEFAULT_PAGE_SIZE})` })
  // An explicit null means the default page size (it used to slip past the checks as LIMIT 1).
  @Transform(({ value }: { value: unknown }) => value ?? DEFAULT_PAGE_SIZE)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page' })
  @IsOptional()
  @IsString()
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionResult<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted only when the query asks for it (a getter: fields without resolvers read the property). */
  readonly totalCount: number | Promise<number>;
}

/** Relay connection type for `node`: `@ObjectType() class XConnection extends Connection(X) {}`. */
export function Connection<T>(node: Type<T>) {
  @ObjectType(`${node.name}Edge`)
  class EdgeType {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionResult<T> {
    @Field(() => [EdgeType]) edges: Edge<T>[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number | Promise<number>;
  }
  return ConnectionType;
}

/** Maps the nodes of a connection (entity → GraphQL model) and keeps cursors and page info. */
export function mapConnection<A, B>(c: ConnectionResult<A>, fn: (a: A) => B): ConnectionResult<B> {
  return {
    pageInfo: c.pageInfo,
    edges: c.edges.map((e) => ({ cursor: e.cursor, node: fn(e.node) })),
    // Still lazy: read only if the query asks for totalCount.
    get totalCount() {
      return c.totalCount;
    },
  };
}
