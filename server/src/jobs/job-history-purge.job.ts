import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock/clock.js';
import { JobRepository } from './job.repository.js';
import { JobRunnerService } from './job-runner.service.js';

export const JOB_HISTORY_PURGE_JOB = 'jobs.purge_history';
/** How long a succeeded run of a recurring job stays on the Background jobs screen. */
export const RECURRING_RUN_KEEP_MS = 60 * 60_000;
/** How often the purge runs. */
export const JOB_HISTORY_PURGE_PERIOD_MS = 10 * 60_000;

/**
 * Keeps the Background jobs screen to what matters: succeeded runs of recurring jobs (the
 * per-minute lease sweep alone makes 1,440 a day) are deleted an hour after their period
 * ended. Failures, dead jobs, running ones and one-off jobs are kept.
 */
@Injectable()
export class JobHistoryPurgeJob implements OnModuleInit {
  constructor(
    private readonly runner: JobRunnerService,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runner.register(JOB_HISTORY_PURGE_JOB, () => this.purge().then(() => undefined));
    this.runner.registerRecurring(JOB_HISTORY_PURGE_JOB, JOB_HISTORY_PURGE_PERIOD_MS);
  }

  /** Deletes succeeded recurring runs whose period ended over an hour ago; returns how many. */
  async purge(): Promise<number> {
    const now = this.clock.nowMs();
    let purged = 0;
    for (const { type, periodMs } of this.runner.recurringJobs()) {
      purged += await this.jobs.purgeSucceededRecurring(
        type,
        new Date(now - RECURRING_RUN_KEEP_MS - periodMs),
      );
    }
    return purged;
  }
}
