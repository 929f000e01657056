import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.js';

export enum SearchHitKind {
  STATEMENT = 'STATEMENT',
  MEETING = 'MEETING',
  ACTION_ITEM = 'ACTION_ITEM',
}
registerEnumType(SearchHitKind, { name: 'SearchHitKind' });

@ObjectType({ description: 'One thing you may open that matches a search; the field of its kind is set' })
export class SearchHit {
  @Field(() => ID, { description: 'The id of the statement, meeting or action item' }) id: string;
  @Field(() => SearchHitKind) kind: SearchHitKind;
  @Field(() => Float, { description: 'Relevance (ts_rank: title words weigh more than body text); hits come best first' }) score: number;
  @Field({ description: 'The matching passage, matched words between « and » (plain text, not HTML)' }) snippet: string;
  /** For a statement hit: the version whose text matched best (null when only the title did). */
  versionId: string | null;
}

@ObjectType()
export class SearchResultConnection extends Connection(SearchHit) {}
