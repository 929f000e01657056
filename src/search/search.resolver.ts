import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ActionItemEntity } from '../action-items/action-item.entity.js';
import { ActionItem } from '../action-items/action-item.model.js';
import { type AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { type GqlContext } from '../common/graphql/gql-context.js';
import { ConnectionArgs } from '../common/pagination/connection.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { Meeting } from '../meetings/meeting.model.js';
import { Statement } from '../statements/core/statement.model.js';
import { StatementEntity } from '../statements/core/statement.entity.js';
import { SearchHit, SearchHitKind, SearchResultConnection } from './search.model.js';
import { SearchService } from './search.service.js';

@Resolver(() => SearchHit)
export class SearchResolver {
  constructor(private readonly service: SearchService) {}

  @Query(() => SearchResultConnection, {
    description:
      'Full-text search over the statements (every version’s text, in the statement’s language), meetings and action items you may open, best match first. Web-search syntax: "exact phrase", -without, or',
  })
  async search(@CurrentUser() user: AuthUser, @Args('query') query: string, @Args() args: ConnectionArgs): Promise<SearchResultConnection> {
    return this.service.search(user, query, args);
  }

  // Hits were filtered by each kind's visibility predicate: their rows load by id.
  @ResolveField(() => Statement, { nullable: true })
  async statement(@Parent() h: SearchHit, @Context() ctx: GqlContext): Promise<Statement | null> {
    if (h.kind !== SearchHitKind.STATEMENT) return null;
    const s = await ctx.loaders.byId(StatementEntity).load(h.id);
    return s ? Statement.from(s) : null;
  }

  @ResolveField(() => Meeting, { nullable: true })
  async meeting(@Parent() h: SearchHit, @Context() ctx: GqlContext): Promise<Meeting | null> {
    if (h.kind !== SearchHitKind.MEETING) return null;
    const m = await ctx.loaders.byId(MeetingEntity).load(h.id);
    return m ? Meeting.from(m) : null;
  }

  @ResolveField(() => ActionItem, { nullable: true })
  async actionItem(@Parent() h: SearchHit, @Context() ctx: GqlContext): Promise<ActionItem | null> {
    if (h.kind !== SearchHitKind.ACTION_ITEM) return null;
    const a = await ctx.loaders.byId(ActionItemEntity).load(h.id);
    return a ? ActionItem.from(a) : null;
  }
}
