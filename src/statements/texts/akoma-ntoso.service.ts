import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuthUser } from '../../auth/auth-user.js';
import { AppError } from '../../common/errors/app-error.js';
import { BodyEntity } from '../../delegations/body.entity.js';
import { MeetingEntity } from '../../meetings/meeting.entity.js';
import { buildAkomaNtoso } from './akoma-ntoso.js';
import { StatementAccess } from '../core/statement-access.js';
import { type StatementText, StatementTexts } from './statement-texts.js';
import { StatementStatus } from '../core/statement.enums.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { type StatementEntity } from '../core/statement.entity.js';

/** Statuses whose adopted text can be exported. */
const EXPORTABLE: ReadonlySet<StatementStatus> = new Set([StatementStatus.ADOPTED, StatementStatus.PUBLISHED]);

/**
 * The Akoma Ntoso export of a statement the reader may read (NOT_FOUND otherwise; a published one
 * is readable by every signed-in user, whatever its classification): the adopted
 * version, in the statement's language or a translation's (NOT_FOUND when it has none in that
 * language). A statement not (yet) adopted, or withdrawn, has no adopted text: CONFLICT.
 */
@Injectable()
export class AkomaNtosoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: StatementAccess,
    private readonly texts: StatementTexts,
  ) {}

  async exportFor(actor: AuthUser, statementId: string, language?: string | null): Promise<string> {
    // The adopted text is the public part of a published statement: readable, not only fully visible, statements.
    return this.export(await this.access.findReadable(actor, statementId), language);
  }

  /** For a statement already read under the reader's rights. */
  async export(statement: StatementEntity, language?: string | null): Promise<string> {
    const versionId = assertExportable(statement);
    const em = this.dataSource.manager;
    const [text, body, meeting] = await Promise.all([
      em.findOneByOrFail(StatementVersionEntity, { id: versionId }).then((version) => this.texts.paragraphsIn(statement, version, language, em)),
      em.findOneByOrFail(BodyEntity, { id: statement.bodyId }),
      statement.meetingId ? em.findOneBy(MeetingEntity, { id: statement.meetingId }) : null,
    ]);
    return aknDocument(statement, text, body, meeting);
  }
}

/** The adopted version's id; CONFLICT when the statement has no adopted text. */
export function assertExportable(statement: StatementEntity): string {
  if (!EXPORTABLE.has(statement.status) || !statement.adoptedVersionId || !statement.adoptedAt) {
    throw AppError.conflict(`A ${statement.status} statement has no adopted text to export`, { status: statement.status });
  }
  return statement.adoptedVersionId;
}

/** The document from rows already read (by the service, or by a GraphQL field through DataLoaders). */
export function aknDocument(
  statement: StatementEntity,
  text: StatementText,
  body: Pick<BodyEntity, 'name'>,
  meeting: Pick<MeetingEntity, 'timezone' | 'location'> | null,
): string {
  return buildAkomaNtoso({
    reference: statement.reference,
    pressReference: statement.pressReference,
    title: text.title,
    language: text.language,
    paragraphs: text.paragraphs,
    adoptedAt: statement.adoptedAt!,
    timezone: meeting?.timezone ?? 'UTC',
    place: meeting?.location ?? null,
    author: { name: body.name },
    country: 'eu',
  });
}
