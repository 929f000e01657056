import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { type NotificationTexts, textsFor, WEBHOOK_TEXTS } from '../../notifications/i18n/notification-texts.js';
import { NotificationKind } from '../../notifications/notification-kind.enum.js';
import { type NotificationMessage, type UserMessage } from '../../notifications/notification-message.js';
import { circulationEventKey } from './circulation-delivery.js';
import { StatementAudience, type AudienceMember, type StatementAudienceFacts } from '../core/statement-audience.js';
import { revisionLabel } from '../core/statement-reference.js';
import { statementTitles } from '../core/statement-titles.js';
import { CirculationPurpose, RecipientStatus } from '../core/statement.enums.js';

/** Where a recipient's delivery stands. */
export interface RecipientState {
  circulationId: string;
  delegationId: string;
  status: RecipientStatus;
  deliveredAt: Date | null;
}

interface RecipientRow {
  recipient_status: RecipientStatus;
  delivered_at: Date | null;
}

type CirculatedRow = CirculationFacts & RecipientRow & { delegation_id: string; delegation_name: string; delegation_code: string };

/** One recipient's message (null: nothing to send, it is delivered or failed already) and state. */
export interface CirculatedRecipient {
  message: NotificationMessage | null;
  recipient: RecipientState;
  statementId: string;
}

/** Of an audience read for several recipient delegations, one recipient's part: its members and its own webhook. */
function audienceOfRecipient(audience: StatementAudienceFacts | null, delegationId: string): Pick<StatementAudienceFacts, 'members' | 'delegations'> | null {
  if (!audience) return null;
  return {
    members: audience.members.filter((m) => m.delegationIds.includes(delegationId)),
    delegations: audience.delegations.filter((d) => d.id === delegationId),
  };
}

interface CirculationFacts {
  circulation_id: string;
  purpose: CirculationPurpose;
  deadline: Date | null;
  statement_id: string;
  reference: string;
  title: string;
  number: number;
  content_hash: string;
  version_id: string;
}

/** A notice's subject and first sentence, in one reader's language and with the statement's title in it. */
type Wording = (t: NotificationTexts, title: string) => { subject: string; sentence: string };

/**
 * What delegations are told about circulated statements. The text of the statement itself is not
 * put into e-mails or webhooks (they leave the platform); readers open it in Concordia. Only those
 * members who may read the statement are told (StatementAudience: e.g. not an observer member of a
 * recipient delegation of a LIMITE text). Each person reads it in their language, the statement named
 * by its title in that language when the circulated version has it (statementTitles); webhooks in English.
 * - a circulation: the members of the recipient delegation (and its webhook), one message per recipient;
 * - a deadline reminder: the members of recipient delegations that have not answered yet.
 */
