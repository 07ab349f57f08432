import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, enterRequest, FIELDS_FOR } from './support.js';

describe('the queue', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  const requests = () => testApp.dataSource.getRepository(PrivacyRequest);

  beforeEach(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
  });
  afterEach(() => testApp.close());

  it('gives 20 parallel claim-next calls on 10 queued requests each request exactly once', async () => {
    for (let i = 0; i < 10; i++) await enterRequest(staff);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        staff.agent.post('/api/requests/claim-next').set(staff.csrf).send({}),
      ),
    );
    const claimed = results.filter((r) => r.status === 200).map((r) => r.body.id as string);
    const empty = results.filter((r) => r.status === 404);
    expect(claimed).toHaveLength(10);
    expect(new Set(claimed).size).toBe(10);
    expect(empty).toHaveLength(10);
    for (const res of empty)
      expect(res.body).toEqual({
        code: 'queue_empty',
        message: expect.stringContaining('queue is empty'),
      });
    const stored = await requests().findBy({ status: 'in_progress' });
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(row.assigneeId).toBe(staff.session.user.id);
    expect(
      await testApp.dataSource.getRepository(AuditEntry).countBy({ action: 'request.claim' }),
    ).toBe(10);
  });

  it('hands out the request due soonest, optionally of one kind', async () => {
    const later = await enterRequest(staff, { jurisdiction: 'gdpr' }); // due in a month
    const sooner = await enterRequest(staff, {
      kind: 'opt_out',
      jurisdiction: 'can_spam',
      payload: { channels: ['email'], scopes: ['marketing_contact'] },
    });
    const first = await staff.agent.post('/api/requests/claim-next').set(staff.csrf).send({});
    expect(first.body.id).toBe(sooner.id);
    expect(first.body.leaseExpiresAt).toBeTruthy();
    const none = await staff.agent
      .post('/api/requests/claim-next')
      .set(staff.csrf)
      .send({ kind: 'opt_out' });
    expect(none.status).toBe(404);
    const access = await staff.agent
      .post('/api/requests/claim-next')
      .set(staff.csrf)
      .send({ kind: 'access' });
    expect(access.body.id).toBe(later.id);
  });

  it('lists the views: my queue, unassigned, overdue, due soon, all', async () => {
    const mine = await enterRequest(staff);
    await act(staff, mine, 'claim');
    const waiting = await enterRequest(staff);
    const overdue = await enterRequest(staff, {
      receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
    });
    const soon = await enterRequest(staff, {
      receivedAt: new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10),
      jurisdiction: 'other',
    });
    const view = async (name: string) =>
      (
        await staff.agent
          .get('/api/requests')
          .query({ filter: JSON.stringify({ view: name }), range: '[0,99]' })
      ).body as { id: string; deadline: string }[];
    expect((await view('mine')).map((r) => r.id)).toEqual([mine.id]);
    expect((await view('unassigned')).map((r) => r.id).sort()).toEqual(
      [waiting.id, overdue.id, soon.id].sort(),
    );
    const overdueView = await view('overdue');
    expect(overdueView.map((r) => r.id)).toEqual([overdue.id]);
    expect(overdueView[0]!.deadline).toBe('overdue');
    const soonView = await view('due_soon');
    expect(soonView.map((r) => r.id)).toEqual([soon.id]);
    expect(soonView[0]!.deadline).toBe('due_soon');
    expect(await view('all')).toHaveLength(4);
    const bad = await staff.agent
      .get('/api/requests')
      .query({ filter: JSON.stringify({ view: 'everything' }) });
    expect(bad.status).toBe(422);
    const byAssignee = await manager.agent
      .get('/api/requests')
      .query({ filter: JSON.stringify({ assigneeId: staff.session.user.id }) });
    expect(byAssignee.body.map((r: { id: string }) => r.id)).toEqual([mine.id]);
  });

  it('lets managers assign and reassign, and answers bulk operations per id', async () => {
    const a = await enterRequest(staff);
    const b = await enterRequest(staff);
    const closed = await enterRequest(staff);
    await act(staff, closed, 'reject', FIELDS_FOR.reject);
    const assignees = await manager.agent.get('/api/requests/assignees');
    expect(assignees.body).toEqual([{ id: staff.session.user.id, name: 'Sam Staff' }]);
    const bulk = await manager.agent
      .post('/api/requests/bulk/assign')
      .set(manager.csrf)
      .send({
        ids: [a.id, b.id, closed.id, '00000000-0000-4000-8000-000000000000'],
        assigneeId: staff.session.user.id,
      });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results).toEqual([
      { id: a.id, ok: true },
      { id: b.id, ok: true },
      {
        id: closed.id,
        ok: false,
        error: { code: 'illegal_transition', message: expect.stringContaining('is rejected') },
      },
      {
        id: '00000000-0000-4000-8000-000000000000',
        ok: false,
        error: { code: 'not_found', message: 'Request not found.' },
      },
    ]);
    expect((await requests().findOneByOrFail({ id: a.id })).assigneeId).toBe(staff.session.user.id);
    const badAssignee = await manager.agent
      .post(`/api/requests/${a.id}/assign`)
      .set(manager.csrf)
      .send({ version: 2, assigneeId: manager.session.user.id });
    expect(badAssignee.status).toBe(422);
    expect(badAssignee.body.errors).toEqual({
      assigneeId: 'Assignee must be an active staff member.',
    });

    const fresh = await enterRequest(staff);
    const rejectAll = await staff.agent
      .post('/api/requests/bulk/reject')
      .set(staff.csrf)
      .send({ ids: [fresh.id, closed.id], reason: 'Spam' });
    expect(rejectAll.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
    expect(
      await testApp.dataSource
        .getRepository(MailMessage)
        .countBy({ requestId: fresh.id, template: 'rejection' }),
    ).toBe(1);
  });

  it('extends a deadline once, with a reason, before it passes, and tells the requester', async () => {
    const request = await enterRequest(staff, { jurisdiction: 'gdpr' });
    const res = await staff.agent
      .post(`/api/requests/${request.id}/extend`)
      .set(staff.csrf)
      .send({ version: request.version, reason: 'Records are archived off-site' });
    expect(res.status).toBe(200);
    expect(res.body.dueDate > request.dueDate).toBe(true);
    expect(res.body.extensionAvailable).toBe(false);
    expect(res.body.clockExplanation).toContain('extended on');
    const notice = await testApp.dataSource
      .getRepository(MailMessage)
      .findOneByOrFail({ requestId: request.id, template: 'extension_notice' });
    expect(notice.body).toContain('Records are archived off-site');
    const twice = await staff.agent
      .post(`/api/requests/${request.id}/extend`)
      .set(staff.csrf)
      .send({ version: res.body.version, reason: 'Again' });
    expect([twice.status, twice.body.code]).toEqual([409, 'extension_not_allowed']);
    expect(twice.body.message).toContain('already been extended once');

    const late = await enterRequest(staff, {
      receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10),
    });
    const refused = await staff.agent
      .post(`/api/requests/${late.id}/extend`)
      .set(staff.csrf)
      .send({ version: late.version, reason: 'Too late' });
    expect([refused.status, refused.body.code]).toEqual([409, 'extension_not_allowed']);
    expect(refused.body.message).toContain('has passed');
    const clock = await staff.agent.get(`/api/requests/${late.id}/clock`);
    expect(clock.body).toMatchObject({
      deadline: 'overdue',
      extensionAvailable: false,
      extensionBlockedReason: expect.stringContaining('has passed'),
    });

    const optOut = await enterRequest(staff, {
      kind: 'opt_out',
      jurisdiction: 'ccpa',
      payload: { channels: ['email'], scopes: ['partner_sharing'] },
    });
    const never = await staff.agent
      .post(`/api/requests/${optOut.id}/extend`)
      .set(staff.csrf)
      .send({ version: optOut.version, reason: 'x' });
    expect([never.status, never.body.code]).toEqual([409, 'extension_not_allowed']);
    expect(never.body.message).toContain('allows no extension');
  });
});
