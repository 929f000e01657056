import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { EndorsementEntity } from './endorsement.entity.js';
import { type PublicDelegation, type PublicStatement } from './publication.model.js';
import { PUBLISHED_TEXTS, type PublishedTexts } from './published-texts.port.js';
import { SignatoryKind, signatoriesOf } from '../core/signatories.js';
import { revisionLabel } from '../core/statement-reference.js';
import { StatementVersionEntity } from '../core/statement-version.entity.js';
import { ParagraphKind, StatementStatus } from '../core/statement.enums.js';
import { StatementEntity } from '../core/statement.entity.js';

/**
 * The public read of published statements: no user, no classification — only PUBLISHED statements
 * exist here (anything else is NOT_FOUND, like a statement that does not exist), and of them only
 * what publication made public: the adopted version, references, dates and signatories.
 */
@Injectable()
export class PublicStatementsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PUBLISHED_TEXTS) private readonly texts: PublishedTexts,
  ) {}

  /** The published statement's adopted text as Akoma Ntoso, in its language or a translation's. */
  async akomaNtoso(referenceOrPress: string, language?: string | null): Promise<{ document: string; language: string }> {
    const statement = await this.published(referenceOrPress);
    return { document: await this.texts.akomaNtoso(statement, language), language: language || statement.language };
  }

  /**
   * By its reference (`JHA 2012/004`) or, failing that, by its press reference (`12-784`): both name
   * one statement each, and a reference wins if one string were both. A press reference names its
   * statement whatever the case (the unique index on lower(press_reference) serves this lookup).
   */
  private async published(referenceOrPress: string): Promise<StatementEntity> {
    const key = referenceOrPress.trim();
    const [found]: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM statements WHERE status = $2 AND (reference = $1 OR lower(press_reference) = lower($1)) ORDER BY (reference = $1) DESC LIMIT 1`,
      [key, StatementStatus.PUBLISHED],
    );
    if (!found) throw AppError.notFound('Published statement', key);
    return this.dataSource.getRepository(StatementEntity).findOneByOrFail({ id: found.id });
  }

  async read(referenceOrPress: string, language?: string | null): Promise<PublicStatement> {
    const statement = await this.published(referenceOrPress);
    const [version, signatories, endorsements] = await Promise.all([
      this.dataSource.getRepository(StatementVersionEntity).findOneByOrFail({ id: statement.adoptedVersionId! }),
      signatoriesOf(this.dataSource, [statement.id]).then((m) => m.get(statement.id) ?? []),
      this.dataSource.getRepository(EndorsementEntity).find({ where: { statementId: statement.id }, order: { endorsedAt: 'ASC', id: 'ASC' } }),
    ]);
    const text = await this.texts.paragraphsIn(statement, version, language);
    const ids = [...new Set([...signatories.map((s) => s.delegationId), ...endorsements.map((e) => e.delegationId)])];
    const delegations = new Map(
      (ids.length ? await this.dataSource.getRepository(DelegationEntity).findBy({ id: In(ids) }) : []).map((d): [string, PublicDelegation] => [
        d.id,
        { code: d.code, name: d.name, kind: d.kind },
      ]),
    );
    return {
      reference: statement.reference,
      label: revisionLabel(statement.reference, version.number),
      title: text.title, // a language version's title when it has one
      pressReference: statement.pressReference!,
      publishedAt: statement.publishedAt!,
      adoptedAt: statement.adoptedAt!,
      language: text.language,
      contentHash: version.contentHash,
      paragraphs: text.paragraphs.map((p) => ({ key: p.key, kind: p.kind, text: p.text })),
      signatories: signatories.map((s) => ({ delegation: delegations.get(s.delegationId)!, kind: s.kind, since: s.since })),
      endorsements: endorsements.map((e) => ({ delegation: delegations.get(e.delegationId)!, endorsedAt: e.endorsedAt })),
    };
  }
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The plain-text rendering (text/plain): title, references and dates, the paragraphs (goals
 * numbered as in the statement), the signatories. Dates are UTC calendar days.
 */
export function renderPublicText(s: PublicStatement): string {
  let goal = 0;
  const paragraphs = s.paragraphs.map((p) => (p.kind === ParagraphKind.GOAL ? `${++goal}. ${p.text}` : p.text));
  const signatories = s.signatories.map(
    (g) => `- ${g.delegation.name} (${g.delegation.code}), ${g.kind === SignatoryKind.ADOPTED ? 'adopted' : 'endorsed'} ${day(g.since)}`,
  );
  return [
    s.title,
    '',
    `${s.label} · Press reference ${s.pressReference}`,
    `Adopted ${day(s.adoptedAt)} · Published ${day(s.publishedAt)} · Language ${s.language}`,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    'Signatories',
    ...(signatories.length ? signatories : ['(none)']),
    '',
  ].join('\n');
}
