import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination/connection.js';
import { type Paragraph as ParagraphData } from './paragraphs.js';
import { revisionLabel } from './statement-reference.js';
import { type StatementVersionEntity } from './statement-version.entity.js';
import { AdoptionMethod, ParagraphChangeType, ParagraphKind, StatementClassification, StatementStatus, WordOp } from './statement.enums.js';
import { type StatementEntity } from './statement.entity.js';

@ObjectType({ description: 'A joint statement; its texts are immutable versions' })
export class Statement {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. JHA 2012/004' }) reference: string;
  @Field() title: string;
  @Field(() => StatementClassification) classification: StatementClassification;
  @Field(() => StatementStatus) status: StatementStatus;
  @Field({ description: 'Language of the original text' }) language: string;
  @Field(() => ID, { nullable: true }) meetingId: string | null;
  @Field(() => ID, { nullable: true }) agendaItemId: string | null;
  @Field(() => Date, { nullable: true, description: 'While the silence procedure runs: objections are accepted until then (see silenceProcedure)' })
  silenceDeadline: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was adopted: the clerk recorded consensus, or the silence deadline passed' })
  adoptedAt: Date | null;
  @Field(() => AdoptionMethod, { nullable: true }) adoptionMethod: AdoptionMethod | null;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
  @Field(() => String, { nullable: true }) withdrawalReason: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => String, { nullable: true, description: 'Given at publication, e.g. 12-784' }) pressReference: string | null;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  bodyId: string;
  currentVersionId: string | null;
  adoptedVersionId: string | null;
  createdById: string | null;

  static from(e: StatementEntity): Statement {
    return Object.assign(new Statement(), {
      id: e.id,
      reference: e.reference,
      title: e.title,
      classification: e.classification,
      status: e.status,
      language: e.language,
      meetingId: e.meetingId,
      agendaItemId: e.agendaItemId,
      silenceDeadline: e.silenceDeadline,
      adoptedAt: e.adoptedAt,
      adoptionMethod: e.adoptionMethod,
      withdrawnAt: e.withdrawnAt,
      withdrawalReason: e.withdrawalReason,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      bodyId: e.bodyId,
      currentVersionId: e.currentVersionId,
      adoptedVersionId: e.adoptedVersionId,
      createdById: e.createdById,
      pressReference: e.pressReference,
      publishedAt: e.publishedAt,
    });
  }
}

@ObjectType()
export class StatementConnection extends Connection(Statement) {}

@ObjectType()
export class Paragraph {
  @Field({ description: 'Stable across versions' }) key: string;
  @Field(() => ParagraphKind) kind: ParagraphKind;
  @Field() text: string;
}

@ObjectType({ description: 'One immutable text of a statement' })
export class StatementVersion {
  @Field(() => ID) id: string;
  @Field(() => Int) number: number;
  @Field({ description: 'The reference as this version is cited: JHA 2012/004, then JHA 2012/004 REV 1, …' }) label: string;
  @Field(() => [Paragraph]) paragraphs: ParagraphData[];
  @Field({ description: 'SHA-256 (hex) of the ordered paragraphs (key, kind, text)' }) contentHash: string;
  @Field() createdAt: Date;
  statementId: string;
  authorId: string | null;
  baseVersionId: string | null;

  static from(e: StatementVersionEntity, reference: string): StatementVersion {
    return Object.assign(new StatementVersion(), {
      id: e.id,
      number: e.number,
      label: revisionLabel(reference, e.number),
      paragraphs: e.paragraphs,
      contentHash: e.contentHash,
      createdAt: e.createdAt,
      statementId: e.statementId,
      authorId: e.authorId,
      baseVersionId: e.baseVersionId,
    });
  }
}

@ObjectType()
export class WordChange {
  @Field(() => WordOp) op: WordOp;
  @Field({ description: 'The words with their whitespace' }) text: string;
}

@ObjectType({ description: 'How one paragraph changed between two versions' })
export class ParagraphChange {
  @Field() key: string;
  @Field(() => ParagraphChangeType) type: ParagraphChangeType;
  @Field(() => ParagraphKind) kind: ParagraphKind;
  @Field(() => Int, { nullable: true, description: '1-based position in the older version' }) fromPosition: number | null;
  @Field(() => Int, { nullable: true, description: '1-based position in the newer version' }) toPosition: number | null;
  @Field({ description: 'CHANGED and also moved' }) moved: boolean;
  @Field() kindChanged: boolean;
  @Field(() => String, { nullable: true }) oldText: string | null;
  @Field(() => String, { nullable: true }) newText: string | null;
  @Field(() => [WordChange], { description: 'Word-level detail of a CHANGED paragraph (the first 40 parts; oldText and newText are whole)' })
  words: WordChange[];
  @Field({
    description:
      'True when the paragraph changed too much (or is too long) to be compared word by word within the bounds of a diff: `words` then deletes the whole old text and inserts the whole new one. Show it as a rewritten paragraph.',
  })
  coarse: boolean;
}
