import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination/connection.js';
import { type AmendmentEntity } from './amendment.entity.js';
import { type CirculationEntity, type CirculationRecipientEntity } from './circulation.entity.js';
import { type Paragraph as ParagraphData } from './paragraphs.js';
import { type PositionEntity } from './position.entity.js';
import { revisionLabel } from './statement-reference.js';
import { type StatementVersionEntity } from './statement-version.entity.js';
import {
  AdoptionMethod,
  AmendmentAction,
  AmendmentStatus,
  CirculationPurpose,
  CirculationStatus,
  ParagraphChangeType,
  ParagraphKind,
  RecipientStatus,
  Stance,
  StatementClassification,
  StatementStatus,
  WordOp,
} from './statement.enums.js';
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
  @Field(() => Date, { nullable: true, description: 'While the silence procedure runs: objections are accepted until then (see silenceProcedure)' }) silenceDeadline: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was adopted: the clerk recorded consensus, or the silence deadline passed' }) adoptedAt: Date | null;
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
  @Field(() => [WordChange], { description: 'Word-level detail of a CHANGED paragraph (the first 40 parts; oldText and newText are whole)' }) words: WordChange[];
  @Field({
    description:
      'True when the paragraph changed too much (or is too long) to be compared word by word within the bounds of a diff: `words` then deletes the whole old text and inserts the whole new one. Show it as a rewritten paragraph.',
  })
  coarse: boolean;
}

@ObjectType({ description: 'A version sent to delegations for a purpose' })
export class Circulation {
  @Field(() => ID) id: string;
  @Field(() => CirculationPurpose) purpose: CirculationPurpose;
  @Field(() => Date, { nullable: true }) deadline: Date | null;
  @Field(() => CirculationStatus) status: CirculationStatus;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field() createdAt: Date;
  statementId: string;
  versionId: string;

  static from(e: CirculationEntity): Circulation {
    return Object.assign(new Circulation(), {
      id: e.id,
      purpose: e.purpose,
      deadline: e.deadline,
      status: e.status,
      closedAt: e.closedAt,
      createdAt: e.createdAt,
      statementId: e.statementId,
      versionId: e.versionId,
    });
  }
}

@ObjectType({ description: 'One delegation a circulation went to' })
export class CirculationRecipient {
  @Field(() => ID) id: string;
  @Field(() => RecipientStatus) status: RecipientStatus;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => Date, { nullable: true }) acknowledgedAt: Date | null;
  @Field(() => Date, { nullable: true }) failedAt: Date | null;
  circulationId: string;
  delegationId: string;
  acknowledgedById: string | null;

  static from(e: CirculationRecipientEntity): CirculationRecipient {
    return Object.assign(new CirculationRecipient(), {
      id: e.id,
      status: e.status,
      deliveredAt: e.deliveredAt,
      acknowledgedAt: e.acknowledgedAt,
      failedAt: e.failedAt,
      circulationId: e.circulationId,
      delegationId: e.delegationId,
      acknowledgedById: e.acknowledgedById,
    });
  }
}

@ObjectType()
export class CirculationRecipientConnection extends Connection(CirculationRecipient) {}

@ObjectType({ description: 'A delegation’s proposed change to one paragraph' })
export class Amendment {
  @Field(() => ID) id: string;
  @Field() paragraphKey: string;
  @Field(() => AmendmentAction) action: AmendmentAction;
  @Field(() => String, { nullable: true }) text: string | null;
  @Field() rationale: string;
  @Field(() => AmendmentStatus) status: AmendmentStatus;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decisionReason: string | null;
  @Field() createdAt: Date;
  statementId: string;
  versionId: string;
  delegationId: string;
  appliedInVersionId: string | null;

  static from(e: AmendmentEntity): Amendment {
    return Object.assign(new Amendment(), {
      id: e.id,
      paragraphKey: e.paragraphKey,
      action: e.action,
      text: e.text,
      rationale: e.rationale,
      status: e.status,
      decidedAt: e.decidedAt,
      decisionReason: e.decisionReason,
      createdAt: e.createdAt,
      statementId: e.statementId,
      versionId: e.versionId,
      delegationId: e.delegationId,
      appliedInVersionId: e.appliedInVersionId,
    });
  }
}

@ObjectType({ description: 'A delegation’s stance on a version' })
export class Position {
  @Field(() => ID) id: string;
  @Field(() => Stance) stance: Stance;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field({ description: 'The latest stance of the delegation on the version' }) current: boolean;
  @Field() recordedAt: Date;
  statementId: string;
  versionId: string;
  delegationId: string;
  recordedById: string | null;

  static from(e: PositionEntity): Position {
    return Object.assign(new Position(), {
      id: e.id,
      stance: e.stance,
      reason: e.reason,
      current: e.current,
      recordedAt: e.recordedAt,
      statementId: e.statementId,
      versionId: e.versionId,
      delegationId: e.delegationId,
      recordedById: e.recordedById,
    });
  }
}

@ObjectType()
export class ConsensusEntry {
  @Field(() => Stance, { nullable: true, description: 'null: no answer' }) stance: Stance | null;
  @Field() answered: boolean;
  delegationId: string;
}

@ObjectType({ description: 'Per member delegation of the body its current stance on a version' })
export class Consensus {
  @Field(() => ID) versionId: string;
  @Field({ description: 'Every member delegation SUPPORT or ABSTAIN' }) holds: boolean;
  @Field(() => [ConsensusEntry]) entries: ConsensusEntry[];
}
