import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { createApp } from '../../src/bootstrap.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { Job } from '../../src/jobs/job.entity.js';
import { JobRepository } from '../../src/jobs/job.repository.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { MAIL_DELIVER_JOB } from '../../src/mail/mail.service.js';
import { RequestEvent } from '../../src/requests/request-event.entity.js';
import { enterRequest } from '../requests/support.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';
import { DEMO_EMAILS, DEMO_PASSWORD } from '../support/test-app.js';
import { startSmtpListener } from './smtp-listener.js';
import type { SmtpListener } from './smtp-listener.js';

/**
 * The timeline says what became of each email: queued, held (no SMTP), sent or failed, and
 * follows delivery to its end. Mail held while SMTP_URL was unset goes out once a restart
 * sets it; a delivery job that dies leaves its message `failed`. A real SMTP listener, two
 * starts of the server on one database, and a ManualClock.
 */
describe('mail status on the request timeline', () => {
  const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
  let db: TestDatabase;
  let smtp: SmtpListener;
  const apps: INestApplication[] = [];

  const start = async (env: Record<string, string>) => {
    const { app } = await createApp(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
        DATABASE_URL: db.url,
        ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}),
        AUDIT_CHECKPOINT_FILE: db.checkpointFile,
        DEMO_PASSWORD,
        LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        SEED_DEMO_REQUESTS: 'false',
        JOBS_ENABLED: 'false',
        JOB_MAX_ATTEMPTS: '2',
        JOB_RETRY_BASE_SECONDS: '0',
        ...env,
      },
      { clock },
    );
    await app.init();
    apps.push(app);
    return app;
  };
  const signInTo = async (app: INestApplication, email: string) => {
    const agent = request.agent(app.getHttpServer());
    const res = await agent.post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return {
      agent,
      session: res.body,
      csrf: { 'X-CSRF-Token': res.body.csrfToken as string },
    } as Parameters<typeof enterRequest>[0];
  };
  const dataSource = (app: INestApplication) => app.get<DataSource>(getDataSourceToken());
  const mailEvents = async (app: INestApplication, requestId: string) =>
    (
      await dataSource(app)
        .getRepository(RequestEvent)
        .find({ where: { requestId, type: 'email_sent' }, order: { id: 'ASC' } })
    ).map((e) => ({ summary: e.summary, mailStatus: e.mailStatus, mailId: e.mailId }));
  const today = () => clock.now().toISOString().slice(0, 10);

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await startSmtpListener({
      refuseRecipient: (address) =>
        address.startsWith('bounce') ? [550, 'No such mailbox here'] : null,
    });
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await smtp?.close();
    await db?.drop();
  });

  /**
   * The story has two stages, each built once by whichever test needs it first, so that any
   * test runs alone or in any order: mail written while no SMTP server is configured, then a
   * restart with SMTP_URL set (what it found right after start is kept for the test).
   */
  let heldStage:
    | Promise<{
        requestId: string;
        mailId: string;
        event: unknown;
        row: MailMessage;
        timeline: unknown;
      }>
    | undefined;
  const held = () =>
    (heldStage ??= (async () => {
      const app = await start({});
      const staff = await signInTo(app, DEMO_EMAILS.staff);
      const entered = await enterRequest(staff, { receivedAt: today() });
      const [event] = await mailEvents(app, entered.id);
      const row = await dataSource(app)
        .getRepository(MailMessage)
        .findOneByOrFail({ id: event!.mailId! });
      const timeline = (await staff.agent.get(`/api/requests/${entered.id}/timeline`)).body as {
        type: string;
      }[];
      await app.close();
      apps.splice(apps.indexOf(app), 1);
      return {
        requestId: entered.id,
        mailId: event!.mailId!,
        event,
        row,
        timeline: timeline.find((e) => e.type === 'email_sent'),
      };
    })());
  let smtpStage:
    | Promise<{
        app: INestApplication;
        atStart: { status: string; events: unknown; released: number };
      }>
    | undefined;
  const withSmtp = () =>
    (smtpStage ??= (async () => {
      const { requestId, mailId } = await held();
      const app = await start({ SMTP_URL: smtp.url });
      const atStart = {
        status: (await dataSource(app).getRepository(MailMessage).findOneByOrFail({ id: mailId }))
          .status,
        events: await mailEvents(app, requestId),
        released: await dataSource(app)
          .getRepository(AuditEntry)
          .countBy({ action: 'mail.released', entityId: mailId }),
      };
      return { app, atStart };
    })());

  it('says "held" for mail written while no SMTP server is configured', async () => {
    const stage = await held();
    expect(stage.event).toMatchObject({
      summary:
        'Email to the requester (acknowledgement): held in the outbox (no SMTP server is configured)',
      mailStatus: 'held',
    });
    expect(stage.row).toMatchObject({ status: 'held' });
    // The API carries the status for the console.
    expect(stage.timeline).toMatchObject({ mailStatus: 'held' });
  });

  it('releases held mail when the server starts with SMTP_URL set, then says "sent"', async () => {
    const { requestId: heldRequestId, mailId: heldMailId } = await held();
    const { app, atStart } = await withSmtp();
    // Released at start: queued, with a delivery job, audited.
    expect(atStart.status).toBe('queued');
    expect(atStart.events).toEqual([
      {
        summary: 'Email to the requester (acknowledgement): queued for delivery',
        mailStatus: 'queued',
        mailId: heldMailId,
      },
    ]);
    expect(atStart.released).toBe(1);

    await app.get(JobRunnerService).drain();
    expect(smtp.received.map((m) => m.rcptTo[0])).toContainEqual(
      expect.stringMatching(/^requester-/),
    );
    expect(
      await dataSource(app).getRepository(MailMessage).findOneByOrFail({ id: heldMailId }),
    ).toMatchObject({ status: 'sent' });
    expect(await mailEvents(app, heldRequestId)).toEqual([
      {
        summary: 'Email to the requester (acknowledgement): sent',
        mailStatus: 'sent',
        mailId: heldMailId,
      },
    ]);

    // A new message is "queued" at first, "sent" once delivered.
    const staff = await signInTo(app, DEMO_EMAILS.staff);
    const entered = await enterRequest(staff, { receivedAt: today() });
    expect((await mailEvents(app, entered.id))[0]).toMatchObject({ mailStatus: 'queued' });
    await app.get(JobRunnerService).drain();
    expect((await mailEvents(app, entered.id))[0]).toMatchObject({
      mailStatus: 'sent',
      summary: 'Email to the requester (acknowledgement): sent',
    });
  });

  it('says "failed" when the last delivery attempt is refused', async () => {
    const { app } = await withSmtp();
    const staff = await signInTo(app, DEMO_EMAILS.staff);
    const entered = await enterRequest(staff, {
      receivedAt: today(),
      requesterEmail: 'bounce-me@example.com',
    });
    await app.get(JobRunnerService).drain();
    const [event] = await mailEvents(app, entered.id);
    expect(event).toMatchObject({
      mailStatus: 'failed',
      summary: 'Email to the requester (acknowledgement): delivery failed',
    });
    expect(
      await dataSource(app).getRepository(MailMessage).findOneByOrFail({ id: event!.mailId! }),
    ).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('marks the message failed when its delivery job dies with its worker on the last attempt', async () => {
    const { app } = await withSmtp();
    // Only this test's delivery may be waiting when the crashed worker claims one.
    await app.get(JobRunnerService).drain();
    const staff = await signInTo(app, DEMO_EMAILS.staff);
    const entered = await enterRequest(staff, { receivedAt: today() });
    const [event] = await mailEvents(app, entered.id);
    const jobs = dataSource(app).getRepository(Job);
    const job = (await jobs.findBy({ type: MAIL_DELIVER_JOB, status: 'pending' })).find(
      (j) => (JSON.parse(j.payload) as { messageId: string }).messageId === event!.mailId,
    )!;
    // Its last attempt is taken by a worker that then stops (a crash, a kill -9).
    await jobs.update({ id: job.id }, { attempts: job.maxAttempts - 1 });
    const [claimed] = await app
      .get(JobRepository)
      .claim('crashed-worker', 1, clock.now(), 60_000, []);
    expect(claimed!.id).toBe(job.id);
    expect(claimed!.attempts).toBe(claimed!.maxAttempts);

    clock.advance(61_000);
    await app.get(JobRunnerService).tick();

    expect(await jobs.findOneByOrFail({ id: job.id })).toMatchObject({ status: 'dead' });
    expect(
      await dataSource(app).getRepository(MailMessage).findOneByOrFail({ id: event!.mailId! }),
    ).toMatchObject({ status: 'failed' });
    expect((await mailEvents(app, entered.id))[0]).toMatchObject({
      mailStatus: 'failed',
      summary: 'Email to the requester (acknowledgement): delivery failed',
    });
    expect(smtp.received.filter((m) => m.rcptTo[0] === entered.requesterEmail)).toHaveLength(0);
  });
});
