import { jest } from '@jest/globals';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { AppConfig } from '../../src/config/app-config.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { Job } from '../../src/jobs/job.entity.js';
import { JobRepository } from '../../src/jobs/job.repository.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import type { JobHandlerOptions } from '../../src/jobs/job-runner.service.js';
import { startTestApp } from '../support/test-app.js';
import { recordTestEffect } from '../support/test-effects.js';
import type { TestApp } from '../support/test-app.js';

const LEASE_MS = 60_000;
const ON_POSTGRES = process.env.TEST_DATABASE_URL?.startsWith('postgres') ?? false;
// Each database has its own case below; the other database's case is not registered (not skipped).
const notRegistered = (..._args: Parameters<typeof it>): void => undefined;
const itOnPostgres = ON_POSTGRES ? it : notRegistered;
const itOnSqlite = ON_POSTGRES ? notRegistered : it;

/** A promise and the function that settles it: lets a test hold a handler mid-run. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Starts a runner as the server does (poll loop and heartbeat on), its timers captured instead
 * of scheduled: the test fires a poll or a heartbeat when its clock says so.
 */
function bootstrapWithCapturedTimers(runner: JobRunnerService) {
  const polls: (() => void)[] = [];
  const intervals: { beat: () => void; ms: number }[] = [];
  const timer = { unref: () => timer } as unknown as NodeJS.Timeout;
  const setTimeoutSpy = jest.spyOn(globalThis, 'setTimeout').mockImplementation(((
    poll: () => void,
  ) => {
    polls.push(poll);
    return timer;
  }) as typeof setTimeout);
  const setIntervalSpy = jest.spyOn(globalThis, 'setInterval').mockImplementation(((
    beat: () => void,
    ms?: number,
  ) => {
    intervals.push({ beat, ms: ms ?? 0 });
    return timer;
  }) as typeof setInterval);
  try {
    runner.onApplicationBootstrap();
  } finally {
    setTimeoutSpy.mockRestore();
    setIntervalSpy.mockRestore();
  }
  return { polls, intervals };
}

/**
 * Two workers (two runners, each with its own worker id, as two instances would have) on one
 * database, driven by hand with a manual clock: the poll loop and the heartbeat timer are off,
 * so a lease expires or is renewed only when the test says so.
 */
