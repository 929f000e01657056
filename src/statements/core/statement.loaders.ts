import { type AuthUser } from '../../auth/auth-user.js';
import { rawReader } from '../../common/loaders/raw-reader.js';
import { type Loaders } from '../../common/loaders/loaders.js';
import { PositionEntity } from './position.entity.js';
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

/**
 * The current positions (one per delegation at most) on each of these versions, oldest first, one
 * query per request. Reads of the current stances ask for these rows only: the history of a busy
 * statement grows with every stance recorded, and reading all of it to keep a few dozen made each
 * read cost (in time and memory) grow with the statement's age.
 */
export function currentPositionsLoader(loaders: Loaders) {
  return loaders.get<string, PositionEntity[]>('statement.currentPositions', async (versionIds) => {
    const reader = rawReader(loaders.dataSource.getMetadata(PositionEntity))!;
    const rows: PositionEntity[] = await loaders.dataSource.query(
      `${reader.select} WHERE "version_id" = ANY($1::uuid[]) AND "current" ORDER BY "recorded_at"`,
      [versionIds],
    );
    const groups = new Map<string, PositionEntity[]>(versionIds.map((id) => [id, []]));
    for (const r of rows) groups.get(r.versionId)?.push(r);
    return versionIds.map((id) => groups.get(id) ?? []);
  });
}
