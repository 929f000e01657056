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

  /** Secret part of the personal calendar feed URL; rotated by resetCalendarFeed. */
  @Column({ type: 'varchar', length: 64, nullable: true, unique: true, select: false }) calendarToken: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
