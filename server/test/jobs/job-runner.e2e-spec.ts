import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { Job } from '../../src/jobs/job.entity.js';
import { JobRepository } from '../../src/jobs/job.repository.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import { recordTestEffect } from '../support/test-effects.js';
import type { TestApp } from '../support/test-app.js';

describe('job runner', () => {
  let testApp: TestApp;
  let runner: JobRunnerService;
  const jobs = () => testApp.dataSource.getRepository(Job);
  // Time moves only when a test moves it: backoff, leases and periods never race the wall clock.
  const clock = new ManualClock(new Date('2026-06-01T10:15:00Z'));

  beforeAll(async () => {
    // The poll loop is off: each test drives the runner by hand, so timing never decides a result.
    testApp = await startTestApp(
      {
        JOBS_ENABLED: 'false',
        JOB_MAX_ATTEMPTS: '3',
        JOB_RETRY_BASE_SECONDS: '0',
      },
      { clock },
    );
    runner = testApp.app.get(JobRunnerService);
    const audit = testApp.app.get(AuditService);
    runner.register('test.effect', async (payload) => {
      await recordTestEffect(audit, {
        action: 'test.effect',
        key: (payload as { key: string }).key,
        summary: 'effect',
      });
    });
  });
  afterAll(() => testApp.close());

  it('runs each queued job once, its side effect committed with its completion', async () => {
    const queued = await Promise.all(
      Array.from({ length: 12 }, (_, i) => runner.enqueue('test.effect', { key: `once-${i}` })),
    );
    await runner.drain();
    for (const job of queued) {
      const stored = await jobs().findOneByOrFail({ id: job.id });
      expect(stored).toMatchObject({ status: 'succeeded', attempts: 1, lockedBy: null });
      expect(stored.completedAt).toBeInstanceOf(Date);
    }
    const effects = await testApp.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where("a.action = 'test.effect' AND a.entityId LIKE 'once-%'")
      .getCount();
    expect(effects).toBe(12);
  });

  it('retries a failing job with its error kept, then buries it as dead after the last attempt', async () => {
    let calls = 0;
    runner.register('test.always_fails', async () => {
      calls += 1;
      throw new Error('upstream said no');
    });
    const job = await runner.enqueue('test.always_fails', {});
    await runner.drain();
    const dead = await jobs().findOneByOrFail({ id: job.id });
    expect(calls).toBe(3);
    expect(dead).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: 'Error: upstream said no',
    });
  });

  it('rolls back the side effect of a failed attempt', async () => {
    const audit = testApp.app.get(AuditService);
    let calls = 0;
    runner.register('test.fails_after_effect', async () => {
      calls += 1;
      await recordTestEffect(audit, { action: 'test.half_done', summary: 'half' });
      if (calls === 1) throw new Error('crashed half-way');
    });
    const job = await runner.enqueue('test.fails_after_effect', {});
    await runner.drain();
    expect(await jobs().findOneByOrFail({ id: job.id })).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    expect(
      await testApp.dataSource.getRepository(AuditEntry).countBy({ action: 'test.half_done' }),
    ).toBe(1);
  });

  it('backs off between attempts', async () => {
    const slowClock = new ManualClock(new Date('2026-06-01T10:00:00Z'));
    const slowRetry = await startTestApp(
      { JOBS_ENABLED: 'false', JOB_RETRY_BASE_SECONDS: '30' },
      { clock: slowClock },
    );
    try {
      const slowRunner = slowRetry.app.get(JobRunnerService);
      slowRunner.register('test.fails', async () => {
        throw new Error('not yet');
      });
      const job = await slowRunner.enqueue('test.fails', {});
      await slowRunner.drain();
      const waiting = await slowRetry.dataSource.getRepository(Job).findOneByOrFail({ id: job.id });
      expect(waiting.status).toBe('pending');
      expect(waiting.attempts).toBe(1);
      expect(waiting.runAt.getTime() - slowClock.nowMs()).toBe(30_000);
      // Not a moment before its time; at its time it runs again.
      slowClock.advance(29_999);
      await slowRunner.drain();
      expect(
        (await slowRetry.dataSource.getRepository(Job).findOneByOrFail({ id: job.id })).attempts,
      ).toBe(1);
      slowClock.advance(1);
      await slowRunner.drain();
      expect(
        (await slowRetry.dataSource.getRepository(Job).findOneByOrFail({ id: job.id })).attempts,
      ).toBe(2);
    } finally {
      await slowRetry.close();
    }
  });

  it('lets another worker take over a job whose lease expired, and refuses the late finish', async () => {
    const repo = testApp.app.get(JobRepository);
    const job = await runner.enqueue('test.effect', { key: 'takeover' });
    const [claimed] = await repo.claim('dead-worker', 1, clock.now(), 1, []);
    expect(claimed!.id).toBe(job.id);
    clock.advance(2);
    await runner.drain();
    const done = await jobs().findOneByOrFail({ id: job.id });
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(
      await repo.finish(
        job.id,
        { workerId: 'dead-worker', attempt: 1 },
        { status: 'dead', lastError: 'late' },
        clock.now(),
      ),
    ).toBe(false);
    expect(
      await testApp.dataSource
        .getRepository(AuditEntry)
        .countBy({ action: 'test.effect', entityId: 'takeover' }),
    ).toBe(1);
  });

  it('fires a recurring job once per period however often it is planned', async () => {
    let runs = 0;
    runner.register('test.hourly', async () => {
      runs += 1;
    });
    runner.registerRecurring('test.hourly', 3_600_000);
    await runner.drain();
    await runner.drain();
    await runner.tick();
    await runner.drain();
    expect(runs).toBe(1);
    const planned = await jobs().findBy({ type: 'test.hourly' });
    expect(planned).toHaveLength(1);
    expect(planned[0]!.uniqueKey).toBe('test.hourly@2026-06-01T10:00:00.000Z');
  });

  it('lets an admin list jobs and retry a dead one, audited; others get 403', async () => {
    let shouldFail = true;
    runner.register('test.fixable', async () => {
      if (shouldFail) throw new Error('broken until fixed');
    });
    const job = await runner.enqueue('test.fixable', {});
    await runner.drain();
    const admin = await signIn(testApp, DEMO_EMAILS.admin);

    const list = await admin.agent
      .get('/api/jobs')
      .query({ filter: JSON.stringify({ status: 'dead', type: 'test.fixable' }) });
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toBe('jobs 0-0/1');
    expect(list.body[0]).toMatchObject({
      id: job.id,
      status: 'dead',
      attempts: 3,
      lastError: 'Error: broken until fixed',
    });

    const manager = await signIn(testApp, DEMO_EMAILS.manager);
    expect(
      (await manager.agent.post(`/api/jobs/${job.id}/retry`).set(manager.csrf).send()).status,
    ).toBe(403);

    shouldFail = false;
    const retried = await admin.agent.post(`/api/jobs/${job.id}/retry`).set(admin.csrf).send();
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await runner.drain();
    expect((await admin.agent.get(`/api/jobs/${job.id}`)).body.status).toBe('succeeded');
    expect(
      await testApp.dataSource
        .getRepository(AuditEntry)
        .countBy({ action: 'job.retried', entityId: job.id }),
    ).toBe(1);

    const again = await admin.agent.post(`/api/jobs/${job.id}/retry`).set(admin.csrf).send();
    expect([again.status, again.body.code]).toEqual([409, 'conflict']);
    expect(again.body.message).toContain('this one is succeeded');
  });
});
