import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from './role.enum.js';

@Entity('users')
@Check('users_email_lowercase', `"email" = lower("email")`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  /** Stored lower-cased, so the unique constraint is case-insensitive. */
  @Column({ type: 'varchar', length: 320, unique: true }) email: string;

  @Column({ type: 'varchar', length: 200 }) name: string;

  @Column({ type: 'varchar', length: 200, select: false }) passwordHash: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' }) role: Role;

  @Column({ type: 'varchar', length: 64, default: 'UTC' }) timezone: string;

  @Column({ type: 'varchar', length: 16, default: 'en' }) locale: string;

  @Column({ type: 'boolean', default: true }) active: boolean;

  /** False: the password is refused (SSO_REQUIRED), the user signs in through single sign-on only. */
  @Column({ type: 'boolean', default: true }) passwordLogin: boolean;

  /** SHA-256 (hex) of the secret in the personal calendar feed URL, for lookup; the token itself is never stored. */
  @Column({ type: 'char', length: 64, nullable: true, unique: true, select: false }) calendarTokenHash: string | null;

  /** Random input from which the feed token is derived with a server key (so the URL can be shown again). */
  @Column({ type: 'varchar', length: 43, nullable: true, select: false }) calendarFeedNonce: string | null;

  /**
   * Every access token carries the generation it was issued under; bumping it (password change,
   * disable, enable, admin reset) ends every earlier token at once.
   */
  @Column({ type: 'integer', default: 0 }) tokenGeneration: number;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
