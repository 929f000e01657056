import { type AuthUser } from '../../auth/auth-user.js';
import { type Loaders } from '../../common/loaders/loaders.js';
import { type StatementAccess } from './statement-access.js';
import { signatoriesOf, type SignatoryRow } from './signatories.js';
import { StatementEntity } from './statement.entity.js';

/** Member delegations per body, one query per request. */
export function bodyMembersLoader(loaders: Loaders) {
  return loaders.get<string, string[]>('statement.bodyMembers', async (bodyIds) => {
    const rows: { body_id: string; delegation_id: string }[] = await loaders.dataSource.query(
      `SELECT bm.body_id, bm.delegation_id FROM body_members bm JOIN delegations d ON d.id = bm.delegation_id WHERE bm.body_id = ANY($1) ORDER BY d.code`,
      [bodyIds],
    );
    const groups = new Map<string, string[]>(bodyIds.map((id) => [id, []]));
    for (const r of rows) groups.get(r.body_id)?.push(r.delegation_id);
    return bodyIds.map((id) => groups.get(id) ?? []);
  });
}

/** Statements of each agenda item that the viewer may read (fully, or published), by reference. */
export function agendaItemStatementsLoader(loaders: Loaders, access: StatementAccess, viewer: AuthUser) {
  return loaders.get<string, StatementEntity[]>('statement.byAgendaItem', async (itemIds) => {
    const qb = loaders.dataSource
      .getRepository(StatementEntity)
      .createQueryBuilder('s')
      .where('s.agenda_item_id IN (:...itemIds)', { itemIds: [...itemIds] });
    const rows = await access.restrictReadable(qb, 's', viewer).orderBy('s.reference_year').addOrderBy('s.reference').getMany();
    const groups = new Map<string, StatementEntity[]>(itemIds.map((id) => [id, []]));
    for (const s of rows) groups.get(s.agendaItemId!)?.push(s);
    return itemIds.map((id) => groups.get(id) ?? []);
  });
}

/** Signatories (adopters, then endorsers) per statement, one query per request. */
export function signatoriesLoader(loaders: Loaders) {
  return loaders.get<string, SignatoryRow[]>('statement.signatories', async (statementIds) => {
    const groups = await signatoriesOf(loaders.dataSource, statementIds);
    return statementIds.map((id) => groups.get(id) ?? []);
  });
}
