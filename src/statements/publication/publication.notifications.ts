import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type EventOf } from '../../notifications/notification-event.js';
import { type NotificationTexts, textsFor, WEBHOOK_TEXTS } from '../../notifications/i18n/notification-texts.js';
import { NotificationKind } from '../../notifications/notification-kind.enum.js';
import { type NotificationComposer, type NotificationMessage } from '../../notifications/notification-message.js';
import { StatementAudience } from '../core/statement-audience.js';
import { StatementEntity } from '../core/statement.entity.js';
import { statementTitles } from '../core/statement-titles.js';

type PublicationEvent = EventOf<'statement.published'> | EventOf<'statement.endorsed'>;

/** A notice's subject and sentence in one reader's language, with the statement's title in it and dates in the reader's zone. */
type Wording = (t: NotificationTexts, title: string, zone: string) => { subject: string; sentence: string };

/**
 * What publication and endorsements tell people. Everyone concerned who may read the published
 * statement (StatementAudience: the members and webhooks of the body's member delegations and of
 * every delegation the statement was circulated to) hears; for an endorsement, the endorsing delegation too. The text is public by now, so the message
 * links the public read. Each person reads it in their language, with the adopted version's title in
 * it when there is one; webhooks in English.
 */
@Injectable()
export class PublicationNotifications implements NotificationComposer<PublicationEvent> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audience: StatementAudience,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async compose(event: PublicationEvent): Promise<NotificationMessage[]> {
    return event.event === 'statement.published' ? this.published(event.statementId) : this.endorsed(event.endorsementId);
  }

  private async published(statementId: string): Promise<NotificationMessage[]> {
    const statement = await this.dataSource.getRepository(StatementEntity).findOneBy({ id: statementId });
    if (!statement?.publishedAt || !statement.pressReference) return [];
    const publishedAt = statement.publishedAt;
    const words: Wording = (t, title, zone) => ({
      subject: t.t('publication.published.subject', { reference: statement.reference, title }),
      sentence: t.t('publication.published.sentence', {
        reference: statement.reference,
        title,
        date: t.date(publishedAt, zone),
        pressReference: statement.pressReference,
      }),
    });
    return [await this.message(statement, `statement-published:${statement.id}`, NotificationKind.STATEMENT_PUBLISHED, words, [])];
  }

  private async endorsed(endorsementId: string): Promise<NotificationMessage[]> {
    const [row]: { statement_id: string; delegation_id: string; code: string; name: string; endorsed_at: Date }[] = await this.dataSource.query(
      `SELECT e.statement_id, e.delegation_id, d.code, d.name, e.endorsed_at FROM endorsements e JOIN delegations d ON d.id = e.delegation_id WHERE e.id = $1`,
      [endorsementId],
    );
    if (!row) return [];
    const statement = await this.dataSource.getRepository(StatementEntity).findOneByOrFail({ id: row.statement_id });
    const words: Wording = (t, title, zone) => ({
      subject: t.t('publication.endorsed.subject', { delegation: row.name, reference: statement.reference, title }),
      sentence: t.t('publication.endorsed.sentence', {
        delegation: row.name,
        code: row.code,
        reference: statement.reference,
        title,
        pressReference: statement.pressReference,
        date: t.date(row.endorsed_at, zone),
      }),
    });
    return [await this.message(statement, `statement-endorsed:${endorsementId}`, NotificationKind.STATEMENT_ENDORSED, words, [row.delegation_id])];
  }

  private async message(
    statement: StatementEntity,
    eventKey: string,
    kind: NotificationKind,
    words: Wording,
    extraDelegationIds: string[],
  ): Promise<NotificationMessage> {
    // Published: its public part is readable by anyone, so the rule keeps every candidate; it is still the rule that says so.
    const audience = await this.audience.of(statement.id, { level: 'readable', extraDelegationIds });
    const delegations = audience?.delegations ?? [];
    const members = audience?.members ?? [];
    const link = `${this.config.publicUrl}/statements/${encodeURIComponent(statement.reference)}`;
    const titles = (await statementTitles(this.dataSource, statement.id, statement.adoptedVersionId)) ?? (() => statement.title);
    // Webhooks: dates as the calendar day in UTC, as before.
    const hook = words(WEBHOOK_TEXTS, statement.title, 'UTC');
    const data = {
      statementId: statement.id,
      reference: statement.reference,
      pressReference: statement.pressReference,
      publishedAt: statement.publishedAt?.toISOString() ?? null,
      url: link,
    };
    return {
      eventKey,
      kind,
      entityType: 'Statement',
      entityId: statement.id,
      users: members.map((m) => {
        const t = textsFor(m.locale);
        const { subject, sentence } = words(t, titles(m.locale), m.timezone);
        return {
          userId: m.id,
          subject,
          body: [t.t('common.greeting', { name: m.name }), '', sentence, '', t.t('publication.readIt', { url: link })].join('\n'),
          language: t.language,
        };
      }),
      delegations: delegations.map((d) => ({ delegationId: d.id, subject: hook.subject, body: hook.sentence, data })),
    };
  }
}
