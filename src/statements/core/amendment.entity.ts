import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../auth/user.entity.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { AmendmentAction, AmendmentStatus } from './statement.enums.js';
import { StatementVersionEntity } from './statement-version.entity.js';
import { StatementEntity } from './statement.entity.js';

/** A delegation's proposed change to one paragraph of a circulated version. */
@Entity('amendments')
export class AmendmentEntity {
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

  @Column({ type: 'uuid' }) delegationId: string;

  @ManyToOne(() => DelegationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Relation<DelegationEntity>;

  @Column({ type: 'varchar', length: 32 }) paragraphKey: string;

  @Column({ type: 'enum', enum: AmendmentAction, enumName: 'amendment_action' }) action: AmendmentAction;

  @Column({ type: 'text', nullable: true }) text: string | null;

  @Column({ type: 'text' }) rationale: string;

  @Column({ type: 'enum', enum: AmendmentStatus, enumName: 'amendment_status', default: AmendmentStatus.PROPOSED }) status: AmendmentStatus;

  @Column({ type: 'uuid', nullable: true }) proposedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'proposed_by_id' })
  proposedBy?: Relation<UserEntity> | null;

  @Column({ type: 'uuid', nullable: true }) decidedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decided_by_id' })
  decidedBy?: Relation<UserEntity> | null;

  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;

  @Column({ type: 'text', nullable: true }) decisionReason: string | null;

  /** The version that took this (accepted) amendment in. */
  @Column({ type: 'uuid', nullable: true }) appliedInVersionId: string | null;

  @ManyToOne(() => StatementVersionEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'applied_in_version_id' })
  appliedInVersion?: Relation<StatementVersionEntity> | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
