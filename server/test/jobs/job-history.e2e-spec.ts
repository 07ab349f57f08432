import { ManualClock } from '../../src/common/clock/clock.js';
import { Job } from '../../src/jobs/job.entity.js';
import { JOB_HISTORY_PURGE_JOB } from '../../src/jobs/job-history-purge.job.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { LEASE_EXPIRY_JOB } from '../../src/requests/request-queue.service.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

/**
 * The job runner on a ManualClock: recurring periods, backoff and the purge of succeeded
 * recurring runs follow the injected clock, never the wall clock.
 */
describe('job history and the job runner clock', () => {
  const clock = new ManualClock(new Date('2026-06-01T10:00:00Z'));
  let testApp: TestApp;
  let runner: JobRunnerService;
  const jobs = () => testApp.dataSource.getRepository(Job);

  beforeAll(async () => {
    testApp = await startTestApp(
      { JOBS_ENABLED: 'false', JOB_MAX_ATTEMPTS: '1', JOB_RETRY_BASE_SECONDS: '30' },
      { clock },
    );
    runner = testApp.app.get(JobRunnerService);
  });
  afterAll(() => testApp.close());

  it('keeps succeeded runs of recurring jobs for an hour, and purges them on a schedule', async () => {
    runner.register('test.one_off', async () => undefined);
    runner.register('test.broken', async () => {
      throw new Error('always broken');
    });
    const oneOff = await runner.enqueue('test.one_off', {});
    const broken = await runner.enqueue('test.broken', {});

    // Three hours of a working desk, minute by minute.
    for (let minute = 0; minute < 180; minute += 1) {
      await runner.drain();
      clock.advance(MINUTE);
    }
    await runner.drain();

    const sweeps = await jobs().findBy({ type: LEASE_EXPIRY_JOB, status: 'succeeded' });
    // Without the purge: 181. With it: the last hour, plus up to one purge period and the
    // sweep's own period before the next purge.
    expect(sweeps.length).toBeGreaterThanOrEqual(60);
    expect(sweeps.length).toBeLessThanOrEqual(60 + 10 + 1);
    const oldest = Math.min(...sweeps.map((j) => j.runAt.getTime()));
    expect(clock.nowMs() - oldest).toBeLessThanOrEqual(71 * MINUTE);
    expect((await jobs().findBy({ type: JOB_HISTORY_PURGE_JOB })).length).toBeLessThanOrEqual(8);
    // The one-off job and the dead one stay.
    expect(await jobs().findOneByOrFail({ id: oneOff.id })).toMatchObject({ status: 'succeeded' });
    expect(await jobs().findOneByOrFail({ id: broken.id })).toMatchObject({ status: 'dead' });
    // A purged period is not planned again: each period key fired once.
    const keys = (await jobs().findBy({ type: LEASE_EXPIRY_JOB })).map((j) => j.uniqueKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists what matters by default: failures, dead, running and one-off jobs', async () => {
    runner.register('test.listed_one_off', async () => undefined);
    runner.register('test.listed_broken', async () => {
      throw new Error('always broken');
    });
    await runner.enqueue('test.listed_one_off', {});
    await runner.enqueue('test.listed_broken', {});
    // Runs them, and the recurring sweeps due now.
    await runner.drain();

    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    const all = await admin.agent.get('/api/jobs').query({ range: '[0,99]' });
    const routineHidden = await admin.agent
      .get('/api/jobs')
      .query({ range: '[0,99]', filter: JSON.stringify({ routine: false }) });
    expect(routineHidden.status).toBe(200);
    const listed = routineHidden.body as { type: string; status: string; recurring: boolean }[];
    expect(listed.filter((j) => j.recurring)).toEqual([]);
    expect(listed.map((j) => `${j.type}:${j.status}`)).toEqual(
      expect.arrayContaining(['test.listed_broken:dead', 'test.listed_one_off:succeeded']),
    );
    expect((all.body as { recurring: boolean }[]).some((j) => j.recurring)).toBe(true);
    const bad = await admin.agent
      .get('/api/jobs')
      .query({ filter: JSON.stringify({ routine: 'sometimes' }) });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('backs off by the injected clock, and keys recurring periods by it', async () => {
    let calls = 0;
    runner.register(
      'test.flaky',
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('not yet');
      },
      { maxAttempts: 3 },
    );
    const job = await runner.enqueue('test.flaky', {});
    await runner.drain();
    const waiting = await jobs().findOneByOrFail({ id: job.id });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.runAt.getTime()).toBe(clock.nowMs() + 30_000);

    clock.advance(29_999);
    await runner.drain();
    expect(calls).toBe(1);
    clock.advance(1);
    await runner.drain();
    expect(calls).toBe(2);
    expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({ status: 'succeeded' });

    runner.register('test.hourly', async () => undefined);
    runner.registerRecurring('test.hourly', 60 * MINUTE);
    clock.set(new Date('2026-06-01T17:59:59Z'));
    await runner.drain();
    clock.set(new Date('2026-06-01T18:00:00Z'));
    await runner.drain();
    await runner.drain();
    expect((await jobs().findBy({ type: 'test.hourly' })).map((j) => j.uniqueKey).sort()).toEqual([
      'test.hourly@2026-06-01T17:00:00.000Z',
      'test.hourly@2026-06-01T18:00:00.000Z',
    ]);
  });
});
