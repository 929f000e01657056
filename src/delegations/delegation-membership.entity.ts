import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { DelegateRole } from './delegation-kind.enum.js';
import { DelegationEntity } from './delegation.entity.js';

@Entity('delegation_memberships')
@Unique('delegation_memberships_user_delegation', ['userId', 'delegationId'])
export class DelegationMembershipEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Index()
  @Column({ type: 'uuid' })
  delegationId: string;

  @ManyToOne(() => DelegationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Relation<DelegationEntity>;

  @Column({ type: 'enum', enum: DelegateRole, enumName: 'delegate_role' }) delegateRole: DelegateRole;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
