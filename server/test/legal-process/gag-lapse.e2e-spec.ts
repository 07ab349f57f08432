import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { LegalProcessDto } from '@privacy-desk/shared';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../src/bootstrap.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { GagLapseJob } from '../../src/legal-process/gag-lapse.job.js';
import { LegalProcessSubject } from '../../src/legal-process/legal-process-subject.entity.js';
import { LegalProcess } from '../../src/legal-process/legal-process.entity.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import {
  DEMO_EMAILS,
  DEMO_PASSWORD,
  LONG_SESSIONS,
  signIn,
  startTestApp,
} from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { createSubject, recordProcess } from './support.js';

/** The environment startTestApp gives an app, for a second instance on the same database. */
function sameDatabaseEnv(url: string, schema?: string, checkpointFile?: string) {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATABASE_URL: url,
    ...(schema ? { DATABASE_SCHEMA: schema, AUDIT_CHECKPOINT_FILE: checkpointFile } : {}),
    DEMO_PASSWORD,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    SEED_DEMO_REQUESTS: 'false',
    JOBS_ENABLED: 'false',
    ...LONG_SESSIONS,
  };
}

async function startInstance(
  env: Record<string, string | undefined>,
  clock: ManualClock,
): Promise<INestApplication> {
  const { app } = await createApp(env, { clock });
  await app.init();
  return app;
}

describe('gag orders lapse: one notice task per subject, sent through the outbox', () => {
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
  });
  afterAll(() => testApp.close());

  const run = () => testApp.app.get(GagLapseJob).run();
  const noticesFor = (legalProcessId: string) =>
    testApp.dataSource
      .getRepository(LegalProcessSubject)
      .find({ where: { legalProcessId }, order: { subjectId: 'ASC' } });
  const gagNotices = () =>
    testApp.dataSource.getRepository(PrivacyRequest).find({ where: { kind: 'gag_notice' } });

  it('queues nothing before the lapse, one task per subject after it, and never again', async () => {
    clock.set(new Date('2026-03-10T10:00:00Z'));
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    const a = await createSubject(staff, 'Gag Subject A');
    const b = await createSubject(staff, 'Gag Subject B');
    const gagged = await recordProcess(staff, [a, b], {
      gagOrder: true,
      gagUntil: '2026-03-12',
    });
    const ungagged = await recordProcess(staff, [a]);
    const indefinite = await recordProcess(staff, [b], { gagOrder: true });
    const before = (await gagNotices()).length;

    expect(await run()).toBe(0);
    clock.set(new Date('2026-03-12T23:00:00Z')); // still the last day of the order (UTC desk)
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    expect(await run()).toBe(0);
    const shown = await staff.agent.get(`/api/legal-process/${gagged.id}`);
    expect(shown.body.gag.inForce).toBe(true);
    expect((await gagNotices()).length).toBe(before);

    clock.set(new Date('2026-03-13T00:30:00Z'));

    staff = await signIn(testApp, DEMO_EMAILS.staff);
    expect(await run()).toBe(2);
    const notices = await gagNotices();
    const mine = notices.filter(
      (r) => (JSON.parse(r.payload) as { legalProcessId: string }).legalProcessId === gagged.id,
    );
    expect(mine.map((r) => r.subjectId).sort()).toEqual([a, b].sort());
    for (const r of mine) {
      expect(r).toMatchObject({ status: 'new', channel: 'staff', kind: 'gag_notice' });
      expect(JSON.parse(r.payload)).toMatchObject({
        legalProcessReference: gagged.reference,
        typeLabel: 'Court order',
      });
    }
    const links = await noticesFor(gagged.id);
    expect(links.every((l) => mine.some((r) => r.id === l.noticeRequestId))).toBe(true);
    expect(
      (
        await testApp.dataSource.getRepository(LegalProcess).findOneByOrFail({ id: gagged.id })
      ).gagLapseHandledAt?.toISOString(),
    ).toBe('2026-03-13T00:30:00.000Z');
    for (const id of [ungagged.id, indefinite.id])
      expect((await noticesFor(id)).every((l) => l.noticeRequestId === null)).toBe(true);

    // A second run, and a second instance on the same database, queue nothing more.
    expect(await run()).toBe(0);
    const second = await startInstance(
      sameDatabaseEnv(testApp.db.url, testApp.db.schema, testApp.db.checkpointFile),
      clock,
    );
    try {
      expect(await second.get(GagLapseJob).run()).toBe(0);
    } finally {
      await second.close();
    }
    expect((await gagNotices()).length).toBe(notices.length);

    const after = await staff.agent.get(`/api/legal-process/${gagged.id}`);
    const body = after.body as LegalProcessDto;
    expect(body.gag.inForce).toBe(false);
    expect(body.subjects!.every((s) => s.noticeRequest?.reference.startsWith('PR-'))).toBe(true);
  });

  it('completing the notice task sends the notice through the outbox and records notified_at', async () => {
    clock.set(new Date('2026-03-10T10:00:00Z'));
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    const a = await createSubject(staff, 'Notice Subject');
    const gagged = await recordProcess(staff, [a], { gagOrder: true, gagUntil: '2026-03-11' });
    clock.set(new Date('2026-03-12T09:00:00Z'));
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    expect(await run()).toBe(1);
    const [link] = await noticesFor(gagged.id);
    const task = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: link!.noticeRequestId! });

    const claimed = await staff.agent
      .post(`/api/requests/${task.id}/actions/claim`)
      .set(staff.csrf)
      .send({ version: task.version });
    expect(claimed.status).toBe(200);
    clock.set(new Date('2026-03-12T09:05:00Z'));
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    const done = await staff.agent
      .post(`/api/requests/${task.id}/actions/complete`)
      .set(staff.csrf)
      .send({ version: claimed.body.version, resolution: 'Notice sent by email.' });
    expect(done.status).toBe(200);

    const mail = await testApp.dataSource.getRepository(MailMessage).findBy({ requestId: task.id });
    expect(mail.map((m) => m.template)).toEqual(['legal_process_notice']);
    expect(mail[0]!.to).toBe(task.requesterEmail);
    expect(mail[0]!.body).toContain(gagged.reference);
    expect(mail[0]!.body).toContain('District Court of Example');
    const [notified] = await noticesFor(gagged.id);
    expect(notified!.notifiedAt?.toISOString()).toBe('2026-03-12T09:05:00.000Z');
    const shown = await staff.agent.get(`/api/legal-process/${gagged.id}`);
    expect(shown.body.subjects[0]).toMatchObject({
      id: a,
      notifiedAt: '2026-03-12T09:05:00.000Z',
      noticeRequest: { id: task.id, reference: task.reference },
    });
  });
});

