import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type EventOf } from '../../notifications/notification-event.js';
import { textsFor } from '../../notifications/i18n/notification-texts.js';
import { NotificationKind } from '../../notifications/notification-kind.enum.js';
import { type NotificationComposer, type NotificationMessage } from '../../notifications/notification-message.js';
import { answersFor, StatementAudience } from '../core/statement-audience.js';
import { revisionLabel } from '../core/statement-reference.js';
import { statementTitles } from '../core/statement-titles.js';

type SilenceEvent = EventOf<'statement.silence-broken'> | EventOf<'statement.silence-extended'>;

interface BrokenFacts {
  circulation_id: string;
  statement_id: string;
  reference: string;
  title: string;
  number: number;
  version_id: string;
  deadline: Date;
  created_by_id: string | null;
  objected_at: Date;
  reason: string;
  delegation_id: string;
  delegation_code: string;
  delegation_name: string;
}

/**
 * Silence broken: everyone concerned who may read the statement (StatementAudience: members of the
 * body's and the recipient delegations, and their webhooks) and the clerk who launched it hear that
 * silence was broken; which delegation objected and why is an answer, told to those who see every
 * delegation's answers and to the objecting delegation (as `SilenceProcedure.objection`).
 * Deadline extended: the delegations keeping silence (those of their members who may read it) hear
 * the new deadline. (The launch is told by the circulation itself, the adoption by AdoptionService.)
 * Each person reads it in their language, with the version's title in it when there is one.
 */
