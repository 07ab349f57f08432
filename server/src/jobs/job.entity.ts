import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

export const JOB_STATUSES = ['pending', 'running', 'succeeded', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A unit of background work. `pending` jobs wait for `runAt`; a worker claims one by setting
 * `running` with a lease; a job whose lease ran out is claimable again. After `maxAttempts`
 * failures it is `dead` until an admin retries it.
 */
@Entity('jobs')
@Index('IDX_jobs_claim', ['status', 'runAt'])
export class Job {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('IDX_jobs_type')
  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** JSON. Kept free of personal data where a reference (an id) will do. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16 })
  status: JobStatus;

  @Column({ name: 'run_at', type: TIMESTAMP })
  runAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts: number;

  @Column({ name: 'locked_by', type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @Column({ name: 'lease_expires_at', type: TIMESTAMP, nullable: true })
  leaseExpiresAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Set for recurring jobs (`type@periodStart`), so a period fires once across instances. */
  @Index('UQ_jobs_unique_key', { unique: true })
  @Column({ name: 'unique_key', type: 'varchar', length: 200, nullable: true })
  uniqueKey: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @Column({ name: 'completed_at', type: TIMESTAMP, nullable: true })
  completedAt: Date | null;
}
