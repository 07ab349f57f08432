import type { ExportJobDto } from '@privacy-desk/shared';
import { ManualClock } from '../../src/common/clock/clock.js';
import { CsvExportService } from '../../src/exports/csv-export.service.js';
import type { ListBatchReader } from '../../src/exports/csv-export.service.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { Job } from '../../src/jobs/job.entity.js';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ExportChunk, ExportJob } from '../../src/exports/export-job.entity.js';
import { EXPORT_RUN_JOB } from '../../src/exports/export-jobs.service.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { parseCsv, seedSubjects } from './support.js';

const SUBJECTS = 3_000;
const QUERY = { list: 'subjects', filter: '{"q":"bulk person"}', sort: '["name","DESC"]' };

describe('background exports', () => {
  const clock = new ManualClock(new Date('2026-06-01T10:00:00Z'));
  let testApp: TestApp;
  let runner: JobRunnerService;
  let manager: SignedIn;
  let officer: SignedIn;
  /** Runs before the job reads its n-th batch (1-based), when set. */
  let beforeBatch: ((n: number) => Promise<void>) | undefined;

  beforeAll(async () => {
    testApp = await startTestApp(
      { JOBS_ENABLED: 'false', EXPORT_BACKGROUND_THRESHOLD: '1000', ...LONG_SESSIONS },
      { clock },
    );
    runner = testApp.app.get(JobRunnerService);
    await seedSubjects(
      (sql, params) => testApp.dataSource.query(sql, params),
      testApp.db.schema,
      SUBJECTS,
    );
    const csv = testApp.app.get(CsvExportService);
    const readerFor = csv.readerFor.bind(csv);
    csv.readerFor = (list, actor): ListBatchReader => {
      const read = readerFor(list, actor);
      let calls = 0;
      return async (params) => {
        calls++;
        if (params.skipCount) await beforeBatch?.(calls);
        return read(params);
      };
    };
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
  });
  afterAll(() => testApp.close());

  const getExport = async (who: SignedIn, id: string) =>
    (await who.agent.get(`/api/exports/${id}`).expect(200)).body as ExportJobDto;

  it('tells the console its threshold, and refuses staff', async () => {
    const settings = await manager.agent.get('/api/exports/settings').expect(200);
    expect(settings.body).toEqual({ backgroundThreshold: 1000 });
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    expect((await staff.agent.get('/api/exports')).status).toBe(403);
    expect((await staff.agent.post('/api/exports').set(staff.csrf).send(QUERY)).status).toBe(403);
  });

  it('refuses a bad filter, and a list the user may not read', async () => {
    const bad = await manager.agent
      .post('/api/exports')
      .set(manager.csrf)
      .send({ ...QUERY, filter: '{"secret":1}' });
    expect([bad.status, bad.body.errors]).toEqual([422, { 'filter.secret': expect.any(String) }]);
    const audit = await manager.agent
      .post('/api/exports')
      .set(manager.csrf)
      .send({ list: 'audit' });
    expect(audit.status).toBe(403);
  });

  it('runs to the end, then its owner alone downloads the same file as format=csv, for 24 hours', async () => {
    const created = await manager.agent.post('/api/exports').set(manager.csrf).send(QUERY);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'queued', rowsDone: 0, rowsTotal: SUBJECTS });
    const id = (created.body as ExportJobDto).id;

    await runner.drain();
    const done = await getExport(manager, id);
    expect(done).toMatchObject({
      status: 'done',
      rowsDone: SUBJECTS,
      downloadable: true,
      finishedAt: '2026-06-01T10:00:00.000Z',
      expiresAt: '2026-06-02T10:00:00.000Z',
    });
    const mine = await manager.agent.get('/api/exports').expect(200);
    expect((mine.body as ExportJobDto[]).map((e) => e.id)).toContain(id);
    expect(mine.headers['content-range']).toMatch(/^exports 0-\d+\/\d+$/);

    const file = await manager.agent.get(`/api/exports/${id}/download`);
    expect(file.status).toBe(200);
    expect(file.headers['cache-control']).toBe('no-store');
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    const direct = await manager.agent
      .get('/api/subjects')
      .query({ format: 'csv', filter: QUERY.filter, sort: QUERY.sort });
    expect(file.text).toBe(direct.text);
    expect(parseCsv(file.text).rows).toHaveLength(SUBJECTS);

    // Not the officer's: not found, not listed, not downloadable.
    expect((await officer.agent.get(`/api/exports/${id}`)).status).toBe(404);
    expect((await officer.agent.get(`/api/exports/${id}/download`)).status).toBe(404);
    const theirs = await officer.agent.get('/api/exports').expect(200);
    expect((theirs.body as ExportJobDto[]).map((e) => e.id)).not.toContain(id);

    const cancel = await manager.agent.post(`/api/exports/${id}/cancel`).set(manager.csrf);
    expect([cancel.status, cancel.body.code]).toEqual([409, 'export_not_running']);

    const trail = await officer.agent.get('/api/audit').query({
      filter: JSON.stringify({ entityType: 'export', entityId: id }),
      sort: '["seq","ASC"]',
    });
    expect((trail.body as { action: string; summary: string }[]).map((e) => e.action)).toEqual([
      'export.requested',
      'export.completed',
      'export.downloaded',
    ]);
    expect(trail.body[1].summary).toContain(`${SUBJECTS} rows`);

    // 24 hours later the link is gone (410), and the cleanup job deletes the file.
    clock.advance(24 * 3_600_000 + 60_000);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    const expired = await manager.agent.get(`/api/exports/${id}/download`);
    expect([expired.status, expired.body.code]).toEqual([410, 'export_expired']);
    expect((await getExport(manager, id)).downloadable).toBe(false);
    await runner.drain();
    expect((await getExport(manager, id)).status).toBe('expired');
    const chunks = await testApp.dataSource.query(
      `SELECT COUNT(*) AS n FROM ${testApp.db.schema ? `"${testApp.db.schema}".` : ''}export_chunks WHERE export_id = '${id}'`,
    );
    expect(Number(chunks[0].n)).toBe(0);
    expect((await manager.agent.get(`/api/exports/${id}/download`)).status).toBe(410);
  });

  it('shows its progress while running, and stops promptly when cancelled', async () => {
    const created = await manager.agent.post('/api/exports').set(manager.csrf).send(QUERY);
    const id = (created.body as ExportJobDto).id;
    let seen: ExportJobDto | undefined;
    beforeBatch = async (n) => {
      if (n !== 2) return;
      seen = await getExport(manager, id);
      await manager.agent.post(`/api/exports/${id}/cancel`).set(manager.csrf).expect(200);
    };
    try {
      await runner.drain();
    } finally {
      beforeBatch = undefined;
    }
    // While the second batch was read: running, the first batch's 500 rows done of 3,000.
    expect(seen).toMatchObject({ status: 'running', rowsDone: 500, rowsTotal: SUBJECTS });
    // It stopped after the batch in hand: nothing more read, no file kept.
    const cancelled = await getExport(manager, id);
    expect(cancelled).toMatchObject({ status: 'cancelled', rowsDone: 1000, downloadable: false });
    const file = await manager.agent.get(`/api/exports/${id}/download`);
    expect([file.status, file.body.code]).toEqual([409, 'export_not_ready']);
  });

  it('fails, with its partial file gone, when the server running it stops for good', async () => {
    const created = await manager.agent.post('/api/exports').set(manager.csrf).send(QUERY);
    const id = (created.body as ExportJobDto).id;
    // A worker claimed the job, wrote the first batch, and vanished: its lease ran out.
    const jobs = testApp.dataSource.getRepository(Job);
    const job = (await jobs.findBy({ type: EXPORT_RUN_JOB })).find((j) => j.payload.includes(id))!;
    await jobs.update(job.id, {
      status: 'running',
      attempts: 1,
      lockedBy: 'vanished-worker',
      leaseExpiresAt: new Date(clock.nowMs() - 60_000),
    });
    await testApp.dataSource
      .getRepository(ExportJob)
      .update(id, { status: 'running', rowsDone: 500 });
    await testApp.dataSource
      .getRepository(ExportChunk)
      .insert({ exportId: id, seq: 0, data: 'id,name\n' });

    await runner.tick();

    expect(await jobs.findOneByOrFail({ id: job.id })).toMatchObject({ status: 'dead' });
    const failed = await getExport(manager, id);
    expect(failed).toMatchObject({
      status: 'failed',
      rowsDone: 500,
      downloadable: false,
      error: 'The export stopped when the server running it did; export the list again.',
    });
    expect(await testApp.dataSource.getRepository(ExportChunk).countBy({ exportId: id })).toBe(0);
    const entry = await testApp.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'export.failed', entityId: id });
    expect(entry.summary).toMatch(/failed: 500 rows/);
    const file = await manager.agent.get(`/api/exports/${id}/download`);
    expect([file.status, file.body.code]).toEqual([409, 'export_not_ready']);
  });
});
