import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock/clock.js';
import { RateLimitCounterRepository } from '../common/http/rate-limit-counter.repository.js';
import { AppConfig } from '../config/app-config.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { SessionRepository } from './session.repository.js';

export const SESSION_PURGE_JOB = 'sessions.purge_expired';

/**
 * Hourly: deletes sessions past their idle or absolute limit (they are refused anyway), and
 * failed-sign-in counts that have gone quiet, and per-IP rate-limit windows that have ended.
 */
@Injectable()
export class SessionPurgeJob implements OnModuleInit {
  constructor(
    private readonly runner: JobRunnerService,
    private readonly sessions: SessionRepository,
    private readonly throttles: LoginThrottleRepository,
    private readonly rateLimits: RateLimitCounterRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runner.register(SESSION_PURGE_JOB, async () => {
      const now = this.clock.now();
      await this.sessions.deleteExpired(
        now,
        new Date(now.getTime() - this.config.env.SESSION_IDLE_MINUTES * 60_000),
      );
      await this.throttles.purge(
        now,
        new Date(now.getTime() - this.config.env.LOGIN_LOCK_MINUTES * 60_000),
      );
      await this.rateLimits.purge(now);
    });
    this.runner.registerRecurring(SESSION_PURGE_JOB, 3_600_000);
  }
}
