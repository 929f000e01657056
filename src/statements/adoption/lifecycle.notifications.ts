import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type EventOf } from '../../notifications/notification-event.js';
import { type NotificationTexts, textsFor, WEBHOOK_TEXTS } from '../../notifications/i18n/notification-texts.js';
import { NotificationKind } from '../../notifications/notification-kind.enum.js';
import { type NotificationComposer, type NotificationMessage } from '../../notifications/notification-message.js';
import { PositionEntity } from '../core/position.entity.js';
import { adoptionReservations } from './adoption-reservations.js';
import { answersFor, StatementAudience, type AudienceDelegation, type AudienceMember, type StatementAudienceFacts } from '../core/statement-audience.js';
import { revisionLabel } from '../core/statement-reference.js';
import { statementTitles } from '../core/statement-titles.js';
import { type Stance } from '../core/statement.enums.js';
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
 * and one webhook call per delegation; the event key makes it once. Each person reads it in their
 * language, the statement named by the concerned version's title in it when there is one; webhooks in English.
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
    const titles = (await statementTitles(this.dataSource, statement.id, statement.adoptedVersionId)) ?? (() => statement.title);
    const sentence = (t: NotificationTexts, title: string) =>
      t.t('adoption.adopted.sentence', {
        reference: statement.reference,
        title,
        method: statement.adoptionMethod ?? 'CONSENSUS',
        number: version.number,
        label,
      });
    const lines = (m: AudienceMember, t: NotificationTexts) => {
      const told = answersFor(m.seesAllAnswers, m.delegationIds, reservations);
      const stance = (r: Reservation) => t.t('adoption.stance', { stance: r.stance });
      return [
        t.t('common.greeting', { name: m.name }),
        '',
        sentence(t, titles(m.locale)),
        t.t('adoption.adopted.at', { time: t.at(adoptedAt, this.config.secretariatTimezone, m.timezone, 'secretariat') }),
        ...(told.length
          ? [
              '',
              t.t('adoption.adopted.reservations', { count: told.length, delegations: t.list([...new Set(told.map((r) => r.code))]) }),
              ...told.map((r) =>
                r.reason
                  ? t.t('adoption.adopted.reservationWithReason', { code: r.code, stance: stance(r), reason: r.reason })
                  : t.t('adoption.adopted.reservation', { code: r.code, stance: stance(r) }),
              ),
            ]
          : []),
        t.t('common.contentHash', { hash: version.content_hash }),
        t.t('common.openStatement', { url: `${this.config.publicUrl}/graphql`, id: statement.id }),
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
        (t, title) => t.t('adoption.adopted.subject', { reference: statement.reference, title }),
        titles,
        lines,
        sentence(WEBHOOK_TEXTS, statement.title),
        data,
      ),
    ];
  }

  private async withdrawn(statement: StatementEntity, audience: StatementAudienceFacts): Promise<NotificationMessage[]> {
    if (!statement.withdrawnAt) return [];
    const titles = (await statementTitles(this.dataSource, statement.id, statement.currentVersionId)) ?? (() => statement.title);
    const sentence = (t: NotificationTexts, title: string) => t.t('adoption.withdrawn.sentence', { reference: statement.reference, title });
    const reason = (t: NotificationTexts) => t.t('adoption.withdrawn.reason', { reason: statement.withdrawalReason ?? '' });
    const lines = (m: AudienceMember, t: NotificationTexts) => [t.t('common.greeting', { name: m.name }), '', sentence(t, titles(m.locale)), reason(t)];
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
        (t, title) => t.t('adoption.withdrawn.subject', { reference: statement.reference, title }),
        titles,
        lines,
        `${sentence(WEBHOOK_TEXTS, statement.title)} ${reason(WEBHOOK_TEXTS)}`,
        data,
      ),
    ];
  }

  private message(
    eventKey: string,
    kind: NotificationKind,
    statement: StatementEntity,
    audience: StatementAudienceFacts,
    subject: (t: NotificationTexts, title: string) => string,
    titles: (locale: string) => string,
    lines: (m: AudienceMember, t: NotificationTexts) => string[],
    webhookBody: string,
    data: (d: AudienceDelegation) => Record<string, unknown>,
  ): NotificationMessage {
    const hookSubject = subject(WEBHOOK_TEXTS, statement.title);
    return {
      eventKey,
      kind,
      entityType: 'Statement',
      entityId: statement.id,
      users: audience.members.map((m) => {
        const t = textsFor(m.locale);
        return { userId: m.id, subject: subject(t, titles(m.locale)), body: lines(m, t).join('\n'), language: t.language };
      }),
      delegations: audience.delegations.map((d) => ({ delegationId: d.id, subject: hookSubject, body: webhookBody, data: data(d) })),
    };
  }
}
