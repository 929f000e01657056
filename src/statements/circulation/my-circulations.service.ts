import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { delegationIdsOf, type AuthUser } from '../../auth/auth-user.js';
import { type ConnectionArgs } from '../../common/pagination/connection.js';
import { paginate } from '../../common/pagination/paginate.js';
import { CirculationEntity, CirculationRecipientEntity } from '../core/circulation.entity.js';
import { StatementAccess } from '../core/statement-access.js';
import { StatementEntity } from '../core/statement.entity.js';

/** A delegate's inbox of circulations: the recipients rows of their delegations, soonest deadline first. */
@Injectable()
export class MyCirculationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: StatementAccess,
  ) {}

  list(actor: AuthUser, pendingOnly: boolean, args: ConnectionArgs) {
    const qb = this.dataSource
      .getRepository(CirculationRecipientEntity)
      .createQueryBuilder('r')
      .innerJoin(CirculationEntity, 'c', 'c.id = r.circulation_id')
      .innerJoin(StatementEntity, 'st', 'st.id = c.statement_id')
      .where('r.delegation_id = ANY(:mine)', { mine: delegationIdsOf(actor) });
    this.access.restrict(qb, 'st', actor);
    if (pendingOnly) {
      // Open, and not answered: acknowledged, or for COMMENTS a position on the version.
      qb.andWhere(`c.status = 'OPEN'`).andWhere(
        `(CASE WHEN c.purpose = 'COMMENTS'
               THEN NOT EXISTS (SELECT 1 FROM positions mp WHERE mp.version_id = c.version_id AND mp.delegation_id = r.delegation_id AND mp.current)
               ELSE r.acknowledged_at IS NULL END)`,
      );
    }
    return paginate(qb, args, { expression: `COALESCE(c.deadline, 'infinity'::timestamptz)` });
  }
}
