import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { DelegationEntity } from '../delegations/delegation.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { MeetingInvitationEntity } from './meeting-invitation.entity.js';

/** A person accredited by an invited delegation to a meeting (one seat per person and meeting). */
@Entity('meeting_accreditations')
@Unique('meeting_accreditations_meeting_user', ['meetingId', 'userId'])
export class MeetingAccreditationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<MeetingEntity>;

  @Index()
  @Column({ type: 'uuid' })
  invitationId: string;

  @ManyToOne(() => MeetingInvitationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Relation<MeetingInvitationEntity>;

  @Column({ type: 'uuid' }) delegationId: string;

  @ManyToOne(() => DelegationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Relation<DelegationEntity>;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'boolean', nullable: true }) attended: boolean | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
