import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { ActionItemUpdateKind } from './action-item.enums.js';
import { ActionItemEntity } from './action-item.entity.js';

/** Append-only history of an action item: creation, field changes, status moves, progress notes. */
@Entity('action_item_updates')
@Index('action_item_updates_item_seq', ['actionItemId', 'seq'])
export class ActionItemUpdateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) actionItemId: string;

  @ManyToOne(() => ActionItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: Relation<ActionItemEntity>;

  @Column({ type: 'uuid', nullable: true }) authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<UserEntity> | null;

  @Column({ type: 'enum', enum: ActionItemUpdateKind, enumName: 'action_item_update_kind' }) kind: ActionItemUpdateKind;

  @Column({ type: 'text' }) text: string;

  /** Field changes as { field: { before, after } }; status moves as { from, to }. */
  @Column({ type: 'jsonb', nullable: true }) changes: Record<string, any> | null;

  @Column({ type: 'smallint', nullable: true }) percentComplete: number | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  /** Insertion order (several entries can share one transaction's timestamp): history sorts by it. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false }) seq: string;
}
