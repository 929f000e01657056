import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { NotificationKind } from './notification-kind.enum.js';

/** A user's choice for one kind of notification. No row means the default: in-app and e-mail. */
@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @PrimaryColumn({ type: 'uuid' }) userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @PrimaryColumn({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' }) kind: NotificationKind;

  @Column({ type: 'boolean', default: true }) email: boolean;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
