import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, enterRequest, FIELDS_FOR } from './support.js';
import type { RequestRecord } from './support.js';

/**
 * A manager moves a request one staff member holds to another: the new holder may work it,
 * the old one may not. Only an active staff member can be given a request.
 */
describe('reassigning a request to another staff member', () => {
  let testApp: TestApp;
  let staffA: SignedIn;
  let staffB: SignedIn;
  let manager: SignedIn;
  let admin: SignedIn;

  const stored = (id: string) =>
    testApp.dataSource.getRepository(PrivacyRequest).findOneByOrFail({ id });
  const assign = (request: RequestRecord, assigneeId: string) =>
    manager.agent
      .post(`/api/requests/${request.id}/assign`)
      .set(manager.csrf)
      .send({ version: request.version, assigneeId });
  async function createUser(email: string, role: string) {
    const res = await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({ email, name: `Person ${email}`, role, password: 'a-long-password-9' });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }
  /** A request staff A has claimed. */
  async function heldByA(): Promise<RequestRecord> {
    const claimed = await act(staffA, await enterRequest(staffA), 'claim');
    expect(claimed.status).toBe(200);
    expect(claimed.body.assigneeId).toBe(staffA.session.user.id);
    return claimed.body as RequestRecord;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signIn(testApp, DEMO_EMAILS.admin);
    staffA = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    await createUser('staff-b@example.com', 'staff');
    staffB = await signIn(testApp, 'staff-b@example.com', 'a-long-password-9');
  });
  afterAll(() => testApp.close());

  it('moves the request to B, on the timeline and in the audit trail; then B works it and A may not', async () => {
    const request = await heldByA();
    const res = await assign(request, staffB.session.user.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'in_progress',
      assigneeId: staffB.session.user.id,
      assignmentKind: 'assignment',
      version: request.version + 1,
    });
    expect(await stored(request.id)).toMatchObject({
      status: 'in_progress',
      assigneeId: staffB.session.user.id,
      assignmentKind: 'assignment',
    });

    const timeline = (await manager.agent.get(`/api/requests/${request.id}/timeline`)).body as {
      type: string;
      summary: string;
    }[];
    expect(timeline.filter((e) => e.type === 'assigned').map((e) => e.summary)).toEqual([
      'Assigned to Person staff-b@example.com by Morgan Manager; stays assigned until a manager changes it',
    ]);
    const entry = await testApp.dataSource
      .getRepository(AuditEntry)
      .findOneOrFail({ where: { entityId: request.id }, order: { seq: 'DESC' } });
    expect(entry).toMatchObject({
      action: 'request.assign',
      actorId: manager.session.user.id,
      summary: `${request.reference}: Assign (In progress → In progress)`,
    });

    // A held it a moment ago; now A is refused and nothing changes.
    const current = res.body as RequestRecord;
    const byA = await act(staffA, current, 'request_info', FIELDS_FOR.request_info);
    expect([byA.status, byA.body.code]).toEqual([409, 'not_assignee']);
    const release = await act(staffA, current, 'release');
    expect([release.status, release.body.code]).toEqual([409, 'not_assignee']);
    expect(await stored(request.id)).toMatchObject({
      status: 'in_progress',
      assigneeId: staffB.session.user.id,
      version: current.version,
    });

    const byB = await act(staffB, current, 'request_info', FIELDS_FOR.request_info);
    expect(byB.status).toBe(200);
    expect(byB.body).toMatchObject({
      status: 'awaiting_requester',
      assigneeId: staffB.session.user.id,
    });
  });

  it('refuses to give a request to anyone but an active staff member, and changes nothing', async () => {
    const request = await heldByA();
    const before = await stored(request.id);
    const leaver = await createUser('leaver-staff@example.com', 'staff');
    await admin.agent.post(`/api/users/${leaver.id}/deactivate`).set(admin.csrf).send().expect(200);
    const candidates = {
      'a manager': manager.session.user.id,
      'an admin': admin.session.user.id,
      'a deactivated staff member': leaver.id,
      'an unknown id': '9b2f7a8e-1c1d-4e6b-9a57-0d2c5b1f0e11',
    };
    for (const [who, id] of Object.entries(candidates)) {
      const res = await assign(request, id);
      expect({ who, status: res.status, code: res.body.code, errors: res.body.errors }).toEqual({
        who,
        status: 422,
        code: 'validation_failed',
        errors: { assigneeId: 'Assignee must be an active staff member.' },
      });
    }
    expect(await stored(request.id)).toEqual(before);
    // The console's list of assignees offers only active staff.
    const assignees = (await manager.agent.get('/api/requests/assignees')).body as {
      id: string;
    }[];
    expect(assignees.map((a) => a.id).sort()).toEqual(
      [staffA.session.user.id, staffB.session.user.id].sort(),
    );
  });
});
