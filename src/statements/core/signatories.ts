import { registerEnumType } from '@nestjs/graphql';
import { type DataSource, type EntityManager } from 'typeorm';

export enum SignatoryKind {
  /** Took part in the adoption. */
  ADOPTED = 'ADOPTED',
  /** Joined the published statement afterwards. */
  ENDORSED = 'ENDORSED',
}
registerEnumType(SignatoryKind, { name: 'SignatoryKind' });

export interface SignatoryRow {
  statementId: string;
  delegationId: string;
  code: string;
  name: string;
  kind: SignatoryKind;
  since: Date;
}

/**
 * The delegations that adopted each statement, as of its adoption: the recipients of a circulation
 * of the adopted version, with their stance as it stood at `adopted_at` (later positions change
 * nothing, and a delegation the text was never circulated to did not adopt it):
 *  - by consensus: those that held SUPPORT or ABSTAIN (consensus needs every member to);
 *  - by silence: the recipients of the SILENCE circulation that did not object (silence is consent;
 *    a reservation short of an objection does not break it, so a reserving delegation adopted it too).
 * One rule, used by `Statement.signatories`, the public read, the endorsement rule and the
 * visibility of commitment action items; `filter` picks the rows ($1: statement ids, or delegation ids).
 */
const adoptersSql = (filter: string) => `
  SELECT DISTINCT s.id AS statement_id, r.delegation_id, s.adopted_at AS since
    FROM statements s
    JOIN circulations c ON c.version_id = s.adopted_version_id AND (s.adoption_method IS DISTINCT FROM 'SILENCE' OR c.purpose = 'SILENCE')
    JOIN circulation_recipients r ON r.circulation_id = c.id
    LEFT JOIN LATERAL (
      SELECT p.stance FROM positions p
       WHERE p.version_id = s.adopted_version_id AND p.delegation_id = r.delegation_id AND p.recorded_at <= s.adopted_at
       ORDER BY p.recorded_at DESC, p.current DESC LIMIT 1
    ) p ON TRUE
   WHERE ${filter} AND s.adopted_version_id IS NOT NULL AND s.adopted_at IS NOT NULL
     AND CASE WHEN s.adoption_method = 'SILENCE' THEN p.stance IS DISTINCT FROM 'OBJECTION' ELSE p.stance IN ('SUPPORT', 'ABSTAIN') END`;
const ADOPTERS_SQL = adoptersSql('s.id = ANY($1)');

/**
 * SQL: the ids of the statements the delegations `delegationIds` (a parameter: `$1` or `:name`) signed —
 * adopted (as above) or endorsed. Starts from the delegations' circulation receipts and
 * endorsements (both indexed by delegation), so it stays small however many statements exist.
 */
export const signedBySql = (delegationIds: string) => `
  SELECT statement_id FROM (${adoptersSql(`r.delegation_id = ANY(${delegationIds})`)}) adopted
  UNION
  SELECT e.statement_id FROM endorsements e WHERE e.delegation_id = ANY(${delegationIds})`;

/** Adopting delegation ids of one statement (for the rule that an adopter does not endorse). */
export async function adoptersOf(db: EntityManager | DataSource, statementId: string): Promise<Set<string>> {
  const rows: { delegation_id: string }[] = await db.query(ADOPTERS_SQL, [[statementId]]);
  return new Set(rows.map((r) => r.delegation_id));
}

/**
 * Signatories of each statement: the adopters (since the adoption), then the endorsers (since their
 * endorsement), each delegation once, in the order they signed (then by code).
 */
export async function signatoriesOf(db: EntityManager | DataSource, statementIds: readonly string[]): Promise<Map<string, SignatoryRow[]>> {
  const rows: { statement_id: string; delegation_id: string; code: string; name: string; kind: SignatoryKind; since: Date }[] = await db.query(
    `WITH adopters AS (${ADOPTERS_SQL}),
          signed AS (
            SELECT statement_id, delegation_id, since, 'ADOPTED' AS kind FROM adopters
            UNION ALL
            SELECT e.statement_id, e.delegation_id, e.endorsed_at, 'ENDORSED' FROM endorsements e
             WHERE e.statement_id = ANY($1)
               AND NOT EXISTS (SELECT 1 FROM adopters a WHERE a.statement_id = e.statement_id AND a.delegation_id = e.delegation_id))
     SELECT g.statement_id, g.delegation_id, d.code, d.name, g.kind, g.since
       FROM signed g JOIN delegations d ON d.id = g.delegation_id
      ORDER BY g.statement_id, g.since, d.code`,
    [statementIds],
  );
  const out = new Map<string, SignatoryRow[]>(statementIds.map((id) => [id, []]));
  for (const r of rows) {
    out.get(r.statement_id)?.push({ statementId: r.statement_id, delegationId: r.delegation_id, code: r.code, name: r.name, kind: r.kind, since: r.since });
  }
  return out;
}
