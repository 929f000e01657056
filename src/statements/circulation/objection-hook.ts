import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type Tx } from '../../database/transaction.service.js';
import { type CirculationEntity } from '../core/circulation.entity.js';
import { type PositionEntity } from '../core/position.entity.js';
import { type StatementEntity } from '../core/statement.entity.js';

/**
 * What recording an OBJECTION asks of a running silence procedure. Circulation declares it and
 * statements/adoption provides it (SilenceService), so that circulation does not import adoption.
 */
export interface ObjectionHook {
  /** In the position's transaction, statement row locked: the silence circulation the objection breaks, or null; CONFLICT when objecting is closed. */
  objectionAllowed(em: EntityManager, statement: StatementEntity, versionId: string, delegationId: string): Promise<CirculationEntity | null>;
  /** In the same transaction, after the position is written: silence broken; returns what the audit records. */
  breakSilence(tx: Tx, statement: StatementEntity, circulation: CirculationEntity, objection: PositionEntity): Promise<Record<string, unknown>>;
}

/**
 * Where the adoption module plugs its ObjectionHook in (SilenceService, when it starts): the
 * adoption module imports the circulation module, so circulation cannot inject adoption's
 * services directly without a cycle between the two modules.
 */
@Injectable()
export class ObjectionHooks implements ObjectionHook {
  private hook: ObjectionHook | null = null;

  provide(hook: ObjectionHook): void {
    this.hook = hook;
  }

  objectionAllowed(em: EntityManager, statement: StatementEntity, versionId: string, delegationId: string): Promise<CirculationEntity | null> {
    return this.provided().objectionAllowed(em, statement, versionId, delegationId);
  }

  breakSilence(tx: Tx, statement: StatementEntity, circulation: CirculationEntity, objection: PositionEntity): Promise<Record<string, unknown>> {
    return this.provided().breakSilence(tx, statement, circulation, objection);
  }

  private provided(): ObjectionHook {
    if (!this.hook) throw new Error('No ObjectionHook: the adoption module (SilenceService) is not loaded');
    return this.hook;
  }
}
