import { Column, CreateDateColumn, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { BodyKind } from './delegation-kind.enum.js';
import { DelegationEntity } from './delegation.entity.js';

@Entity('bodies')
export class BodyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'enum', enum: BodyKind, enumName: 'body_kind' }) kind: BodyKind;

  @Column({ type: 'varchar', length: 300, unique: true }) name: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => BodyEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<BodyEntity> | null;

  @Column({ type: 'uuid', nullable: true }) chairDelegationId: string | null;

  @ManyToOne(() => DelegationEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'chair_delegation_id' })
  chairDelegation?: Relation<DelegationEntity> | null;

  /** Justice and Home Affairs bodies need agendas 21 days ahead instead of 14. */
  @Column({ type: 'boolean', default: false }) jha: boolean;

  /** When set, every signed-in user may read this body's meetings, invited or not. */
  @Column({ type: 'boolean', default: false }) publicMeetings: boolean;

  @ManyToMany(() => DelegationEntity)
  @JoinTable({
    name: 'body_members',
    joinColumn: { name: 'body_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'delegation_id', referencedColumnName: 'id' },
  })
  members?: Relation<DelegationEntity>[];

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
