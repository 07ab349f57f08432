import { Injectable, OnModuleInit } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import { RetentionService } from './retention.service.js';

export const RETENTION_PURGE_JOB = 'retention.purge';
/** Once a day (periods are aligned to the epoch: midnight UTC). */
export const RETENTION_PURGE_PERIOD_MS = 24 * 60 * 60_000;

/**
 * The scheduled retention purge. Not one transaction for the whole job: the service commits
 * batch by batch, each with its audit entry, so a long purge never holds a lock for long and
 * a failure keeps the batches already done (the purge markers make a retry skip them).
 */
@Injectable()
export class RetentionPurgeJob implements OnModuleInit {
  constructor(
    private readonly runner: JobRunnerService,
    private readonly retention: RetentionService,
  ) {}

  onModuleInit(): void {
    this.runner.register(
      RETENTION_PURGE_JOB,
      () => this.retention.run(SYSTEM_ACTOR).then(() => undefined),
      { transactional: false },
    );
    this.runner.registerRecurring(RETENTION_PURGE_JOB, RETENTION_PURGE_PERIOD_MS);
  }
}
