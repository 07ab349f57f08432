import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { Job } from '../../src/jobs/job.entity.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { MAIL_DELIVER_JOB, MailService } from '../../src/mail/mail.service.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

/**
 * Without SMTP_URL (the embedded default) mail is held in the outbox and read in the console.
 * The lists are narrowed to this file's two requests: the demo desk may hold mail of its own.
 */
describe('mail outbox without an SMTP server', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  let admin: SignedIn;
  let manager: SignedIn;
  let compliance: SignedIn;
  const requestA = randomUUID();
  const requestB = randomUUID();
  const ids = {} as Record<'ack' | 'completion' | 'rejection', string>;

  const mine = (filter: object = {}) =>
    JSON.stringify({ requestId: [requestA, requestB], ...filter });
  const list = (agent: SignedIn, query: Record<string, string> = {}) =>
    agent.agent.get('/api/outbox').query({ filter: mine(), ...query });

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    [staff, admin, manager, compliance] = await Promise.all([
      signIn(testApp, DEMO_EMAILS.staff),
      signIn(testApp, DEMO_EMAILS.admin),
      signIn(testApp, DEMO_EMAILS.manager),
      signIn(testApp, DEMO_EMAILS.compliance_officer),
    ]);
    const mail = testApp.app.get(MailService);
    const tx = testApp.app.get(TransactionService);
    const actor = { type: 'user' as const, id: staff.session.user.id, label: 'Staff' };
    await tx.run(async () => {
      ids.ack = (
        await mail.queue({
          to: 'ada@example.com',
          template: 'acknowledgement',
          data: { reference: 'PR-2026-000010', kindLabel: 'Correction', dueDate: '2026-12-29' },
          requestId: requestA,
          actor,
        })
      ).id;
    });
    await tx.run(async () => {
      ids.completion = (
        await mail.queue({
          to: 'ada@example.com',
          template: 'completion',
          data: { reference: 'PR-2026-000010', resolution: 'We corrected your address.' },
          requestId: requestA,
        })
      ).id;
    });
    await tx.run(async () => {
      ids.rejection = (
        await mail.queue({
          to: 'bob@example.org',
          template: 'rejection',
          data: { reference: 'PR-2026-000011', reason: 'We could not confirm your identity.' },
          requestId: requestB,
        })
      ).id;
    });
  });
  afterAll(() => testApp.close());

  it('holds every message, queues no delivery job, and audits it without the address', async () => {
    const messages = () =>
      testApp.dataSource
        .getRepository(MailMessage)
        .findBy({ id: In([ids.ack, ids.completion, ids.rejection]) });
    expect((await messages()).map((m) => m.status)).toEqual(['held', 'held', 'held']);
    expect(await testApp.dataSource.getRepository(Job).countBy({ type: MAIL_DELIVER_JOB })).toBe(0);
    await testApp.app.get(JobRunnerService).drain();
    expect((await messages()).map((m) => m.status)).toEqual(['held', 'held', 'held']);

    const entry = await testApp.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'mail.queued', entityId: ids.ack });
    expect(entry).toMatchObject({
      actorType: 'user',
      actorId: staff.session.user.id,
      entityType: 'mail',
    });
    expect(entry.summary).toMatch(/^Queued acknowledgement email/);
    expect(entry.summary).not.toContain('@');
  });

  it('lists the outbox for staff, newest first, with Content-Range', async () => {
    const res = await list(staff);
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('outbox 0-2/3');
    expect(res.body).toHaveLength(3);
    const created = (res.body as { createdAt: string }[]).map((m) => m.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const ack = (res.body as { id: string }[]).find((m) => m.id === ids.ack);
    expect(ack).toEqual({
      id: ids.ack,
      to: 'ada@example.com',
      subject: 'We have received your privacy request PR-2026-000010',
      body: expect.stringContaining('reference PR-2026-000010'),
      template: 'acknowledgement',
      status: 'held',
      requestId: requestA,
      createdAt: expect.any(String),
      sentAt: null,
      attempts: 0,
      lastError: null,
      messageId: null,
    });
  });

  it('filters by status, template, request, and recipient or subject', async () => {
    const idsOf = async (filter: object) => {
      const res = await list(staff, { filter: mine(filter) });
      expect(res.status).toBe(200);
      return (res.body as { id: string }[]).map((m) => m.id).sort();
    };
    expect(await idsOf({ status: 'held' })).toHaveLength(3);
    expect(await idsOf({ status: ['sent', 'failed'] })).toEqual([]);
    expect(await idsOf({ template: 'completion' })).toEqual([ids.completion]);
    expect(await idsOf({ requestId: requestA })).toEqual([ids.ack, ids.completion].sort());
    expect(await idsOf({ requestId: [requestB, randomUUID()] })).toEqual([ids.rejection]);
    expect(await idsOf({ q: 'BOB@EXAMPLE' })).toEqual([ids.rejection]);
    expect(await idsOf({ q: 'is complete' })).toEqual([ids.completion]);
    expect(await idsOf({ q: '100%_' })).toEqual([]);
  });

  // Sorting is in outbox-sort.e2e-spec.ts, on messages whose sort fields all differ.
  it('pages', async () => {
    const page = await list(staff, { range: '[1,1]' });
    expect(page.headers['content-range']).toBe('outbox 1-1/3');
    expect(page.body).toHaveLength(1);
  });

  it('answers 422 naming the parameter for an unknown sort or filter', async () => {
    const sort = await list(staff, { sort: '["to","ASC"]' });
    expect(sort.status).toBe(422);
    expect(sort.body.errors).toHaveProperty('sort');
    const filter = await list(staff, { filter: mine({ status: 'lost' }) });
    expect(filter.status).toBe(422);
    expect(filter.body.errors).toHaveProperty(['filter.status']);
    const unknown = await list(staff, { filter: mine({ body: 'x' }) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toHaveProperty(['filter.body']);
  });

  it('shows one message to staff and admins; 404 for an unknown or malformed id', async () => {
    for (const who of [staff, admin]) {
      const res = await who.agent.get(`/api/outbox/${ids.rejection}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: ids.rejection,
        to: 'bob@example.org',
        template: 'rejection',
        status: 'held',
        requestId: requestB,
      });
      expect(res.body.body).toContain('We could not confirm your identity.');
    }
    expect((await staff.agent.get(`/api/outbox/${randomUUID()}`)).status).toBe(404);
    const malformed = await staff.agent.get('/api/outbox/not-an-id');
    expect(malformed.status).toBe(404);
    expect(malformed.body.code).toBe('not_found');
  });

  it('is closed to managers and compliance officers (403) and to anonymous callers (401)', async () => {
    for (const who of [manager, compliance]) {
      for (const path of ['/api/outbox', `/api/outbox/${ids.ack}`]) {
        const res = await who.agent.get(path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 403,
          code: 'forbidden',
        });
      }
    }
    expect((await list(admin)).status).toBe(200);
    const anonymous = await testApp.http().get('/api/outbox');
    expect(anonymous.status).toBe(401);
  });
});
