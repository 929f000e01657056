import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../auth/user.entity.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { Stance } from './statement.enums.js';
import { StatementVersionEntity } from './statement-version.entity.js';
import { StatementEntity } from './statement.entity.js';

/**
 * A delegation's stance on a version. Rows are only added: the newest is `current` (one per
 * delegation and version, by a partial unique index), the older ones are the history.
 */
@Entity('positions')
@Index('positions_current', ['versionId', 'delegationId'], { unique: true, where: 'current' })
@Index('positions_statement', ['statementId'])
export class PositionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) statementId: string;

  @ManyToOne(() => StatementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<StatementEntity>;

  @Column({ type: 'uuid' }) versionId: string;

  @ManyToOne(() => StatementVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<StatementVersionEntity>;

  @Column({ type: 'uuid' }) delegationId: string;

  @ManyToOne(() => DelegationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Relation<DelegationEntity>;

  @Column({ type: 'enum', enum: Stance, enumName: 'position_stance' }) stance: Stance;

  @Column({ type: 'text', nullable: true }) reason: string | null;

  @Column({ type: 'boolean', default: true }) current: boolean;

  @Column({ type: 'uuid', nullable: true }) recordedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy?: Relation<UserEntity> | null;

  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
}
