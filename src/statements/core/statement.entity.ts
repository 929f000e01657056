import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from '../../auth/user.entity.js';
import { BodyEntity } from '../../delegations/body.entity.js';
import { AgendaItemEntity } from '../../meetings/agenda-item.entity.js';
import { MeetingEntity } from '../../meetings/meeting.entity.js';
import { StatementVersionEntity } from './statement-version.entity.js';
import { AdoptionMethod, StatementClassification, StatementStatus } from './statement.enums.js';

/** Full-text search of the title and reference, the title in the statement's language (text_search_config: migration 1798000004000). */
export const STATEMENT_SEARCH_VECTOR_SQL = `setweight(to_tsvector(text_search_config("language"), coalesce("title", '')), 'A') || setweight(to_tsvector('simple', coalesce("reference", '')), 'A')`;

/** A joint statement of a body; its texts live in immutable versions. */
@Entity('statements')
@Index('statements_search', { synchronize: false })
@Unique('statements_reference', ['reference'])
// Unique on lower(press_reference) (migration 1799000000000): "PR 12/2012" and "pr 12/2012" are one reference.
@Index('statements_press_reference', { synchronize: false })
@Index('statements_body_id_idx', ['bodyId'])
@Check(
  'statements_adoption_complete',
  `"status" NOT IN ('ADOPTED', 'PUBLISHED') OR ("adopted_version_id" IS NOT NULL AND "adopted_at" IS NOT NULL AND "adoption_method" IS NOT NULL)`,
)
@Check('statements_withdrawal_complete', `"status" <> 'WITHDRAWN' OR ("withdrawn_at" IS NOT NULL AND "withdrawal_reason" IS NOT NULL)`)
export class StatementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** e.g. `JHA 2012/004`, allocated without gaps per reference series (the body's prefix) and year. */
  @Column({ type: 'varchar', length: 40 }) reference: string;

  @Column({ type: 'int' }) referenceYear: number;

  @Column({ type: 'int' }) referenceNumber: number;

  @Column({ type: 'uuid' }) bodyId: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id' })
  body?: Relation<BodyEntity>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @ManyToOne(() => MeetingEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<MeetingEntity> | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  agendaItemId: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: Relation<AgendaItemEntity> | null;

  @Column({ type: 'varchar', length: 500 }) title: string;

  @Column({ type: 'enum', enum: StatementClassification, enumName: 'statement_classification', default: StatementClassification.LIMITE })
  classification: StatementClassification;

  @Column({ type: 'enum', enum: StatementStatus, enumName: 'statement_status', default: StatementStatus.DRAFTING }) status: StatementStatus;

  /** BCP 47 language of the original text. */
  @Column({ type: 'varchar', length: 16, default: 'en' }) language: string;

  /** Null only inside the transaction that creates the statement. */
  @Column({ type: 'uuid', nullable: true }) currentVersionId: string | null;

  /** Next number for a generated paragraph key (`p<n>`); keys are never reused. */
  @Column({ type: 'int', default: 1 }) paragraphSeq: number;

  /** While a silence procedure runs: when silence ends. */
  @Column({ type: 'timestamptz', nullable: true }) silenceDeadline: Date | null;

  /** Set together by AdoptionService.adoptIn (a check constraint keeps them together). */
  @Column({ type: 'timestamptz', nullable: true }) adoptedAt: Date | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  adoptedVersionId: string | null;

  @ManyToOne(() => StatementVersionEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'adopted_version_id' })
  adoptedVersion?: Relation<StatementVersionEntity> | null;

  @Column({ type: 'enum', enum: AdoptionMethod, enumName: 'statement_adoption_method', nullable: true }) adoptionMethod: AdoptionMethod | null;

  @Column({ type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true }) withdrawalReason: string | null;

  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;

  /** Given at publication (e.g. `12-784`); names one statement. */
  @Column({ type: 'varchar', length: 40, nullable: true }) pressReference: string | null;

  @Column({ type: 'uuid', nullable: true }) createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<UserEntity> | null;

  /** Kept by PostgreSQL itself; GIN-indexed (global search). */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, generatedType: 'STORED', asExpression: STATEMENT_SEARCH_VECTOR_SQL })
  searchVector?: string;

  @VersionColumn() version: number;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/**
 * The last reference number given out per series and year; its row lock serialises allocation, and
 * as it is taken in the drafting transaction a rollback gives the number back (no gaps). Bodies that
 * share a prefix (the JHA ministerial and its working parties) share the series, so a reference
 * never names two statements.
 */
@Entity('statement_reference_counters')
export class StatementReferenceCounterEntity {
  @Column({ type: 'varchar', length: 16, primary: true }) series: string;

  @Column({ type: 'int', primary: true }) year: number;

  @Column({ type: 'int' }) lastNumber: number;
}
