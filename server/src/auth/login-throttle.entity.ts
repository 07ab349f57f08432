import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/**
 * Failed sign-ins counted per account and source (client IP address). A source that fails
 * too often is locked out of that account; the account stays open to every other source.
 * Kept in the database so that every instance counts together.
 */
@Entity('login_throttles')
@Index('IDX_login_throttles_last_failure_at', ['lastFailureAt'])
export class LoginThrottle {
  /** SHA-256 of the normalised email that was tried (known account or not): no address stored. */
  @PrimaryColumn({ name: 'account_key', type: 'varchar', length: 64 })
  accountKey: string;

  /** The client IP address the attempts came from. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  source: string;

  /** Failures in a row from this source, reset by a success or a quiet period. */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ name: 'last_failure_at', type: TIMESTAMP })
  lastFailureAt: Date;

  /** This source may not sign in to this account before then. */
  @Column({ name: 'locked_until', type: TIMESTAMP, nullable: true })
  lockedUntil: Date | null;
}
