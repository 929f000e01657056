import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { type AuthUser } from '../auth/auth-user.js';
import { OutboxEventEntity } from '../outbox/outbox-event.entity.js';
import { Jobs, type JobKey, type JobPayloads } from '../queues/jobs.js';
import { toAuditJson } from '../audit/audit-json.js';
import { transaction } from './transaction-scope.js';

export const OUTBOX_CHANNEL = 'outbox_events';

export interface EnqueueOptions {
  /** Deterministic id (re-enqueueing the same id is a no-op); defaults to the outbox row id. */
  jobId?: string;
  /** Delayed job: run at this time. */
  runAt?: Date;
}

/** What a unit of work can do besides using the entity manager. */
export interface Tx {
  readonly em: EntityManager;
  /** Records the state change (exactly one per mutation). */
  // Function properties, not methods: the implementation is closures, so units of work may destructure them.
  audit: (action: string, entityType: string, entityId: string, change: { before?: unknown; after?: unknown }) => void;
  /** Schedules a job that the relay hands to BullMQ after commit. */
  enqueue: <K extends JobKey>(job: K, data: JobPayloads[K], options?: EnqueueOptions) => void;
  /** Removes a job (e.g. a reminder that no longer applies) after commit. */
  cancelJob: (job: JobKey, jobId: string) => void;
}

export interface Actor {
  user: AuthUser | null;
  requestId?: string;
}

/**
 * Runs a unit of work in one transaction together with its audit event and outbox rows, so that
 * a change, its record and its jobs commit or roll back together. No compensating deletes.
 */
@Injectable()
export class TransactionService {
  constructor(private readonly dataSource: DataSource) {}

  /** A mutation by a user: must record exactly one audit event. */
  mutate<T>(user: AuthUser, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.execute({ user, requestId: user.requestId }, work, true);
  }

  /** Work done by the system (jobs, loaders): audit events optional. */
  system<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.execute({ user: null }, work, false);
  }

  private execute<T>(actor: Actor, work: (tx: Tx) => Promise<T>, requireAudit: boolean): Promise<T> {
    return transaction(this.dataSource, async (em) => {
      const audits: Partial<AuditEventEntity>[] = [];
      const outbox: Partial<OutboxEventEntity>[] = [];
      const tx: Tx = {
        em,
        audit: (action, entityType, entityId, change) => {
          audits.push({
            actorId: actor.user?.id ?? null,
            action,
            entityType,
            entityId,
            before: toAuditJson(change.before),
            after: toAuditJson(change.after),
            requestId: actor.requestId ?? null,
          });
        },
        enqueue: (job, data, options = {}) => {
          const id = randomUUID();
          outbox.push({
            id,
            operation: 'ADD',
            queue: Jobs[job].queue,
            jobName: Jobs[job].name,
            jobId: options.jobId ?? id,
            payload: data,
            runAt: options.runAt ?? null,
          });
        },
        cancelJob: (job, jobId) => {
          outbox.push({ id: randomUUID(), operation: 'REMOVE', queue: Jobs[job].queue, jobName: Jobs[job].name, jobId, payload: {} });
        },
      };

      const result = await work(tx);

      if (requireAudit && audits.length !== 1) {
        throw new Error(`A mutation must record exactly one audit event, this one recorded ${audits.length}`);
      }
      if (audits.length > 0) await em.insert(AuditEventEntity, audits);
      if (outbox.length > 0) {
        await em.insert(OutboxEventEntity, outbox);
        // Delivered to the relay's LISTEN only when (and if) this transaction commits.
        await em.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, String(outbox.length)]);
      }
      return result;
    });
  }
}
