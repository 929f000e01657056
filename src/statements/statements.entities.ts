import { CommitmentEntity } from './adoption/commitments/commitment.entity.js';
import { AmendmentEntity } from './core/amendment.entity.js';
import { CirculationEntity, CirculationRecipientEntity } from './core/circulation.entity.js';
import { PositionEntity } from './core/position.entity.js';
import { StatementVersionEntity } from './core/statement-version.entity.js';
import { StatementEntity, StatementReferenceCounterEntity } from './core/statement.entity.js';
import { EndorsementEntity } from './publication/endorsement.entity.js';
import { StatementTranslationEntity } from './texts/statement-translation.entity.js';

/** This feature's TypeORM entities; database/entities.ts collects every feature's list. */
export const STATEMENT_ENTITIES = [
  StatementEntity,
  StatementReferenceCounterEntity,
  StatementVersionEntity,
  CirculationEntity,
  CirculationRecipientEntity,
  AmendmentEntity,
  PositionEntity,
  EndorsementEntity,
  StatementTranslationEntity,
  CommitmentEntity,
];
