import { findTransition, REQUEST_STATUS_LABELS, REQUEST_STATUSES } from '@privacy-desk/shared';
import type { RequestAction, RequestStatus } from '@privacy-desk/shared';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { RequestEvent } from '../../src/requests/request-event.entity.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { RequestPackagesService } from '../../src/request-packages/request-packages.service.js';
import { RequestQueueService } from '../../src/requests/request-queue.service.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, enterRequest, FIELDS_FOR } from './support.js';
import type { RequestRecord } from './support.js';

const ACTIONS: RequestAction[] = [
  'claim',
  'assign',
  'release',
  'request_info',
  'resume',
  'complete',
  'reject',
  'withdraw',
];

describe('the request life cycle, enforced', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
  });
  afterAll(() => testApp.close());

  /**
   * These are access requests, which complete only once their package is sent (the access
   * kind's own test covers that); here a package is sent up front, so that completing is the
   * generic life cycle under test.
   */
  async function accessPackageSent(requestId: string): Promise<void> {
    const stored = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: requestId });
    const actor = { type: 'system' as const, id: null, label: 'test' };
    await testApp.app.get(TransactionService).run(() =>
      testApp.app.get(RequestPackagesService).storeAndSend(actor, stored, {
        purpose: 'access',
        json: {},
        html: '<p>package</p>',
        pdf: Buffer.from('%PDF-'),
      }),
    );
  }

  /** A fresh request brought to `status` through the API (or, for unverified, the public route). */
  async function requestIn(status: RequestStatus): Promise<RequestRecord> {
    if (status === 'unverified') {
      const email = `unverified-${Date.now()}-${Math.random()}@example.com`;
      await testApp
        .http()
        .post('/api/public/requests')
        .send({
          kind: 'access',
          requesterName: 'Una Verified',
          requesterEmail: email,
          payload: { format: 'pdf' },
        })
        .expect(202);
      const row = await testApp.dataSource
        .getRepository(PrivacyRequest)
        .findOneByOrFail({ requesterEmail: email });
      return (await staff.agent.get(`/api/requests/${row.id}`)).body as RequestRecord;
    }
    let request = await enterRequest(staff);
    await accessPackageSent(request.id);
    const step = async (action: string, extra: Record<string, unknown> = {}) => {
      const res = await act(staff, request, action, { ...FIELDS_FOR[action], ...extra });
      if (res.status !== 200)
        throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
      request = res.body as RequestRecord;
    };
    if (status === 'new') return request;
    if (status === 'rejected') {
      await step('reject');
      return request;
    }
    await step('claim');
    if (status === 'in_progress') return request;
    if (status === 'awaiting_requester') {
      await step('request_info');
      return request;
    }
    await step(status === 'completed' ? 'complete' : 'withdraw');
    return request;
  }

  const cases = REQUEST_STATUSES.flatMap((status) =>
    ACTIONS.map((action) => [status, action] as const),
  );

  it.each(cases)('from %s, %s', async (status, action) => {
    const request = await requestIn(status);
    const transition = findTransition(status, action);
    const res =
      action === 'assign'
        ? await manager.agent
            .post(`/api/requests/${request.id}/assign`)
            .set(manager.csrf)
            .send({ version: request.version, assigneeId: staff.session.user.id })
        : await act(staff, request, action, FIELDS_FOR[action] ?? {});
    const stored = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: request.id });
    if (transition && transition.allowedBy !== 'requester') {
      expect({ status: res.status, body: res.body.status }).toEqual({
        status: 200,
        body: transition.to,
      });
      expect(stored.status).toBe(transition.to);
      expect(stored.version).toBe(request.version + 1);
    } else {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('illegal_transition');
      expect(res.body.message).toContain(`is ${REQUEST_STATUS_LABELS[status].toLowerCase()};`);
      expect(stored.status).toBe(status);
      expect(stored.version).toBe(request.version);
    }
  });

  it('names the current status and the allowed actions in the 409', async () => {
    const request = await requestIn('new');
    const res = await act(staff, request, 'complete', FIELDS_FOR.complete);
    expect([res.status, res.body.code]).toEqual([409, 'illegal_transition']);
    expect(res.body.message).toBe(
      '“Complete” is not possible while the request is new (queued); possible now: Claim or Reject.',
    );
  });

  it('requires the fields the table names, with a 422 that changes nothing', async () => {
    const request = await requestIn('in_progress');
    const res = await act(staff, request, 'reject', { reason: '   ' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({ reason: expect.any(String) });
    expect(
      (await testApp.dataSource.getRepository(PrivacyRequest).findOneByOrFail({ id: request.id }))
        .status,
    ).toBe('in_progress');
  });

  it('refuses a stale version with 409 and leaves the database as it was', async () => {
    const request = await requestIn('in_progress');
    const fresh = await act(staff, request, 'request_info', FIELDS_FOR.request_info);
    expect(fresh.status).toBe(200);
    const eventsBefore = await testApp.dataSource
      .getRepository(RequestEvent)
      .countBy({ requestId: request.id });
    const auditBefore = await testApp.dataSource.getRepository(AuditEntry).count();
    const stale = await act(staff, { ...request, status: 'awaiting_requester' }, 'resume');
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const stored = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: request.id });
    expect(stored).toMatchObject({ status: 'awaiting_requester', version: request.version + 1 });
    expect(
      await testApp.dataSource.getRepository(RequestEvent).countBy({ requestId: request.id }),
    ).toBe(eventsBefore);
    expect(await testApp.dataSource.getRepository(AuditEntry).count()).toBe(auditBefore);
  });

  it('lets only the assignee work an in-progress request', async () => {
    const request = await requestIn('in_progress');
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    const other = await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({
        email: `other-staff-${Date.now()}@example.com`,
        name: 'Other Staff',
        role: 'staff',
        password: 'a-long-password-1',
      });
    const otherStaff = await signIn(testApp, other.body.email, 'a-long-password-1');
    const res = await act(otherStaff, request, 'complete', FIELDS_FOR.complete);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_assignee');
  });

  it('offers each role exactly the allowed actions', async () => {
    const request = await requestIn('new');
    expect(
      (await staff.agent.get(`/api/requests/${request.id}`)).body.allowedActions.sort(),
    ).toEqual(['claim', 'reject']);
    expect((await manager.agent.get(`/api/requests/${request.id}`)).body.allowedActions).toEqual([
      'assign',
    ]);
    const officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    expect((await officer.agent.get(`/api/requests/${request.id}`)).body.allowedActions).toEqual(
      [],
    );
  });

  it('writes a timeline event and an audit entry for every transition', async () => {
    const request = await requestIn('new');
    let current = request;
    for (const [action, extra] of [
      ['claim', {}],
      ['request_info', FIELDS_FOR.request_info],
      ['resume', {}],
      ['complete', FIELDS_FOR.complete],
    ] as const) {
      const res = await act(staff, current, action, extra);
      expect(res.status).toBe(200);
      current = res.body as RequestRecord;
    }
    const timeline = (await staff.agent.get(`/api/requests/${request.id}/timeline`)).body as {
      type: string;
      toStatus: string | null;
    }[];
    const types = timeline.map((e) => e.type).reverse();
    expect(types).toEqual(
      expect.arrayContaining([
        'created',
        'email_sent',
        'claimed',
        'status_changed',
        'status_changed',
        'status_changed',
      ]),
    );
    expect(
      timeline
        .filter((e) => e.toStatus)
        .map((e) => e.toStatus)
        .reverse(),
    ).toEqual(['in_progress', 'awaiting_requester', 'in_progress', 'completed']);
    const actions = (
      await testApp.dataSource
        .getRepository(AuditEntry)
        .findBy({ entityType: 'request', entityId: request.id })
    ).map((e) => e.action);
    expect(actions).toEqual([
      'request.created',
      'request.claim',
      'request.request_info',
      'request.resume',
      'request.complete',
    ]);
  });

  it('returns a task whose lease expired to the queue, on the timeline', async () => {
    const request = await requestIn('in_progress');
    await testApp.dataSource
      .getRepository(PrivacyRequest)
      .update({ id: request.id }, { leaseExpiresAt: new Date(Date.now() - 1000) });
    expect(await testApp.app.get(RequestQueueService).expireLeases()).toBeGreaterThanOrEqual(1);
    const stored = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: request.id });
    expect(stored).toMatchObject({ status: 'new', assigneeId: null, leaseExpiresAt: null });
    const timeline = (await staff.agent.get(`/api/requests/${request.id}/timeline`)).body as {
      type: string;
    }[];
    expect(timeline[0]!.type).toBe('lease_expired');
  });

  it('lets staff release a task by hand, and renews the lease on activity', async () => {
    const request = await requestIn('in_progress');
    const before = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: request.id });
    await testApp.dataSource
      .getRepository(PrivacyRequest)
      .update({ id: request.id }, { leaseExpiresAt: new Date(Date.now() + 60_000) });
    await staff.agent
      .post(`/api/requests/${request.id}/notes`)
      .set(staff.csrf)
      .send({ body: 'Called the requester' })
      .expect(201);
    const renewed = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: request.id });
    expect(renewed.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    const released = await act(staff, { ...request, version: renewed.version }, 'release');
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'new', assigneeId: null });
    expect(before.leaseExpiresAt).not.toBeNull();
  });
});
