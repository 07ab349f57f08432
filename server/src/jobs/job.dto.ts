import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATUSES } from './job.entity.js';
import type { Job } from './job.entity.js';

export class JobDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'sessions.purge_expired' }) type: string;
  @ApiProperty({ enum: JOB_STATUSES }) status: string;
  @ApiProperty({ description: 'The job payload (JSON)' }) payload: unknown;
  @ApiProperty({ format: 'date-time' }) runAt: string;
  @ApiProperty() attempts: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ nullable: true, type: String }) lockedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) leaseExpiresAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ description: 'A run of a recurring job (one per period)' }) recurring: boolean;

  static from(job: Job): JobDto {
    return {
      id: job.id,
      type: job.type,
      status: job.status,
      payload: JSON.parse(job.payload) as unknown,
      runAt: job.runAt.toISOString(),
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      lockedBy: job.lockedBy,
      leaseExpiresAt: job.leaseExpiresAt?.toISOString() ?? null,
      lastError: job.lastError,
      createdAt: job.createdAt.toISOString(),
      updatedAt: job.updatedAt.toISOString(),
      completedAt: job.completedAt?.toISOString() ?? null,
      recurring: job.uniqueKey !== null,
    };
  }
}
