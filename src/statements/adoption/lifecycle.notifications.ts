import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { timeDescriber } from '../../common/time/zoned-time.js';
import { AppConfig } from '../../config/app-config.js';
import { type EventOf } from '../../notifications/notification-event.js';
import { NotificationKind } from '../../notifications/notification-kind.enum.js';
import { type NotificationComposer, type NotificationMessage } from '../../notifications/notification-message.js';
import { PositionEntity } from '../core/position.entity.js';
import { adoptionReservations } from './adoption-reservations.js';
import { answersFor, StatementAudience, type AudienceDelegation, type AudienceMember, type StatementAudienceFacts } from '../core/statement-audience.js';
import { revisionLabel } from '../core/statement-reference.js';
import { AdoptionMethod, type Stance } from '../core/statement.enums.js';
import { StatementEntity } from '../core/statement.entity.js';

type LifecycleEvent = EventOf<'statement.adopted'> | EventOf<'statement.withdrawn'>;

interface Reservation {
  delegationId: string;
  code: string;
  stance: Stance;
  reason: string | null;
}

/**
 * What everyone concerned who may read the statement (StatementAudience) is told when a statement
 * is adopted — how, with which version, and the reservations that stood at adoption
 * (`adoptionReservations`, as `Statement.adoptionReservations` shows them; other delegations'
 * only to those who see every delegation's answers) — or withdrawn, and why. One message per person
 * and one webhook call per delegation; the event key makes it once.
 */
@Injectable()
export class LifecycleNotifications implements NotificationComposer<LifecycleEvent> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audience: StatementAudience,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async compose(event: LifecycleEvent): Promise<NotificationMessage[]> {
    const statement = await this.dataSource.getRepository(StatementEntity).findOneBy({ id: event.statementId });
    const audience = await this.audience.of(event.statementId);
    if (!statement || !audience) return [];
    return event.event === 'statement.adopted' ? this.adopted(statement, audience) : this.withdrawn(statement, audience);
  }

  private async adopted(statement: StatementEntity, audience: StatementAudienceFacts): Promise<NotificationMessage[]> {
    if (!statement.adoptedAt || !statement.adoptedVersionId) return [];
    const adoptedAt = statement.adoptedAt;
    const [version]: { number: number; content_hash: string }[] = await this.dataSource.query(
      'SELECT number, content_hash FROM statement_versions WHERE id = $1',
      [statement.adoptedVersionId],
    );
    const positions = await this.dataSource.getRepository(PositionEntity).findBy({ statementId: statement.id, versionId: statement.adoptedVersionId });
    const codes = new Map<string, string>(
      (
        await this.dataSource.query<{ id: string; code: string }[]>('SELECT id, code FROM delegations WHERE id = ANY($1)', [
          positions.map((p) => p.delegationId),
        ])
      ).map((d) => [d.id, d.code]),
    );
    const reservations: Reservation[] = adoptionReservations(statement, positions)
      .map((p) => ({ delegationId: p.delegationId, code: codes.get(p.delegationId)!, stance: p.stance, reason: p.reason }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const listed = (rs: Reservation[]) => rs.map(({ code, stance, reason }) => ({ code, stance, reason }));
    const label = revisionLabel(statement.reference, version.number);
    const how =
      statement.adoptionMethod === AdoptionMethod.SILENCE ? 'under the silence procedure, no delegation having objected by the deadline' : 'by consensus';
    const subject = `Adopted: ${statement.reference} ${statement.title}`;
    const describe = timeDescriber();
    const lines = (m: AudienceMember) => {
      const told = answersFor(m.seesAllAnswers, m.delegationIds, reservations);
      return [
        `Dear ${m.name},`,
        '',
        `${statement.reference} "${statement.title}" was adopted ${how}, in version ${version.number} (${label}).`,
        `Adopted: ${describe(adoptedAt, this.config.secretariatTimezone, m.timezone)}`,
        ...(told.length
          ? ['', 'Reservations recorded on the adopted text:', ...told.map((r) => `- ${r.code}: ${r.stance}${r.reason ? ` — ${r.reason}` : ''}`)]
          : []),
        `Content hash (SHA-256): ${version.content_hash}`,
        `Open: ${this.config.publicUrl}/graphql (statement ${statement.id})`,
      ];
    };
    const data = (d: AudienceDelegation) => ({
      statementId: statement.id,
      reference: statement.reference,
      status: statement.status,
      adoptedAt: adoptedAt.toISOString(),
      adoptionMethod: statement.adoptionMethod,
      versionId: statement.adoptedVersionId,
      versionNumber: version.number,
      contentHash: version.content_hash,
      reservations: listed(answersFor(d.seesAllAnswers, [d.id], reservations)),
    });
    return [
      this.message(
        `statement-adopted:${statement.id}`,
        NotificationKind.STATEMENT_ADOPTED,
        statement,
        audience,
        subject,
        lines,
        `${statement.reference} was adopted ${how}.`,
        data,
      ),
    ];
  }

  private withdrawn(statement: StatementEntity, audience: StatementAudienceFacts): NotificationMessage[] {
    if (!statement.withdrawnAt) return [];
    const subject = `Withdrawn: ${statement.reference} ${statement.title}`;
    const sentence = `${statement.reference} "${statement.title}" has been withdrawn.`;
    const lines = (m: AudienceMember) => [`Dear ${m.name},`, '', sentence, `Reason: ${statement.withdrawalReason}`];
    const data = () => ({
      statementId: statement.id,
      reference: statement.reference,
      status: statement.status,
      withdrawnAt: statement.withdrawnAt!.toISOString(),
      reason: statement.withdrawalReason,
    });
    return [
      this.message(
        `statement-withdrawn:${statement.id}`,
        NotificationKind.STATEMENT_WITHDRAWN,
        statement,
        audience,
        subject,
        lines,
        `${sentence} Reason: ${statement.withdrawalReason}`,
        data,
      ),
    ];
  }

  private message(
    eventKey: string,
    kind: NotificationKind,
    statement: StatementEntity,
    audience: StatementAudienceFacts,
    subject: string,
    lines: (m: AudienceMember) => string[],
    webhookBody: string,
    data: (d: AudienceDelegation) => Record<string, unknown>,
  ): NotificationMessage {
    return {
      eventKey,
      kind,
      entityType: 'Statement',
      entityId: statement.id,
      users: audience.members.map((m) => ({ userId: m.id, subject, body: lines(m).join('\n') })),
      delegations: audience.delegations.map((d) => ({ delegationId: d.id, subject, body: webhookBody, data: data(d) })),
    };
  }
}
