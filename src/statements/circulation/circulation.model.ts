import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination/connection.js';
import { type AmendmentEntity } from '../core/amendment.entity.js';
import { type CirculationEntity, type CirculationRecipientEntity } from '../core/circulation.entity.js';
import { type PositionEntity } from '../core/position.entity.js';
import { AmendmentAction, AmendmentStatus, CirculationPurpose, CirculationStatus, RecipientStatus, Stance } from '../core/statement.enums.js';

/** The GraphQL types of circulations and the answers to them (the entities are in core: drafting reads amendments too). */
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
