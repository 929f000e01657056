import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../../auth/user.entity.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { StatementEntity } from '../core/statement.entity.js';

/**
 * A delegation joining a published statement after its adoption ("we invite partners to join").
 * Once per delegation and statement: the unique constraint makes endorsing again a no-op.
 */
@Entity('endorsements')
@Unique('endorsements_statement_delegation', ['statementId', 'delegationId'])
export class EndorsementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) statementId: string;

  @ManyToOne(() => StatementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<StatementEntity>;

  @Index('endorsements_delegation_id_idx')
  @Column({ type: 'uuid' })
  delegationId: string;

  @ManyToOne(() => DelegationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Relation<DelegationEntity>;

  /** When the delegation joined (the date of its letter may precede its recording). */
  @Column({ type: 'timestamptz' }) endorsedAt: Date;

  @Column({ type: 'uuid', nullable: true }) endorsedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'endorsed_by_id' })
  endorsedBy?: Relation<UserEntity> | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
