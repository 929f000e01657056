import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { authorize, Policy } from '../../auth/policy.js';
import { AppError } from '../../common/errors/app-error.js';
import { enforceListCap } from '../../common/graphql/list-caps.js';
import { type ConnectionArgs } from '../../common/pagination/connection.js';
import { paginate } from '../../common/pagination/paginate.js';
import { TransactionService } from '../../database/transaction.service.js';
import { BodyEntity } from '../../delegations/body.entity.js';
import { AgendaItemEntity } from '../../meetings/agenda-item.entity.js';
import { MeetingEntity } from '../../meetings/meeting.entity.js';
import { AmendmentEntity } from '../core/amendment.entity.js';
import { applyAmendments, assignKeys, contentHash, type Paragraph } from '../core/paragraphs.js';
import { assertVersionSize } from '../core/text-limits.js';
import { StatementAccess } from '../core/statement-access.js';
import { StatementEvents } from '../core/statement-events.js';
import { formatReference, referencePrefix } from '../core/statement-reference.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { AmendmentStatus, StatementStatus } from '../core/statement.enums.js';
import { StatementEntity } from '../core/statement.entity.js';
import { type DraftStatementInput, MAX_PARAGRAPHS, type ReviseStatementInput, type StatementFilter } from './drafting.inputs.js';

/** Statuses in which the text may still change. */
const REVISABLE: ReadonlySet<StatementStatus> = new Set([StatementStatus.DRAFTING, StatementStatus.CIRCULATED]);

/**
 * Next reference number of a series and year, in the caller's transaction: the upsert takes the
 * counter row's lock, so concurrent drafts queue and each gets the next number; a rollback gives it back.
 */
export async function allocateReferenceNumber(em: EntityManager, series: string, year: number): Promise<number> {
  const [row]: { last_number: number }[] = await em.query(
    `INSERT INTO statement_reference_counters (series, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (series, year) DO UPDATE SET last_number = statement_reference_counters.last_number + 1
     RETURNING last_number`,
    [series, year],
  );
  return row.last_number;
}

