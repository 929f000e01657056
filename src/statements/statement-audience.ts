import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AudienceMember {
  id: string;
  name: string;
  timezone: string;
}

export interface StatementAudienceFacts {
  statementId: string;
  reference: string;
  title: string;
  /** The body's member delegations and every delegation the statement was circulated to. */
  delegationIds: string[];
  /** Their active members, each once. */
  members: AudienceMember[];
}

/**
 * Who is concerned by what happens to a statement as a whole (adoption, silence broken,
 * publication, withdrawal): the body's member delegations and the delegations it was circulated
 * to, and their active members, each person once.
 */
@Injectable()
export class StatementAudience {
  constructor(private readonly dataSource: DataSource) {}

  /** `extraDelegationIds`: delegations concerned this time too (e.g. the one that endorsed). */
  async of(statementId: string, extraDelegationIds: readonly string[] = []): Promise<StatementAudienceFacts | null> {
    const [statement]: { id: string; reference: string; title: string; delegation_ids: string[] | null }[] = await this.dataSource.query(
      `SELECT s.id, s.reference, s.title,
              ARRAY(SELECT bm.delegation_id FROM body_members bm WHERE bm.body_id = s.body_id
                    UNION
                    SELECT r.delegation_id FROM circulation_recipients r JOIN circulations c ON c.id = r.circulation_id WHERE c.statement_id = s.id) AS delegation_ids
         FROM statements s WHERE s.id = $1`,
      [statementId],
    );
    if (!statement) return null;
    const delegationIds = [...new Set([...(statement.delegation_ids ?? []), ...extraDelegationIds])].sort();
    return { statementId: statement.id, reference: statement.reference, title: statement.title, delegationIds, members: await this.membersOf(delegationIds) };
  }

  /** Active members of the delegations, each person once. */
  membersOf(delegationIds: readonly string[]): Promise<AudienceMember[]> {
    return this.dataSource.query(
      `SELECT DISTINCT u.id, u.name, u.timezone FROM users u JOIN delegation_memberships dm ON dm.user_id = u.id
        WHERE dm.delegation_id = ANY($1) AND u.active ORDER BY u.id`,
      [delegationIds],
    );
  }
}