describe('job leases: a stalled worker and a long job', () => {
  let testApp: TestApp;
  const clock = new ManualClock(new Date('2026-06-01T10:15:00Z'));
  const jobs = () => testApp.dataSource.getRepository(Job);
  const effects = (key: string) =>
    testApp.dataSource
      .getRepository(AuditEntry)
      .findBy({ action: 'test.lease_effect', entityId: key });

  beforeAll(async () => {
    testApp = await startTestApp(
      { JOBS_ENABLED: 'false', JOB_LEASE_SECONDS: String(LEASE_MS / 1000), JOB_MAX_ATTEMPTS: '3' },
      { clock },
    );
  });
  afterAll(() => testApp.close());

  function newRunner(config: AppConfig = testApp.app.get(AppConfig)): JobRunnerService {
    const app = testApp.app;
    return new JobRunnerService(config, app.get(JobRepository), app.get(TransactionService), clock);
  }

  /**
   * A job type whose first attempt writes its effect and then waits until `release` is opened;
   * later attempts write theirs at once. Each effect is an audit entry naming its attempt.
   */
  function stallingJob(type: string, options: JobHandlerOptions, aConfig?: AppConfig) {
    const release = gate();
    const firstStarted = gate();
    const laterStarted = gate();
    const audit = testApp.app.get(AuditService);
    const handler = async (payload: unknown, job: Job) => {
      const key = (payload as { key: string }).key;
      if (job.attempts > 1) laterStarted.open();
      await testApp.app.get(TransactionService).run(() =>
        recordTestEffect(audit, {
          action: 'test.lease_effect',
          key,
          summary: `attempt ${job.attempts}`,
        }),
      );
      if (job.attempts === 1) {
        firstStarted.open();
        await release.promise;
      }
    };
    const a = newRunner(aConfig);
    const b = newRunner();
    a.register(type, handler, options);
    b.register(type, handler, options);
    return { a, b, release, firstStarted, laterStarted };
  }

  // On SQLite the takeover cannot happen while the handler runs: see the next test.
  itOnPostgres(
    'rolls back the writes of a stalled handler whose job another worker took over, and finishes it once',
    async () => {
      const { a, b, release, firstStarted, laterStarted } = stallingJob('test.stalled', {});
      const job = await a.enqueue('test.stalled', { key: 'stalled' });
      const aRuns = a.drain();
      await firstStarted.promise;

      // The first worker is still in its handler, its transaction open, when its lease runs out.
      clock.advance(LEASE_MS + 1);
      try {
        await b.tick();
        expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({
          status: 'running',
          attempts: 2,
          lockedBy: b.workerId,
        });
        // Both handlers are now inside their transactions.
        await laterStarted.promise;
      } finally {
        release.open();
        await Promise.all([aRuns, b.drain()]);
      }

      expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({
        status: 'succeeded',
        attempts: 2,
        lockedBy: null,
        leaseExpiresAt: null,
      });
      expect((await effects('stalled')).map((entry) => entry.summary)).toEqual(['attempt 2']);
      expect(await testApp.app.get(AuditService).verify()).toMatchObject({ ok: true });
    },
  );

  itOnSqlite(
    'on SQLite, holds a takeover back until the stalled handler commits, so the job runs once',
    async () => {
      const { a, b, release, firstStarted } = stallingJob('test.stalled_sqlite', {});
      const job = await a.enqueue('test.stalled_sqlite', { key: 'stalled-sqlite' });
      const aRuns = a.drain();
      await firstStarted.promise;

      // The claim waits for the write lock the stalled handler's transaction holds.
      clock.advance(LEASE_MS + 1);
      const bRuns = b.drain();
      release.open();
      await Promise.all([aRuns, bRuns]);

      expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({
        status: 'succeeded',
        attempts: 1,
        lockedBy: null,
      });
      expect((await effects('stalled-sqlite')).map((entry) => entry.summary)).toEqual([
        'attempt 1',
      ]);
    },
  );

  // On SQLite a running job transaction holds the write lock: a renewal (and any claim) waits
  // for it, so only the job outside the database is a case there.
  const longJobs: [string, boolean][] = [['outside the database', false]];
  if (ON_POSTGRES) longJobs.push(['in a transaction', true]);
  it.each(longJobs)(
    'keeps the lease of a job running longer than one lease period (%s): no other worker takes it',
    async (_kind, transactional) => {
      const type = `test.long_${String(transactional)}`;
      const key = `long-${String(transactional)}`;
      const { a, b, release, firstStarted } = stallingJob(type, { transactional });
      const job = await a.enqueue(type, { key });
      const aRuns = a.drain();
      await firstStarted.promise;

      for (let beat = 0; beat < 3; beat++) {
        clock.advance((LEASE_MS * 2) / 3);
        await a.renewLeases();
      }
      // Two lease periods after the claim, the lease still runs from the last heartbeat.
      clock.advance((LEASE_MS * 2) / 3);
      try {
        await b.tick();
        const held = await jobs().findOneByOrFail({ id: job.id });
        expect(held).toMatchObject({ status: 'running', attempts: 1, lockedBy: a.workerId });
        expect(held.leaseExpiresAt!.getTime()).toBe(clock.nowMs() + LEASE_MS / 3);
      } finally {
        release.open();
        await Promise.all([aRuns, b.drain()]);
      }
      expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({
        status: 'succeeded',
        attempts: 1,
        lockedBy: null,
      });
      expect((await effects(key)).map((entry) => entry.summary)).toEqual(['attempt 1']);
    },
  );

  it('stops only after the poll in progress and the jobs it claimed have ended', async () => {
    // A started runner whose poll is held inside its claim when the server stops (a CLI that
    // finishes in milliseconds stops during its first poll). Closing the database before the
    // claimed job ends would crash the process.
    const base = testApp.app.get(AppConfig);
    const repo = testApp.app.get(JobRepository);
    const claimEntered = gate();
    const claimRelease = gate();
    const heldRepo = Object.assign(Object.create(repo) as JobRepository, {
      claim: async (...args: Parameters<JobRepository['claim']>) => {
        claimEntered.open();
        await claimRelease.promise;
        return repo.claim(...args);
      },
    });
    const a = new JobRunnerService(
      new AppConfig({ ...base.env, JOBS_ENABLED: true }),
      heldRepo,
      testApp.app.get(TransactionService),
      clock,
    );
    const audit = testApp.app.get(AuditService);
    a.register('test.stop_mid_poll', async (payload) => {
      await recordTestEffect(audit, {
        action: 'test.lease_effect',
        key: (payload as { key: string }).key,
        summary: 'ran',
      });
    });
    const job = await a.enqueue('test.stop_mid_poll', { key: 'stop-mid-poll' });

    const { polls } = bootstrapWithCapturedTimers(a);
    expect(polls).toHaveLength(1);
    polls[0]!();
    await claimEntered.promise;

    let stopped = false;
    const stopping = a.beforeApplicationShutdown().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    claimRelease.open();
    await stopping;

    expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({
      status: 'succeeded',
      lockedBy: null,
    });
    expect((await effects('stop-mid-poll')).map((entry) => entry.summary)).toEqual(['ran']);
  });

  it('renews the lease of a running job from the heartbeat timer a started runner sets, every third of a lease', async () => {
    // Worker a is started as a server starts it; the test fires its heartbeat by hand.
    const base = testApp.app.get(AppConfig);
    const { a, b, release, firstStarted } = stallingJob(
      'test.long_timer',
      { transactional: false },
      new AppConfig({ ...base.env, JOBS_ENABLED: true }),
    );
    const { intervals } = bootstrapWithCapturedTimers(a);
    expect(intervals.map((i) => i.ms)).toEqual([LEASE_MS / 3]);
    // The timer's renewal runs in the background: its promise is kept so the test can await it.
    const renewals: Promise<void>[] = [];
    const renew = a.renewLeases.bind(a);
    jest.spyOn(a, 'renewLeases').mockImplementation(() => {
      const renewal = renew();
      renewals.push(renewal);
      return renewal;
    });

    const job = await a.enqueue('test.long_timer', { key: 'long-timer' });
    const aRuns = a.drain();
    await firstStarted.promise;
    try {
      // Three lease periods of heartbeats, then most of a lease after the last one.
      for (let beat = 0; beat < 9; beat++) {
        clock.advance(LEASE_MS / 3);
        intervals[0]!.beat();
        await Promise.all(renewals);
      }
      clock.advance((LEASE_MS * 2) / 3);
      await b.tick();
      const held = await jobs().findOneByOrFail({ id: job.id });
      expect(held).toMatchObject({ status: 'running', attempts: 1, lockedBy: a.workerId });
      expect(held.leaseExpiresAt!.getTime()).toBe(clock.nowMs() + LEASE_MS / 3);
    } finally {
      release.open();
      await Promise.all([aRuns, b.drain()]);
    }
    expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      lockedBy: null,
    });
    expect((await effects('long-timer')).map((entry) => entry.summary)).toEqual(['attempt 1']);
  });
});
