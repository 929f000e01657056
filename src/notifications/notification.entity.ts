import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { NotificationKind } from './notification-kind.enum.js';

/** One inbox entry of one user. `eventKey` makes a notification unique per occurrence and user. */
@Entity('notifications')
@Unique('notifications_user_event', ['userId', 'eventKey'])
@Index('notifications_user_created', ['userId', 'createdAt'])
// A circulation recipient's e-mails and its settling are found by occurrence alone.
@Index('notifications_event_key', ['eventKey'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' }) kind: NotificationKind;

  @Column({ type: 'varchar', length: 300 }) subject: string;

  @Column({ type: 'text' }) body: string;

  /** The language subject and body were written in (the reader's at the time: en, fr or de); the e-mail's frame follows it. */
  @Column({ type: 'varchar', length: 16, default: 'en' }) language: string;

  @Column({ type: 'varchar', length: 100 }) entityType: string;

  @Column({ type: 'uuid' }) entityId: string;

  @Column({ type: 'varchar', length: 300 }) eventKey: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
}