@Injectable()
export class SilenceNotifications implements NotificationComposer<SilenceEvent> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audience: StatementAudience,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  compose(event: SilenceEvent): Promise<NotificationMessage[]> {
    return event.event === 'statement.silence-broken' ? this.broken(event) : this.extended(event);
  }

  /** The new deadline, to the delegations keeping silence (and their webhooks); only while it is still the deadline. */
  private async extended(event: EventOf<'statement.silence-extended'>): Promise<NotificationMessage[]> {
    const [f]: { statement_id: string; reference: string; title: string; number: number; version_id: string; deadline: Date }[] = await this.dataSource.query(
      `SELECT s.id AS statement_id, s.reference, s.title, v.number, v.id AS version_id, c.deadline
         FROM circulations c JOIN statements s ON s.id = c.statement_id JOIN statement_versions v ON v.id = c.version_id
        WHERE c.id = $1 AND c.status = 'OPEN' AND c.deadline = $2`,
      [event.circulationId, new Date(event.deadlineEpochMs)],
    );
    if (!f) return []; // broken, concluded or extended again since
    const recipients: { delegation_id: string }[] = await this.dataSource.query(
      'SELECT delegation_id FROM circulation_recipients WHERE circulation_id = $1 ORDER BY delegation_id',
      [event.circulationId],
    );
    const audience = await this.audience.of(f.statement_id, { delegationIds: recipients.map((r) => r.delegation_id) });
    if (!audience) return [];
    const members = audience.members;
    const label = revisionLabel(f.reference, f.number);
    const titles = (await statementTitles(this.dataSource, f.statement_id, f.version_id)) ?? (() => f.title);
    const words = (locale: string, title: string) => {
      const t = textsFor(locale);
      return { t, subject: t.t('silence.extended.subject', { label, title }), sentence: t.t('silence.extended.sentence', { label, title, number: f.number }) };
    };
    const hook = words('en', f.title);
    return [
      {
        eventKey: `silence-extended:${event.circulationId}:${event.deadlineEpochMs}`,
        kind: NotificationKind.SILENCE_DEADLINE_EXTENDED,
        entityType: 'Statement',
        entityId: f.statement_id,
        users: members.map((m) => {
          const { t, subject, sentence } = words(m.locale, titles(m.locale));
          return {
            userId: m.id,
            subject,
            body: [
              t.t('common.greeting', { name: m.name }),
              '',
              sentence,
              t.t('silence.extended.deadline', { time: t.at(f.deadline, this.config.secretariatTimezone, m.timezone, 'secretariat') }),
              t.t('common.openStatement', { url: `${this.config.publicUrl}/graphql`, id: f.statement_id }),
            ].join('\n'),
            language: t.language,
          };
        }),
        delegations: audience.delegations.map((d) => ({
          delegationId: d.id,
          subject: hook.subject,
          body: hook.sentence,
          data: {
            statementId: f.statement_id,
            reference: f.reference,
            circulationId: event.circulationId,
            versionId: f.version_id,
            versionNumber: f.number,
            deadline: new Date(f.deadline).toISOString(),
          },
        })),
      },
    ];
  }

  private async broken(event: EventOf<'statement.silence-broken'>): Promise<NotificationMessage[]> {
    const [f]: BrokenFacts[] = await this.dataSource.query(
      `SELECT c.id AS circulation_id, s.id AS statement_id, s.reference, s.title, v.number, v.id AS version_id, c.deadline, c.created_by_id,
              p.recorded_at AS objected_at, p.reason, d.id AS delegation_id, d.code AS delegation_code, d.name AS delegation_name
         FROM circulations c JOIN statements s ON s.id = c.statement_id JOIN statement_versions v ON v.id = c.version_id
         JOIN positions p ON p.id = c.objection_position_id JOIN delegations d ON d.id = p.delegation_id
        WHERE c.id = $1 AND c.status = 'BROKEN'`,
      [event.circulationId],
    );
    if (!f) return [];
    // The clerk who launched the procedure hears too, member of a delegation concerned or not (if they may still read it).
    const audience = await this.audience.of(f.statement_id, { extraUserIds: f.created_by_id ? [f.created_by_id] : [] });
    if (!audience) return [];
    const label = revisionLabel(f.reference, f.number);
    const objection = [{ delegationId: f.delegation_id }];
    const told = (seesAll: boolean, own: readonly string[]) => answersFor(seesAll, own, objection).length > 0;
    const titles = (await statementTitles(this.dataSource, f.statement_id, f.version_id)) ?? (() => f.title);
    // Named: the objecting delegation and its reason, for those the answers rule lets know them.
    const words = (locale: string, title: string, named: boolean) => {
      const t = textsFor(locale);
      const facts = { label, title, number: f.number, delegation: f.delegation_name, code: f.delegation_code };
      return {
        t,
        subject: t.t(named ? 'silence.broken.subjectNamed' : 'silence.broken.subject', facts),
        sentence: t.t(named ? 'silence.broken.named' : 'silence.broken.plain', facts),
      };
    };
    return [
      {
        eventKey: `silence-broken:${f.circulation_id}`,
        kind: NotificationKind.SILENCE_BROKEN,
        entityType: 'Statement',
        entityId: f.statement_id,
        users: audience.members.map((u) => {
          const named = told(u.seesAllAnswers, u.delegationIds);
          const { t, subject, sentence } = words(u.locale, titles(u.locale), named);
          const zone = this.config.secretariatTimezone;
          return {
            userId: u.id,
            subject,
            body: [
              t.t('common.greeting', { name: u.name }),
              '',
              sentence,
              ...(named ? ['', t.t('silence.broken.reason', { code: f.delegation_code, reason: f.reason })] : []),
              t.t('silence.broken.objectedAt', { time: t.at(f.objected_at, zone, u.timezone, 'secretariat') }),
              t.t('silence.broken.deadlineWas', { time: t.at(f.deadline, zone, u.timezone, 'secretariat') }),
              t.t('common.openStatement', { url: `${this.config.publicUrl}/graphql`, id: f.statement_id }),
            ].join('\n'),
            language: t.language,
          };
        }),
        delegations: audience.delegations.map((d) => {
          const named = told(d.seesAllAnswers, [d.id]);
          const hook = words('en', f.title, named);
          return {
            delegationId: d.id,
            subject: hook.subject,
            body: named ? `${hook.sentence} Reason: ${f.reason}` : hook.sentence,
            data: {
              statementId: f.statement_id,
              reference: f.reference,
              circulationId: f.circulation_id,
              versionId: f.version_id,
              versionNumber: f.number,
              ...(named ? { objectingDelegation: f.delegation_code, reason: f.reason } : {}),
              objectedAt: new Date(f.objected_at).toISOString(),
              deadline: new Date(f.deadline).toISOString(),
            },
          };
        }),
      },
    ];
  }
}
