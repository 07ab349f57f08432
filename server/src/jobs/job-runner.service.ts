import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { Job } from './job.entity.js';
import { JobRepository } from './job.repository.js';
import type { ClaimedBy } from './job.repository.js';

export interface JobHandlerOptions {
  /**
   * true (default): the handler's database writes and the job's completion commit in one
   * transaction, and are rolled back if the lease was lost, so each job takes effect once.
   * false: for work outside the database (sending mail); the job is marked done after the
   * handler returns, so a crash in between repeats the work (at least once).
   */
  transactional?: boolean;
  maxAttempts?: number;
  /**
   * Called, in the transaction that marks the job dead, when it dies: it failed on its last
   * attempt, or its worker stopped during the last attempt (lease expired). For work whose
   * own record must say so (an outbox row becomes `failed`).
   */
  onDead?: (payload: unknown, job: Job) => Promise<void>;
}

export type JobHandler = (payload: unknown, job: Job) => Promise<void>;

interface RegisteredHandler {
  handle: JobHandler;
  options: Required<Omit<JobHandlerOptions, 'onDead'>> & Pick<JobHandlerOptions, 'onDead'>;
}

interface RecurringJob {
  type: string;
  periodMs: number;
}

class LeaseLostError extends Error {
  constructor() {
    super('The job lease was lost to another worker');
  }
}

const MAX_BACKOFF_MS = 3_600_000;