/**
 * Two instances running the job at the same moment on one PostgreSQL database (always
 * PostgreSQL, like server/test/jobs/two-instances: this is what several instances run on;
 * SQLite is one process, and the sequential second instance above covers it).
 */
describe('two instances running the gag-lapse job at once', () => {
  const PG_URL = process.env.TEST_DATABASE_URL?.startsWith('postgres')
    ? process.env.TEST_DATABASE_URL
    : 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `gag_${randomBytes(5).toString('hex')}`;
  const checkpointFile = path.join(tmpdir(), `${schema}.audit-checkpoints.jsonl`);
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  let a: INestApplication;
  let b: INestApplication;

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const env = sameDatabaseEnv(PG_URL, schema, checkpointFile);
    a = await startInstance(env, clock);
    b = await startInstance(env, clock);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    rmSync(checkpointFile, { force: true });
  });

  it('queues each notice task exactly once', async () => {
    const agent = request.agent(a.getHttpServer());
    const login = await agent
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.staff, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const staff = {
      agent,
      session: login.body,
      csrf: { 'X-CSRF-Token': login.body.csrfToken as string },
    } as SignedIn;
    const subjects = [];
    for (let i = 0; i < 5; i += 1) subjects.push(await createSubject(staff, `Concurrent ${i}`));
    const processes = [];
    for (let i = 0; i < 3; i += 1)
      processes.push(
        await recordProcess(staff, subjects, { gagOrder: true, gagUntil: '2026-03-11' }),
      );
    clock.set(new Date('2026-03-12T08:00:00Z'));

    const [fromA, fromB] = await Promise.all([a.get(GagLapseJob).run(), b.get(GagLapseJob).run()]);
    expect(fromA + fromB).toBe(15);
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    try {
      await db.query(`SET search_path TO ${schema}`);
      const tasks = await db.query<{ n: string }>(
        "SELECT COUNT(*) AS n FROM privacy_requests WHERE kind = 'gag_notice'",
      );
      expect(Number(tasks.rows[0]!.n)).toBe(15);
      const distinct = await db.query<{ n: string }>(
        'SELECT COUNT(DISTINCT notice_request_id) AS n FROM legal_process_subjects WHERE notice_request_id IS NOT NULL',
      );
      expect(Number(distinct.rows[0]!.n)).toBe(15);
    } finally {
      await db.end();
    }
    expect(await Promise.all([a.get(GagLapseJob).run(), b.get(GagLapseJob).run()])).toEqual([0, 0]);
  });
});
