import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type AuthUser } from '../auth/auth-user.js';
import { authorize, Policy } from '../auth/policy.js';
import { AppError } from '../common/errors/app-error.js';
import { type ConnectionArgs } from '../common/pagination/connection.js';
import { paginate } from '../common/pagination/paginate.js';
import { TransactionService } from '../database/transaction.service.js';
import { BodyEntity } from './body.entity.js';
import { BodyKind } from './delegation-kind.enum.js';
import { DelegationEntity } from './delegation.entity.js';
import { type BodyFilter, type CreateBodyInput } from './delegation.inputs.js';
import { enforceListCap } from '../common/graphql/list-caps.js';

@Injectable()
export class BodiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
  ) {}

  /** Bodies are readable by every signed-in user. */
  list(filter: BodyFilter | undefined, args: ConnectionArgs) {
    const qb = this.dataSource.getRepository(BodyEntity).createQueryBuilder('b');
    if (filter?.kind) qb.andWhere('b.kind = :kind', { kind: filter.kind });
    if (filter?.parentId) qb.andWhere('b.parent_id = :parentId', { parentId: filter.parentId });
    return paginate(qb, args, { expression: 'b.name' });
  }

  async findOne(id: string): Promise<BodyEntity> {
    const body = await this.dataSource.getRepository(BodyEntity).findOneBy({ id });
    if (!body) throw AppError.notFound('Body', id);
    return body;
  }

  async create(actor: AuthUser, input: CreateBodyInput): Promise<BodyEntity> {
    authorize(Policy.manageDelegations(actor), 'Only administrators and organizers create bodies');
    return this.tx.mutate(actor, async ({ em, audit }) => {
      if (await em.existsBy(BodyEntity, { name: input.name })) throw AppError.badInput('name', 'A body with this name already exists');
      if (input.parentId) {
        const parent = await em.findOneBy(BodyEntity, { id: input.parentId });
        if (!parent) throw AppError.badInput('parentId', 'No such body');
        if (parent.kind === BodyKind.WORKING_PARTY && input.kind !== BodyKind.WORKING_PARTY) {
          throw AppError.badInput('parentId', 'Only working parties can sit under a working party');
        }
      }
      const memberIds = [...new Set(input.memberDelegationIds)];
      const members = memberIds.length ? await em.findBy(DelegationEntity, { id: In(memberIds) }) : [];
      if (members.length !== memberIds.length) throw AppError.badInput('memberDelegationIds', 'Some delegations do not exist');
      if (input.chairDelegationId && !(await em.existsBy(DelegationEntity, { id: input.chairDelegationId }))) {
        throw AppError.badInput('chairDelegationId', 'No such delegation');
      }
      const body = em.create(BodyEntity, {
        kind: input.kind,
        name: input.name,
        parentId: input.parentId ?? null,
        chairDelegationId: input.chairDelegationId ?? null,
        jha: input.jha,
        publicMeetings: input.publicMeetings,
        members,
      });
      await em.save(body);
      await enforceListCap(em, 'Body.members', body.id, 'memberDelegationIds');
      if (body.parentId) await enforceListCap(em, 'Body.children', body.parentId, 'parentId');
      audit('body.created', 'Body', body.id, { after: { ...body, members: memberIds } });
      return body;
    });
  }

  /** Member delegation ids per body, for loaders; inside a transaction, pass its manager. */
  async memberIds(bodyIds: readonly string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    const rows: { body_id: string; delegation_id: string }[] = await em.query('SELECT body_id, delegation_id FROM body_members WHERE body_id = ANY($1)', [
      bodyIds,
    ]);
    const map = new Map<string, string[]>(bodyIds.map((id) => [id, []]));
    for (const r of rows) map.get(r.body_id)?.push(r.delegation_id);
    return map;
  }
}
