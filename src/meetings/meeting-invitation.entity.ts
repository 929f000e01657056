import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { Rsvp } from './meeting.enums.js';
import { MeetingEntity } from './meeting.entity.js';

/** A delegation invited to a meeting, its answer and whether it attended. */
@Entity('meeting_invitations')
@Unique('meeting_invitations_meeting_delegation', ['meetingId', 'delegationId'])
export class MeetingInvitationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<MeetingEntity>;

  @Index()
  @Column({ type: 'uuid' })
  delegationId: string;

  @ManyToOne(() => DelegationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Relation<DelegationEntity>;

  @Column({ type: 'enum', enum: Rsvp, enumName: 'rsvp', default: Rsvp.INVITED }) rsvp: Rsvp;

  @Column({ type: 'timestamptz', nullable: true }) respondedAt: Date | null;

  @Column({ type: 'uuid', nullable: true }) respondedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'responded_by_id' })
  respondedBy?: Relation<UserEntity> | null;

  /** Null until attendance is recorded. */
  @Column({ type: 'boolean', nullable: true }) attended: boolean | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