/**
 * Runs background jobs stored in the `jobs` table. Every instance runs one of these; the
 * claim in JobRepository makes sure each job goes to exactly one of them.
 */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, RegisteredHandler>();
  private readonly recurring: RecurringJob[] = [];
  private readonly inFlight = new Map<string, Promise<void>>();
  /** The claim of each job this worker is running, for the heartbeat. */
  private readonly claims = new Map<string, ClaimedBy>();
  private timer: NodeJS.Timeout | undefined;
  /** The poll running now, if any: stopping waits for it, and then for the jobs it claimed. */
  private polling: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  register(type: string, handle: JobHandler, options: JobHandlerOptions = {}): void {
    if (this.handlers.has(type))
      throw new Error(`A handler for job type ${type} is already registered`);
    this.handlers.set(type, {
      handle,
      options: {
        transactional: options.transactional ?? true,
        maxAttempts: options.maxAttempts ?? this.config.env.JOB_MAX_ATTEMPTS,
        onDead: options.onDead,
      },
    });
  }

  /** A job that fires once per period (aligned to the epoch, UTC) across all instances. */
  registerRecurring(type: string, periodMs: number): void {
    if (!this.handlers.has(type)) throw new Error(`Register a handler for ${type} first`);
    this.recurring.push({ type, periodMs });
  }

  /** The recurring job types and their periods (for the history purge). */
  recurringJobs(): readonly RecurringJob[] {
    return this.recurring;
  }

  /** Queues a job; call inside the transaction of the change that needs it, so both commit together. */
  async enqueue(type: string, payload: unknown, options: { runAt?: Date } = {}): Promise<Job> {
    const handler = this.handlers.get(type);
    if (!handler) throw new Error(`No handler is registered for job type ${type}`);
    const job = this.newJob(
      type,
      payload,
      options.runAt ?? this.clock.now(),
      handler.options.maxAttempts,
    );
    await this.tx.run(() => this.jobs.insert(job));
    return job;
  }

  private newJob(
    type: string,
    payload: unknown,
    runAt: Date,
    maxAttempts: number,
    uniqueKey: string | null = null,
  ): Job {
    const now = this.clock.now();
    return Object.assign(new Job(), {
      id: randomUUID(),
      type,
      payload: JSON.stringify(payload ?? null),
      status: 'pending',
      runAt,
      attempts: 0,
      maxAttempts,
      lockedBy: null,
      leaseExpiresAt: null,
      lastError: null,
      uniqueKey,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.env.JOBS_ENABLED) return;
    this.schedule(0);
    this.heartbeat = setInterval(() => {
      this.renewLeases().catch((error: unknown) =>
        this.logger.error(`Job lease renewal failed: ${(error as Error).message}`),
      );
    }, this.leaseMs / 3);
    this.heartbeat.unref();
  }

  /**
   * Before any module closes (the database last of all): the final audit checkpoint waits for
   * this too, through stop().
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Stops polling, then waits for the poll in progress and every job it started. */
  stop(): Promise<void> {
    this.stopped ??= this.finishInFlight();
    return this.stopped;
  }

  private async finishInFlight(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    // Jobs still running keep their leases until they end.
    await Promise.allSettled(this.inFlight.values());
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.tick()
        .catch((error: unknown) =>
          this.logger.error(`Job poll failed: ${(error as Error).message}`),
        )
        .finally(() => {
          this.polling = undefined;
          this.schedule(this.config.env.JOB_POLL_INTERVAL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One poll: plan recurring jobs, bury expired last attempts, claim and start due jobs. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    await this.planRecurring(now);
    await this.buryExpired(now);
    const free = this.config.env.JOB_CONCURRENCY - this.inFlight.size;
    if (free <= 0) return;
    const claimed = await this.jobs.claim(this.workerId, free, now, this.leaseMs, [
      ...this.inFlight.keys(),
    ]);
    for (const job of claimed) {
      const run = this.run(job)
        .catch((error: unknown) =>
          // The job's outcome was not written; its lease runs out and it is retried.
          this.logger.error(
            `Job ${job.id} (${job.type}) ended unrecorded: ${(error as Error).message}`,
          ),
        )
        .finally(() => this.inFlight.delete(job.id));
      this.inFlight.set(job.id, run);
    }
  }

  /** Runs due jobs until none is left (for tests and the CLI). */
  async drain(): Promise<void> {
    for (;;) {
      await this.tick();
      if (this.inFlight.size === 0) return;
      await Promise.allSettled(this.inFlight.values());
    }
  }

  private async planRecurring(now: Date): Promise<void> {
    for (const { type, periodMs } of this.recurring) {
      const periodStart = new Date(Math.floor(now.getTime() / periodMs) * periodMs);
      const handler = this.handlers.get(type)!;
      const job = this.newJob(
        type,
        { periodStart: periodStart.toISOString() },
        periodStart,
        handler.options.maxAttempts,
        `${type}@${periodStart.toISOString()}`,
      );
      await this.tx.run(() => this.jobs.insertUnique(job));
    }
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.type);
    const by: ClaimedBy = { workerId: this.workerId, attempt: job.attempts };
    if (!handler) {
      await this.fail(
        job,
        by,
        new Error(`No handler is registered for job type ${job.type}`),
        true,
      );
      return;
    }
    this.claims.set(job.id, by);
    try {
      const payload: unknown = JSON.parse(job.payload);
      if (handler.options.transactional) {
        await this.tx.run(async () => {
          await handler.handle(payload, job);
          if (
            !(await this.jobs.finish(
              job.id,
              by,
              { status: 'succeeded', completedAt: this.clock.now() },
              this.clock.now(),
            ))
          ) {
            throw new LeaseLostError();
          }
        });
      } else {
        await handler.handle(payload, job);
        await this.tx.run(() =>
          this.jobs.finish(
            job.id,
            by,
            { status: 'succeeded', completedAt: this.clock.now() },
            this.clock.now(),
          ),
        );
      }
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.logger.warn(
          `Job ${job.id} (${job.type}) was taken over by another worker; its changes were rolled back`,
        );
        return;
      }
      await this.fail(job, by, error as Error, false);
    } finally {
      this.claims.delete(job.id);
    }
  }

  /**
   * Running jobs whose lease ran out on their last allowed attempt (their worker stopped):
   * each becomes dead, and its handler's `onDead` runs in the same transaction.
   */
  private async buryExpired(now: Date): Promise<void> {
    for (const job of await this.jobs.findExpiredLastAttempts(now)) {
      await this.tx.run(async () => {
        if (await this.jobs.bury(job, now)) await this.onDead(job);
      });
    }
  }

  private async onDead(job: Job): Promise<void> {
    const onDead = this.handlers.get(job.type)?.options.onDead;
    if (onDead) await onDead(JSON.parse(job.payload) as unknown, job);
  }

  private get leaseMs(): number {
    return this.config.env.JOB_LEASE_SECONDS * 1000;
  }

  /**
   * The heartbeat (every third of a lease while the poll loop runs): extends the lease of every
   * job this worker is still running, so a job longer than one lease is not taken over. On
   * SQLite a renewal waits for a running job transaction to end, which is harmless: no claim
   * can pass that transaction either.
   */
  async renewLeases(): Promise<void> {
    for (const [id, by] of this.claims) {
      const until = new Date(this.clock.nowMs() + this.leaseMs);
      await this.tx.run(() => this.jobs.renewLease(id, by, until));
    }
  }

  private async fail(job: Job, by: ClaimedBy, error: Error, permanent: boolean): Promise<void> {
    const dead = permanent || job.attempts >= job.maxAttempts;
    const backoff = Math.min(
      this.config.env.JOB_RETRY_BASE_SECONDS * 1000 * 2 ** (job.attempts - 1),
      MAX_BACKOFF_MS,
    );
    const now = this.clock.now();
    await this.tx.run(async () => {
      const finished = await this.jobs.finish(
        job.id,
        by,
        {
          status: dead ? 'dead' : 'pending',
          runAt: dead ? job.runAt : new Date(now.getTime() + backoff),
          lastError: `${error.name}: ${error.message}`.slice(0, 2000),
        },
        now,
      );
      if (finished && dead) await this.onDead(job);
    });
    this.logger.warn(
      `Job ${job.id} (${job.type}) failed on attempt ${job.attempts}${dead ? '; it is now dead' : '; will retry'}`,
    );
  }
}
