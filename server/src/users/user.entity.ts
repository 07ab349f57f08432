import type { Role } from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Stored trimmed and lower-cased, so uniqueness is case-insensitive. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'mfa_enabled', type: 'boolean', default: false })
  mfaEnabled: boolean;

  /** TOTP secret, AES-256-GCM encrypted with SECRET_KEY. */
  @Column({ name: 'mfa_secret', type: 'text', nullable: true })
  mfaSecret: string | null;

  /** Secret offered at enrolment, confirmed by the first valid code. */
  @Column({ name: 'mfa_pending_secret', type: 'text', nullable: true })
  mfaPendingSecret: string | null;

  /** Last accepted TOTP time step, so that a code cannot be replayed. */
  @Column({ name: 'mfa_last_step', type: 'integer', nullable: true })
  mfaLastStep: number | null;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'locked_until', type: TIMESTAMP, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_login_at', type: TIMESTAMP, nullable: true })
  lastLoginAt: Date | null;

  /** Seeded demo account: exempt from the second factor outside production. */
  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  /** Bumped by each edit an admin makes; sign-in bookkeeping leaves it alone. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
