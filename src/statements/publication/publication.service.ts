import { Injectable } from '@nestjs/common';
import { type AuthUser } from '../../auth/auth-user.js';
import { authorize, Policy } from '../../auth/policy.js';
import { AppError } from '../../common/errors/app-error.js';
import { TransactionService } from '../../database/transaction.service.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { EndorsementEntity } from './endorsement.entity.js';
import { adoptersOf } from '../core/signatories.js';
import { StatementAccess } from '../core/statement-access.js';
import { StatementEvents } from '../core/statement-events.js';
import { assertTransition } from '../core/statement-lifecycle.js';
import { StatementStatus } from '../core/statement.enums.js';
import { StatementEntity } from '../core/statement.entity.js';
import { type EndorseStatementInput, type PublishStatementInput } from './publication.inputs.js';

/** Clocks of clients and server differ a little: "now" given by a client may be this far ahead. */
const CLOCK_SKEW_MS = 60_000;

/** Thrown inside the transaction when the delegation already endorsed: it rolls back (it wrote nothing) and the existing row is returned. */
class AlreadyEndorsed extends Error {
  constructor(readonly endorsement: EndorsementEntity) {
    super('already endorsed');
  }
}

/**
 * Publication of an adopted statement and the endorsements that follow it. Publishing makes the
 * adopted version readable by everyone (StatementAccess.restrictReadable, the public read); the
 * drafting record keeps its classification.
 */
@Injectable()
export class PublicationService {
  constructor(
    private readonly tx: TransactionService,
    private readonly access: StatementAccess,
    private readonly events: StatementEvents,
  ) {}

  /** ADOPTED → PUBLISHED with its press reference (CLERK). */
  async publish(actor: AuthUser, input: PublishStatementInput, now = new Date()): Promise<StatementEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks publish statements');
    const publishedAt = input.publishedAt ?? now;
    if (publishedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw AppError.badInput('publishedAt', 'publishedAt cannot be in the future');
    const statement = await this.tx.mutate(actor, async ({ em, audit, enqueue }) => {
      const statement = await this.access.findVisible(actor, input.statementId, em, true);
      assertTransition(statement.status, StatementStatus.PUBLISHED);
      if (!statement.adoptedVersionId || !statement.adoptedAt)
        throw AppError.conflict('The statement has no adopted version to publish', { status: statement.status });
      if (publishedAt.getTime() < statement.adoptedAt.getTime()) {
        throw AppError.badInput('publishedAt', `A statement is published after its adoption (${statement.adoptedAt.toISOString()})`);
      }
      // Case and spacing aside, a press reference names one statement. Publishers of one reference
      // queue on a lock, so the second sees the first and gets this answer; the unique index on
      // lower(press_reference) holds it for writes that bypass the service.
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`press-reference:${input.pressReference.toLowerCase()}`]);
      const [taken]: { reference: string }[] = await em.query('SELECT reference FROM statements WHERE lower(press_reference) = lower($1) AND id <> $2', [
        input.pressReference,
        statement.id,
      ]);
      if (taken) throw AppError.badInput('pressReference', `Press reference ${input.pressReference} is already used by ${taken.reference}`);

      const before = { status: statement.status, publishedAt: statement.publishedAt, pressReference: statement.pressReference };
      statement.status = StatementStatus.PUBLISHED;
      statement.publishedAt = publishedAt;
      statement.pressReference = input.pressReference;
      await em.save(statement);
      audit('statement.published', 'Statement', statement.id, {
        before,
        after: { status: statement.status, publishedAt, pressReference: statement.pressReference, adoptedVersionId: statement.adoptedVersionId },
      });
      enqueue('notify', { event: 'statement.published', statementId: statement.id }, { jobId: `statement-published-${statement.id}` });
      return statement;
    });
    await this.events.changed(statement.id, 'PUBLISHED');
    return statement;
  }

  /**
   * A delegation joins a published statement, once: endorsing again returns the endorsement it
   * already has and writes nothing. A delegation that adopted the statement is a signatory already
   * (CONFLICT). By the delegation's head, or an ORGANIZER/ADMIN on its behalf.
   */
  async endorse(actor: AuthUser, input: EndorseStatementInput, now = new Date()): Promise<EndorsementEntity> {
    let endorsement: EndorsementEntity;
    try {
      endorsement = await this.tx.mutate(actor, async ({ em, audit, enqueue }) => {
        // Published statements are readable by everyone; the row lock queues endorsements of one statement.
        const statement = await this.access.findReadable(actor, input.statementId, em, true);
        const delegation = await em.findOneBy(DelegationEntity, { id: input.delegationId });
        if (!delegation) throw AppError.badInput('delegationId', 'No such delegation');
        authorize(Policy.endorseFor(actor, delegation.id), 'Only the head of a delegation, or the presidency on its behalf, endorses for it');
        if (statement.status !== StatementStatus.PUBLISHED) {
          throw AppError.conflict(`Only a published statement can be endorsed; this one is ${statement.status}`, { status: statement.status });
        }
        const existing = await em.findOneBy(EndorsementEntity, { statementId: statement.id, delegationId: delegation.id });
        if (existing) throw new AlreadyEndorsed(existing);
        if ((await adoptersOf(em, statement.id)).has(delegation.id)) {
          throw AppError.conflict(`${delegation.name} (${delegation.code}) adopted this statement: it is a signatory already`, { delegationId: delegation.id });
        }
        const endorsedAt = input.endorsedAt ?? now;
        if (endorsedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw AppError.badInput('endorsedAt', 'endorsedAt cannot be in the future');
        if (endorsedAt.getTime() < statement.publishedAt!.getTime()) {
          throw AppError.badInput('endorsedAt', `A statement is endorsed after its publication (${statement.publishedAt!.toISOString()})`);
        }
        const row = em.create(EndorsementEntity, { statementId: statement.id, delegationId: delegation.id, endorsedAt, endorsedById: actor.id });
        await em.save(row);
        audit('statement.endorsed', 'Endorsement', row.id, { after: { ...row, statementReference: statement.reference, delegationCode: delegation.code } });
        enqueue('notify', { event: 'statement.endorsed', endorsementId: row.id }, { jobId: `statement-endorsed-${row.id}` });
        return row;
      });
    } catch (error) {
      if (error instanceof AlreadyEndorsed) return error.endorsement;
      throw error;
    }
    await this.events.changed(endorsement.statementId, 'ENDORSED');
    return endorsement;
  }
}
