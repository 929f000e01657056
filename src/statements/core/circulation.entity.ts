import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../auth/user.entity.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { PositionEntity } from './position.entity.js';
import { CirculationPurpose, CirculationStatus, RecipientStatus } from './statement.enums.js';
import { StatementVersionEntity } from './statement-version.entity.js';
import { StatementEntity } from './statement.entity.js';

/** One version sent to a set of delegations for a purpose, with an optional deadline. */
@Entity('circulations')
// One running silence procedure per statement.
@Index('circulations_one_open_silence', ['statementId'], { unique: true, where: `"purpose" = 'SILENCE' AND "status" = 'OPEN'` })
export class CirculationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index()
  @Column({ type: 'uuid' })
  statementId: string;

  @ManyToOne(() => StatementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<StatementEntity>;

  @Column({ type: 'uuid' }) versionId: string;

  @ManyToOne(() => StatementVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<StatementVersionEntity>;

  @Column({ type: 'enum', enum: CirculationPurpose, enumName: 'circulation_purpose' }) purpose: CirculationPurpose;

  @Column({ type: 'timestamptz', nullable: true }) deadline: Date | null;

  @Column({ type: 'enum', enum: CirculationStatus, enumName: 'circulation_status', default: CirculationStatus.OPEN }) status: CirculationStatus;

  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;

  /** SILENCE: the objection that broke silence (its delegation, reason and time). */
  @Column({ type: 'uuid', nullable: true }) objectionPositionId: string | null;

  @ManyToOne(() => PositionEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'objection_position_id' })
  objectionPosition?: Relation<PositionEntity> | null;

  @Column({ type: 'uuid', nullable: true }) createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<UserEntity> | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** One delegation a circulation goes to: its delivery and its acknowledgment, once each. */
@Entity('circulation_recipients')
@Unique('circulation_recipients_circulation_delegation', ['circulationId', 'delegationId'])
export class CirculationRecipientEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) circulationId: string;

  @ManyToOne(() => CirculationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'circulation_id' })
  circulation?: Relation<CirculationEntity>;

  @Index()
  @Column({ type: 'uuid' })
  delegationId: string;

  @ManyToOne(() => DelegationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Relation<DelegationEntity>;

  @Column({ type: 'enum', enum: RecipientStatus, enumName: 'circulation_recipient_status', default: RecipientStatus.QUEUED }) status: RecipientStatus;

  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true }) acknowledgedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'acknowledged_by_id' })
  acknowledgedBy?: Relation<UserEntity> | null;

  @Column({ type: 'timestamptz', nullable: true }) failedAt: Date | null;

  @Column({ type: 'text', nullable: true }) lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
