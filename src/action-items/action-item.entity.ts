import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { MeetingEntity } from '../meetings/meeting.entity.js';
import { ActionItemPriority, ActionItemStatus } from './action-item.enums.js';

export const SEARCH_VECTOR_SQL =
  `setweight(to_tsvector('simple', coalesce("reference", '')), 'A') || ` +
  `setweight(to_tsvector('english', coalesce("title", '')), 'A') || ` +
  `setweight(to_tsvector('english', coalesce("description", '')), 'B')`;

/**
 * Follow-up owned by a delegation. Indexes (partial, on `coalesce(due_at, 'infinity')`) and the
 * generated `search_vector` column live in the migration: they are SQL the entity cannot express.
 */
@Entity('action_items')
@Index('action_items_owner_due', { synchronize: false })
@Index('action_items_assignee_due', { synchronize: false })
@Index('action_items_due', { synchronize: false })
@Index('action_items_updated', { synchronize: false })
@Index('action_items_priority', { synchronize: false })
@Index('action_items_created_by', { synchronize: false })
@Index('action_items_meeting', { synchronize: false })
@Index('action_items_agenda_item', { synchronize: false })
@Index('action_items_search', { synchronize: false })
@Index('action_items_commitment', { synchronize: false })
export class ActionItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** `AI-2012-0042`: gap-free per year (see action-item-reference.ts). */
  @Column({ type: 'varchar', length: 20, unique: true }) reference: string;

  @Column({ type: 'varchar', length: 500 }) title: string;

  @Column({ type: 'text', nullable: true }) description: string | null;

  @Column({ type: 'enum', enum: ActionItemStatus, enumName: 'action_item_status', default: ActionItemStatus.OPEN }) status: ActionItemStatus;

  @Column({ type: 'enum', enum: ActionItemPriority, enumName: 'action_item_priority', default: ActionItemPriority.NORMAL }) priority: ActionItemPriority;

  @Column({ type: 'timestamptz', nullable: true }) dueAt: Date | null;

  @Column({ type: 'uuid' }) ownerDelegationId: string;

  @ManyToOne(() => DelegationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_delegation_id' })
  ownerDelegation?: Relation<DelegationEntity>;

  @Column({ type: 'uuid', nullable: true }) assigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<UserEntity> | null;

  @Column({ type: 'uuid', nullable: true }) createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<UserEntity> | null;

  @Column({ type: 'uuid', nullable: true }) meetingId: string | null;

  @ManyToOne(() => MeetingEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<MeetingEntity> | null;

  @Column({ type: 'uuid', nullable: true }) agendaItemId: string | null;

  @ManyToOne(() => AgendaItemEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'agenda_item_id' })
  agendaItem?: Relation<AgendaItemEntity> | null;

  /** The statement commitment (a goal) this item follows up, when created by commitToGoal. */
  @Column({ type: 'uuid', nullable: true }) commitmentId: string | null;

  // Named, not imported: action items import nothing from statements (the foreign key stays).
  @ManyToOne('CommitmentEntity', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Relation<{ id: string }> | null;

  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;

  /** Optimistic lock: clients send the version they saw. */
  @VersionColumn() version: number;

  /** Full-text search (reference, title, description), kept by PostgreSQL itself; GIN-indexed. */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, generatedType: 'STORED', asExpression: SEARCH_VECTOR_SQL })
  searchVector?: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
