import {
  Check,
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
import { BodyEntity } from '../delegations/body.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { MeetingKind, MeetingStatus } from './meeting.enums.js';

/** Full-text search of title (English) and location; GIN-indexed (global search). */
export const MEETING_SEARCH_VECTOR_SQL = `setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('simple', coalesce("location", '')), 'C')`;

@Entity('meetings')
@Index('meetings_search', { synchronize: false })
@Check('meetings_ends_after_start', `"ends_at" > "starts_at"`)
@Index('meetings_starts_at', ['startsAt'])
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index()
  @Column({ type: 'uuid' })
  bodyId: string;

  @ManyToOne(() => BodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id' })
  body?: Relation<BodyEntity>;

  @Column({ type: 'varchar', length: 300 }) title: string;

  @Column({ type: 'enum', enum: MeetingKind, enumName: 'meeting_kind' }) kind: MeetingKind;

  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'meeting_status', default: MeetingStatus.PLANNED }) status: MeetingStatus;

  /** UTC instants; `timezone` is the venue's IANA zone, kept to show local times and for iCal. */
  @Column({ type: 'timestamptz' }) startsAt: Date;

  @Column({ type: 'timestamptz' }) endsAt: Date;

  @Column({ type: 'varchar', length: 64 }) timezone: string;

  @Column({ type: 'varchar', length: 300, nullable: true }) location: string | null;

  @Column({ type: 'uuid', nullable: true }) chairDelegationId: string | null;

  @ManyToOne(() => DelegationEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'chair_delegation_id' })
  chairDelegation?: Relation<DelegationEntity> | null;

  /** iCalendar SEQUENCE: grows with every change calendar clients must pick up. */
  @Column({ type: 'int', default: 0 }) sequence: number;

  @Column({ type: 'timestamptz', nullable: true }) agendaCirculatedAt: Date | null;

  @Column({ type: 'uuid', nullable: true }) createdById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<UserEntity> | null;

  /** Optimistic lock: clients send the version they saw. */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, generatedType: 'STORED', asExpression: MEETING_SEARCH_VECTOR_SQL })
  searchVector?: string;

  @VersionColumn() version: number;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
