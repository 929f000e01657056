import { type DataSource } from 'typeorm';
import { type CirculationEntity } from '../core/circulation.entity.js';
import { CirculationPurpose } from '../core/statement.enums.js';

/** Recipient delegations that still owe an answer: a position on the version (COMMENTS), else an acknowledgment. */
export async function unansweredDelegations(dataSource: DataSource, circulation: Pick<CirculationEntity, 'id' | 'purpose' | 'versionId'>): Promise<string[]> {
  const rows = await dataSource.query<{ delegation_id: string }[]>(
    circulation.purpose === CirculationPurpose.COMMENTS
      ? `SELECT r.delegation_id FROM circulation_recipients r
          WHERE r.circulation_id = $1 AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.version_id = $2 AND p.delegation_id = r.delegation_id AND p.current)`
      : `SELECT r.delegation_id FROM circulation_recipients r WHERE r.circulation_id = $1 AND r.acknowledged_at IS NULL AND $2::uuid IS NOT NULL`,
    [circulation.id, circulation.versionId],
  );
  return rows.map((r) => r.delegation_id);
}
