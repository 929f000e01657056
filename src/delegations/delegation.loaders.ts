import { type Loaders } from '../common/loaders/loaders.js';
import { DelegationEntity } from './delegation.entity.js';

/** Member delegations per body, in one query for all bodies of a request. */
export function bodyMembersLoader(loaders: Loaders) {
  return loaders.get<string, DelegationEntity[]>('body.members', async (bodyIds) => {
    const rows = await loaders.dataSource
      .getRepository(DelegationEntity)
      .createQueryBuilder('d')
      .innerJoin('body_members', 'bm', 'bm.delegation_id = d.id')
      .addSelect('bm.body_id', 'body_id')
      .where('bm.body_id = ANY(:bodyIds)', { bodyIds })
      .orderBy('d.code')
      .getRawAndEntities();
    const byId = new Map(rows.entities.map((d) => [d.id, d]));
    const groups = new Map<string, DelegationEntity[]>(bodyIds.map((id) => [id, []]));
    for (const raw of rows.raw as { body_id: string; d_id: string }[]) {
      const d = byId.get(raw.d_id);
      if (d) groups.get(raw.body_id)?.push(d);
    }
    return bodyIds.map((id) => groups.get(id) ?? []);
  });
}