@Injectable()
export class StatementNotifications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audience: StatementAudience,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * The messages for recipient delegations of a circulation (a batch job's), one per recipient found,
   * eventKey the recipient's. The audience is read once for all of them (StatementAudience over their
   * delegations) and each recipient's message goes to its own members and webhook among it: the same
   * people as if each recipient were asked alone, since the read rule looks at the person, not at the
   * delegation that made them a candidate. With each recipient's state, read in the same statement,
   * so the job needs no query of its own.
   */
  async circulatedMany(recipientIds: readonly string[]): Promise<CirculatedRecipient[]> {
    const rows: CirculatedRow[] = await this.dataSource.query(
      `SELECT c.id AS circulation_id, c.purpose, c.deadline, s.id AS statement_id, s.reference, s.title, v.number, v.content_hash, v.id AS version_id,
              r.delegation_id, d.name AS delegation_name, d.code AS delegation_code, r.status AS recipient_status, r.delivered_at
         FROM circulation_recipients r JOIN circulations c ON c.id = r.circulation_id JOIN statements s ON s.id = c.statement_id
         JOIN statement_versions v ON v.id = c.version_id JOIN delegations d ON d.id = r.delegation_id
        WHERE r.id = ANY($1::uuid[])
        ORDER BY r.delegation_id`,
      [recipientIds],
    );
    // Nothing to compose for a recipient already delivered or failed.
    const open = rows.filter((r) => !r.delivered_at && r.recipient_status !== RecipientStatus.FAILED);
    // The audience per statement and the circulated version's titles per language, each read once for
    // the whole batch, all at once (a batch is usually one statement: its reads need not queue).
    const statementIds = [...new Set(open.map((r) => r.statement_id))];
    const versions = [...new Map(open.map((r) => [r.version_id, r])).values()];
    const [audienceList, titleList] = await Promise.all([
      Promise.all(
        statementIds.map((statementId) =>
          this.audience.of(statementId, { delegationIds: open.filter((r) => r.statement_id === statementId).map((r) => r.delegation_id) }),
        ),
      ),
      Promise.all(versions.map((row) => this.titles(row))),
    ]);
    const audiences = new Map(statementIds.map((id, i) => [id, audienceList[i]]));
    const titles = new Map(versions.map((row, i) => [row.version_id, titleList[i]]));
    return rows.map((row) =>
      this.circulated(row, audienceOfRecipient(audiences.get(row.statement_id) ?? null, row.delegation_id), titles.get(row.version_id) ?? (() => row.title)),
    );
  }

  /** The message for one recipient delegation of a circulation, to its audience (its members and webhook who may read the statement). */
  private circulated(
    row: CirculatedRow,
    audience: Pick<StatementAudienceFacts, 'members' | 'delegations'> | null,
    titles: (locale: string) => string,
  ): CirculatedRecipient {
    const recipient: RecipientState = {
      circulationId: row.circulation_id,
      delegationId: row.delegation_id,
      status: row.recipient_status,
      deliveredAt: row.delivered_at,
    };
    // Nothing to compose for a recipient already delivered or failed: its job skips.
    if (recipient.deliveredAt || recipient.status === RecipientStatus.FAILED) return { message: null, recipient, statementId: row.statement_id };
    const members = audience?.members ?? [];
    const label = revisionLabel(row.reference, row.number);
    const silence = row.purpose === CirculationPurpose.SILENCE;
    const words: Wording = (t, title) => {
      const facts = { label, title, number: row.number, delegation: row.delegation_name, code: row.delegation_code };
      return silence
        ? { subject: t.t('circulation.silence.subject', facts), sentence: t.t('circulation.silence.sentence', facts) }
        : { subject: t.t('circulation.circulated.subject', facts), sentence: t.t('circulation.circulated.sentence', facts) };
    };
    const hook = words(WEBHOOK_TEXTS, row.title);
    return {
      recipient,
      statementId: row.statement_id,
      message: {
        eventKey: circulationEventKey({ circulationId: row.circulation_id, delegationId: row.delegation_id }),
        kind: silence ? NotificationKind.SILENCE_PROCEDURE_LAUNCHED : NotificationKind.STATEMENT_CIRCULATED,
        entityType: 'Statement',
        entityId: row.statement_id,
        users: members.map((m) => this.userMessage(m, row, titles(m.locale), words)),
        delegations: (audience?.delegations ?? []).map((d) => ({ delegationId: d.id, subject: hook.subject, body: hook.sentence, data: this.data(row) })),
      },
    };
  }

  /** A reminder `offsetMs` before the deadline to the recipients in `delegationIds` (those that have not answered). */
  async reminder(circulationId: string, offsetMs: number, delegationIds: string[]): Promise<NotificationMessage | null> {
    const facts = await this.facts(circulationId);
    if (!facts || !facts.deadline || delegationIds.length === 0) return null;
    const audience = await this.audience.of(facts.statement_id, { delegationIds });
    if (!audience) return null;
    const label = revisionLabel(facts.reference, facts.number);
    const words: Wording = (t, title) => ({
      subject: t.t('circulation.reminder.subject', { label, title }),
      sentence: t.t('circulation.reminder.sentence', { label, title, number: facts.number }),
    });
    const titles = await this.titles(facts);
    const hook = words(WEBHOOK_TEXTS, facts.title);
    return {
      eventKey: `circulation-reminder:${circulationId}:${offsetMs}:${facts.deadline.getTime()}`,
      kind: NotificationKind.CIRCULATION_REMINDER,
      entityType: 'Statement',
      entityId: facts.statement_id,
      // A person in two late delegations hears once (the audience lists each person once).
      users: audience.members.map((m) => this.userMessage(m, facts, titles(m.locale), words)),
      delegations: audience.delegations.map((d) => ({ delegationId: d.id, subject: hook.subject, body: hook.sentence, data: this.data(facts) })),
    };
  }

  private async facts(circulationId: string): Promise<CirculationFacts | null> {
    const [row]: CirculationFacts[] = await this.dataSource.query(
      `SELECT c.id AS circulation_id, c.purpose, c.deadline, s.id AS statement_id, s.reference, s.title, v.number, v.content_hash, v.id AS version_id
         FROM circulations c JOIN statements s ON s.id = c.statement_id JOIN statement_versions v ON v.id = c.version_id WHERE c.id = $1`,
      [circulationId],
    );
    return row ?? null;
  }

  /** The circulated version's title for each reader's language (the original's when it has none in theirs). */
  private async titles(facts: CirculationFacts): Promise<(locale: string) => string> {
    return (await statementTitles(this.dataSource, facts.statement_id, facts.version_id)) ?? (() => facts.title);
  }

  private userMessage(m: AudienceMember, facts: CirculationFacts, title: string, words: Wording): UserMessage {
    const t = textsFor(m.locale);
    const { subject, sentence } = words(t, title);
    const lines = [
      t.t('common.greeting', { name: m.name }),
      '',
      sentence,
      '',
      t.t('circulation.ask', { purpose: facts.purpose }),
      ...(facts.deadline ? [t.t('circulation.deadline', { time: t.at(facts.deadline, this.config.secretariatTimezone, m.timezone, 'secretariat') })] : []),
      t.t('common.contentHash', { hash: facts.content_hash }),
      t.t('common.openStatement', { url: `${this.config.publicUrl}/graphql`, id: facts.statement_id }),
    ];
    return { userId: m.id, subject, body: lines.join('\n'), language: t.language };
  }

  private data(facts: CirculationFacts): Record<string, unknown> {
    return {
      statementId: facts.statement_id,
      reference: facts.reference,
      circulationId: facts.circulation_id,
      versionId: facts.version_id,
      versionNumber: facts.number,
      contentHash: facts.content_hash,
      purpose: facts.purpose,
      deadline: facts.deadline?.toISOString() ?? null,
    };
  }
}
