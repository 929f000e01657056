import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { MeetingEntity } from './meeting.entity.js';

/** One saved version of a meeting's outcome of proceedings; never updated, only added. */
@Entity('meeting_minutes_revisions')
@Unique('meeting_minutes_revisions_meeting_revision', ['meetingId', 'revision'])
export class MinutesRevisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<MeetingEntity>;

  @Column({ type: 'int' }) revision: number;

  @Column({ type: 'text' }) text: string;

  @Column({ type: 'uuid', nullable: true }) authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<UserEntity> | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
