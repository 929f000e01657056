import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type EventOf } from '../../notifications/notification-event.js';
import { NotificationKind } from '../../notifications/notification-kind.enum.js';
import { type NotificationComposer, type NotificationMessage } from '../../notifications/notification-message.js';
import { StatementAudience } from '../core/statement-audience.js';
import { StatementEntity } from '../core/statement.entity.js';

type PublicationEvent = EventOf<'statement.published'> | EventOf<'statement.endorsed'>;

/**
 * What publication and endorsements tell people. Everyone concerned who may read the published
 * statement (StatementAudience: the members and webhooks of the body's member delegations and of
 * every delegation the statement was circulated to) hears; for an endorsement, the endorsing delegation too. The text is public by now, so the message
 * links the public read.
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
    const subject = `Published: ${statement.reference} ${statement.title}`;
    const sentence = `${statement.reference} "${statement.title}" has been published on ${statement.publishedAt.toISOString().slice(0, 10)} as press release ${statement.pressReference}. Its adopted text is now public.`;
    return [await this.message(statement, `statement-published:${statement.id}`, NotificationKind.STATEMENT_PUBLISHED, subject, sentence, [])];
  }

  private async endorsed(endorsementId: string): Promise<NotificationMessage[]> {
    const [row]: { statement_id: string; delegation_id: string; code: string; name: string; endorsed_at: Date }[] = await this.dataSource.query(
      `SELECT e.statement_id, e.delegation_id, d.code, d.name, e.endorsed_at FROM endorsements e JOIN delegations d ON d.id = e.delegation_id WHERE e.id = $1`,
      [endorsementId],
    );
    if (!row) return [];
    const statement = await this.dataSource.getRepository(StatementEntity).findOneByOrFail({ id: row.statement_id });
    const subject = `Endorsed by ${row.name}: ${statement.reference} ${statement.title}`;
    const sentence = `${row.name} (${row.code}) has joined ${statement.reference} "${statement.title}" (press release ${statement.pressReference}) on ${row.endorsed_at.toISOString().slice(0, 10)}.`;
    return [await this.message(statement, `statement-endorsed:${endorsementId}`, NotificationKind.STATEMENT_ENDORSED, subject, sentence, [row.delegation_id])];
  }

  private async message(
    statement: StatementEntity,
    eventKey: string,
    kind: NotificationKind,
    subject: string,
    sentence: string,
    extraDelegationIds: string[],
  ): Promise<NotificationMessage> {
    // Published: its public part is readable by anyone, so the rule keeps every candidate; it is still the rule that says so.
    const audience = await this.audience.of(statement.id, { level: 'readable', extraDelegationIds });
    const delegations = audience?.delegations ?? [];
    const members = audience?.members ?? [];
    const link = `${this.config.publicUrl}/statements/${encodeURIComponent(statement.reference)}`;
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
      users: members.map((m) => ({ userId: m.id, subject, body: [`Dear ${m.name},`, '', sentence, '', `Read it: ${link}`].join('\n') })),
      delegations: delegations.map((d) => ({ delegationId: d.id, subject, body: sentence, data })),
    };
  }
}
