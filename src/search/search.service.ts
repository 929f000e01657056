import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionItemAccess } from '../action-items/action-item-access.js';
import { ActionItemEntity } from '../action-items/action-item.entity.js';
import { type AuthUser } from '../auth/auth-user.js';
import { AppError } from '../common/errors/app-error.js';
import { type ConnectionArgs, type ConnectionResult } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { MeetingAccess } from '../meetings/meeting-access.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { StatementAccess } from '../statements/core/statement-access.js';
import { StatementEntity } from '../statements/core/statement.entity.js';
import { type SearchHit, SearchHitKind } from './search.model.js';

export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 200;

/** ts_headline options: short passages, matched words marked with « » (plain text: no HTML to escape). */
const HEADLINE = `'StartSel=«, StopSel=», MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;

/**
 * Statement texts are indexed in the statement's language (text_search_config, in the migration);
 * `multilingual_tsquery` parses the query under every configuration, OR-ed, so one GIN scan finds the
 * candidates in any language, and the test under the row's own configuration keeps only true matches.
 */
const STATEMENT_MATCHES = `(
  SELECT v.statement_id, v.id AS version_id, ts_rank(v.search_vector, websearch_to_tsquery(text_search_config(v.search_language), :searchQuery)) AS score
    FROM statement_versions v
   WHERE v.search_vector @@ multilingual_tsquery(:searchQuery) AND v.search_vector @@ websearch_to_tsquery(text_search_config(v.search_language), :searchQuery)
  UNION ALL
  SELECT t.id, NULL, ts_rank(t.search_vector, websearch_to_tsquery(text_search_config(t.language), :searchQuery))
    FROM statements t
   WHERE t.search_vector @@ multilingual_tsquery(:searchQuery) AND t.search_vector @@ websearch_to_tsquery(text_search_config(t.language), :searchQuery)
)`;
/** Meetings and action items are indexed in English (their generated search_vector columns). */
const ENGLISH = `websearch_to_tsquery('english', :searchQuery)`;

export interface SearchRow {
  kind: SearchHitKind;
  id: string;
  score: number;
  versionId: string | null;
}

/**
 * Global search over what the reader may open: statements (every version's text and the title, via
 * StatementAccess), meetings (MeetingAccess) and action items (ActionItemAccess) — each kind through
 * the same visibility predicate as its own lists, so no hit reveals anything else. Ranked by
 * relevance, then id, through the shared keyset pagination.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: StatementAccess,
    private readonly meetings: MeetingAccess,
    private readonly actionItems: ActionItemAccess,
  ) {}

  async search(actor: AuthUser, rawQuery: string, args: ConnectionArgs): Promise<ConnectionResult<SearchHit>> {
    const query = await this.validQuery(rawQuery);
    const ds = this.dataSource;

    const statements = ds
      .createQueryBuilder()
      .select(`'${SearchHitKind.STATEMENT}'::text`, 'kind')
      .addSelect('s.id', 'id')
      .addSelect('max(sm.score)', 'score')
      .addSelect('(array_agg(sm.version_id ORDER BY sm.score DESC, sm.version_id) FILTER (WHERE sm.version_id IS NOT NULL))[1]', 'version_id')
      .from(StatementEntity, 's')
      .innerJoin(STATEMENT_MATCHES, 'sm', 'sm.statement_id = s.id')
      .groupBy('s.id');
    this.statements.restrict(statements, 's', actor);

    const meetings = ds
      .createQueryBuilder()
      .select(`'${SearchHitKind.MEETING}'::text`, 'kind')
      .addSelect('m.id', 'id')
      .addSelect(`ts_rank(m.search_vector, ${ENGLISH})`, 'score')
      .addSelect('NULL::uuid', 'version_id')
      .from(MeetingEntity, 'm')
      .where(`m.search_vector @@ ${ENGLISH}`);
    this.meetings.restrict(meetings, 'm', actor);

    const items = ds
      .createQueryBuilder()
      .select(`'${SearchHitKind.ACTION_ITEM}'::text`, 'kind')
      .addSelect('ai.id', 'id')
      .addSelect(`ts_rank(ai.search_vector, ${ENGLISH})`, 'score')
      .addSelect('NULL::uuid', 'version_id')
      .from(ActionItemEntity, 'ai')
      .where(`ai.search_vector @@ ${ENGLISH}`);
    await this.actionItems.restrict(items, 'ai', actor);

    const hits = ds
      .createQueryBuilder()
      .select('h.kind', 'kind')
      .addSelect('h.id', 'id')
      .addSelect('h.score', 'score')
      .addSelect('h.version_id', 'versionId')
      .from(`(${statements.getQuery()} UNION ALL ${meetings.getQuery()} UNION ALL ${items.getQuery()})`, 'h')
      .setParameters({ ...statements.getParameters(), ...meetings.getParameters(), ...items.getParameters(), searchQuery: query });

    const page = await paginate(hits as never, args, { expression: 'h.score', direction: 'DESC' });
    const rows = page.edges.map((e) => e.node as unknown as SearchRow);
    const snippets = await this.snippets(query, rows);
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: { ...rows[i], score: Number(rows[i].score), snippet: snippets.get(rows[i].id) ?? '' } })),
      get totalCount() {
        return page.totalCount;
      },
    };
  }

  /** Trimmed; 2 to 200 characters with at least one searchable word, else BAD_USER_INPUT. */
  private async validQuery(raw: string): Promise<string> {
    const query = (raw ?? '').trim();
    if (query.length < MIN_QUERY_LENGTH || query.length > MAX_QUERY_LENGTH) {
      throw AppError.badInput('query', `query must be ${MIN_QUERY_LENGTH} to ${MAX_QUERY_LENGTH} characters`);
    }
    const [{ words }]: { words: number }[] = await this.dataSource.query('SELECT numnode(multilingual_tsquery($1)) AS words', [query]);
    if (!words) throw AppError.badInput('query', 'query has no word to search for');
    return query;
  }

  /** The matching passage of each hit of one page, in one query (ts_headline only runs on the page). */
  private async snippets(query: string, rows: SearchRow[]): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const of = (kind: SearchHitKind) => rows.filter((r) => r.kind === kind);
    const statementRows = of(SearchHitKind.STATEMENT);
    const result: { id: string; snippet: string }[] = await this.dataSource.query(
      `SELECT s.id, CASE WHEN v.id IS NULL
                THEN ts_headline(text_search_config(s.language), s.title, websearch_to_tsquery(text_search_config(s.language), $1), ${HEADLINE})
                ELSE ts_headline(text_search_config(v.search_language), (SELECT string_agg(p.value->>'text', ' ' ORDER BY p.ordinality) FROM jsonb_array_elements(v.paragraphs) WITH ORDINALITY p),
                                 websearch_to_tsquery(text_search_config(v.search_language), $1), ${HEADLINE})
              END AS snippet
         FROM unnest($2::uuid[], $3::uuid[]) AS x(id, version_id)
         JOIN statements s ON s.id = x.id
         LEFT JOIN statement_versions v ON v.id = x.version_id
       UNION ALL
       SELECT m.id, ts_headline('english', m.title || coalesce(' — ' || m.location, ''), websearch_to_tsquery('english', $1), ${HEADLINE})
         FROM meetings m WHERE m.id = ANY($4::uuid[])
       UNION ALL
       SELECT ai.id, ts_headline('english', ai.reference || ' ' || ai.title || coalesce(': ' || ai.description, ''), websearch_to_tsquery('english', $1), ${HEADLINE})
         FROM action_items ai WHERE ai.id = ANY($5::uuid[])`,
      [
        query,
        statementRows.map((r) => r.id),
        statementRows.map((r) => r.versionId),
        of(SearchHitKind.MEETING).map((r) => r.id),
        of(SearchHitKind.ACTION_ITEM).map((r) => r.id),
      ],
    );
    return new Map(result.map((r) => [r.id, r.snippet]));
  }
}