@Injectable()
export class StatementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: StatementAccess,
    private readonly events: StatementEvents,
  ) {}

  findVisible(actor: AuthUser, id: string): Promise<StatementEntity> {
    return this.access.findVisible(actor, id);
  }

  /** Fully visible, or published (then readable by anyone signed in: its public part). */
  findReadable(actor: AuthUser, id: string): Promise<StatementEntity> {
    return this.access.findReadable(actor, id);
  }

  /** Readable statements (fully visible or published), newest reference first. */
  list(actor: AuthUser, filter: StatementFilter | undefined, args: ConnectionArgs) {
    const qb = this.access.restrictReadable(this.dataSource.getRepository(StatementEntity).createQueryBuilder('s'), 's', actor);
    if (filter?.bodyId) qb.andWhere('s.body_id = :bodyId', { bodyId: filter.bodyId });
    if (filter?.meetingId) qb.andWhere('s.meeting_id = :meetingId', { meetingId: filter.meetingId });
    if (filter?.status) qb.andWhere('s.status = :status', { status: filter.status });
    if (filter?.classification) qb.andWhere('s.classification = :classification', { classification: filter.classification });
    return paginate(qb, args, { expression: 's.created_at', direction: 'DESC' });
  }

  async draft(actor: AuthUser, input: DraftStatementInput, now = new Date()): Promise<StatementEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks draft statements');
    const statement = await this.tx.mutate(actor, async ({ em, audit }) => {
      const body = await em.findOneBy(BodyEntity, { id: input.bodyId });
      if (!body) throw AppError.badInput('bodyId', 'No such body');
      const { meetingId, agendaItemId } = await this.placeOf(em, body.id, input);
      const { paragraphs, nextSeq } = assignKeys(input.paragraphs, 1);

      const series = referencePrefix(body);
      const year = now.getUTCFullYear();
      const number = await allocateReferenceNumber(em, series, year);
      const statementId = randomUUID();
      const versionId = randomUUID();
      const statement = em.create(StatementEntity, {
        id: statementId,
        reference: formatReference(series, year, number),
        referenceYear: year,
        referenceNumber: number,
        bodyId: body.id,
        meetingId,
        agendaItemId,
        title: input.title,
        classification: input.classification,
        language: input.language,
        currentVersionId: versionId,
        paragraphSeq: nextSeq,
        createdById: actor.id,
      });
      await em.insert(StatementEntity, statement);
      const version = em.create(StatementVersionEntity, {
        id: versionId,
        statementId,
        number: 1,
        paragraphs,
        contentHash: contentHash(paragraphs),
        baseVersionId: null,
        authorId: actor.id,
      });
      await em.insert(StatementVersionEntity, version);
      if (agendaItemId) await enforceListCap(em, 'AgendaItem.statements', agendaItemId, 'agendaItemId');
      audit('statement.drafted', 'Statement', statementId, { after: { ...statement, version: { number: 1, contentHash: version.contentHash } } });
      return em.findOneByOrFail(StatementEntity, { id: statementId });
    });
    await this.events.changed(statement.id, 'DRAFTED');
    return statement;
  }

  /**
   * A new immutable version from the current one: the client names the version it revised (an
   * older one is a CONFLICT), gives the whole new text and/or accepted amendments to apply.
   */
  async revise(actor: AuthUser, input: ReviseStatementInput): Promise<StatementEntity> {
    authorize(Policy.manageStatements(actor), 'Only clerks revise statements');
    if (!input.paragraphs && !input.applyAmendmentIds?.length) throw AppError.badInput('paragraphs', 'Give the new paragraphs or amendments to apply');
    const statement = await this.tx.mutate(actor, async ({ em, audit }) => {
      const statement = await this.access.findVisible(actor, input.statementId, em, true);
      if (!REVISABLE.has(statement.status)) throw AppError.conflict(`A ${statement.status} statement cannot be revised`, { status: statement.status });
      const base = await em.findOneBy(StatementVersionEntity, { id: input.baseVersionId, statementId: statement.id });
      if (!base) throw AppError.badInput('baseVersionId', 'No such version of this statement');
      if (base.id !== statement.currentVersionId) {
        throw AppError.conflict('The statement was revised since the version you revised', {
          baseVersionId: base.id,
          currentVersionId: statement.currentVersionId,
        });
      }

      let seq = statement.paragraphSeq;
      let paragraphs: Paragraph[] = base.paragraphs;
      if (input.paragraphs) ({ paragraphs, nextSeq: seq } = assignKeys(input.paragraphs, seq));
      const amendmentIds = [...new Set(input.applyAmendmentIds ?? [])];
      let amendments: AmendmentEntity[] = [];
      if (amendmentIds.length > 0) {
        const found = await em.find(AmendmentEntity, { where: { id: In(amendmentIds), statementId: statement.id }, lock: { mode: 'pessimistic_write' } });
        if (found.length !== amendmentIds.length) throw AppError.badInput('applyAmendmentIds', 'Some amendments are not amendments of this statement');
        amendments = amendmentIds.map((id) => found.find((a) => a.id === id)!);
        const unfit = amendments.find((a) => a.status !== AmendmentStatus.ACCEPTED || a.appliedInVersionId);
        if (unfit)
          throw AppError.conflict(
            `Amendment ${unfit.id} is ${unfit.appliedInVersionId ? 'already applied' : unfit.status}; only accepted amendments can be applied`,
            { amendmentId: unfit.id },
          );
        ({ paragraphs, nextSeq: seq } = applyAmendments(paragraphs, amendments, seq));
      }
      if (paragraphs.length > MAX_PARAGRAPHS) throw AppError.badInput('applyAmendmentIds', `A version has at most ${MAX_PARAGRAPHS} paragraphs`);
      if (amendments.length > 0) assertVersionSize(paragraphs, 'applyAmendmentIds');
      const hash = contentHash(paragraphs);
      if (hash === base.contentHash) throw AppError.badInput('paragraphs', 'The new version would be identical to the one it revises');

      const version = em.create(StatementVersionEntity, {
        id: randomUUID(),
        statementId: statement.id,
        number: (await em.maximum(StatementVersionEntity, 'number', { statementId: statement.id }))! + 1,
        paragraphs,
        contentHash: hash,
        baseVersionId: base.id,
        authorId: actor.id,
      });
      await em.insert(StatementVersionEntity, version);
      await enforceListCap(em, 'Statement.versions', statement.id);
      if (amendments.length > 0) await em.update(AmendmentEntity, { id: In(amendmentIds) }, { appliedInVersionId: version.id });
      const before = { currentVersionId: statement.currentVersionId, version: base.number };
      statement.currentVersionId = version.id;
      statement.paragraphSeq = seq;
      await em.save(statement);
      audit('statement.revised', 'Statement', statement.id, {
        before,
        after: { currentVersionId: version.id, version: version.number, contentHash: hash, appliedAmendmentIds: amendmentIds },
      });
      return statement;
    });
    await this.events.changed(statement.id, 'REVISED');
    return statement;
  }

  /** The meeting and agenda item a statement belongs to, checked against its body. */
  private async placeOf(em: EntityManager, bodyId: string, input: DraftStatementInput): Promise<{ meetingId: string | null; agendaItemId: string | null }> {
    let meetingId = input.meetingId ?? null;
    const agendaItemId = input.agendaItemId ?? null;
    if (agendaItemId) {
      const item = await em.findOneBy(AgendaItemEntity, { id: agendaItemId });
      if (!item) throw AppError.badInput('agendaItemId', 'No such agenda item');
      if (meetingId && item.meetingId !== meetingId) throw AppError.badInput('agendaItemId', 'The agenda item belongs to another meeting');
      meetingId = item.meetingId;
    }
    if (meetingId) {
      const meeting = await em.findOneBy(MeetingEntity, { id: meetingId });
      if (!meeting) throw AppError.badInput(input.meetingId ? 'meetingId' : 'agendaItemId', 'No such meeting');
      if (meeting.bodyId !== bodyId) throw AppError.badInput(input.meetingId ? 'meetingId' : 'agendaItemId', 'The meeting is one of another body');
    }
    return { meetingId, agendaItemId };
  }
}
