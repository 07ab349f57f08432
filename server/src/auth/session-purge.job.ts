import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import { SessionRepository } from './session.repository.js';

export const SESSION_PURGE_JOB = 'sessions.purge_expired';

/** Hourly: deletes sessions past their idle or absolute limit (they are refused anyway). */
@Injectable()
export class SessionPurgeJob implements OnModuleInit {
  constructor(
    private readonly runner: JobRunnerService,
    private readonly sessions: SessionRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.runner.register(SESSION_PURGE_JOB, async () => {
      const now = new Date();
      await this.sessions.deleteExpired(
        now,
        new Date(now.getTime() - this.config.env.SESSION_IDLE_MINUTES * 60_000),
      );
    });
    this.runner.registerRecurring(SESSION_PURGE_JOB, 3_600_000);
  }
}
