import { User } from '../../src/users/user.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { csvRows, insertRequest } from './support.js';

describe('SLA report', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  let officer: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    const sam = staff.session.user.id;
    // A second assignee whose name a spreadsheet would run as a formula.
    const admin = await testApp.dataSource
      .getRepository(User)
      .findOneByOrFail({ email: DEMO_EMAILS.admin });
    await testApp.dataSource.getRepository(User).update({ id: admin.id }, { name: '=cmd()' });

    const r = (spec: Parameters<typeof insertRequest>[1]) => insertRequest(testApp, spec);
    // Sam: on time (0 days), late (7), late (3), on time (10, closed on the last evening).
    await r({
      kind: 'access',
      status: 'rejected',
      assigneeId: sam,
      receivedAt: '2025-05-05T08:00:00Z',
      closedAt: '2025-05-05T18:00:00Z',
      dueAt: '2025-05-20T23:59:59Z',
    });
    await r({
      kind: 'access',
      status: 'rejected',
      assigneeId: sam,
      receivedAt: '2025-06-01T08:00:00Z',
      closedAt: '2025-06-08T08:00:00Z',
      dueAt: '2025-06-05T23:59:59Z',
    });
    await r({
      kind: 'correction',
      status: 'completed',
      assigneeId: sam,
      receivedAt: '2025-04-02T08:00:00Z',
      closedAt: '2025-04-05T08:00:00Z',
      dueAt: '2025-04-03T23:59:59Z',
    });
    await r({
      kind: 'opt_out',
      status: 'completed',
      assigneeId: sam,
      receivedAt: '2025-06-20T08:00:00Z',
      closedAt: '2025-06-30T23:00:00Z',
      dueAt: '2025-07-01T23:59:59Z',
    });
    // Unassigned: on time (14 days, closed on its due date).
    await r({
      kind: 'correction',
      status: 'completed',
      receivedAt: '2025-04-01T08:00:00Z',
      closedAt: '2025-04-15T09:00:00Z',
      dueAt: '2025-04-15T23:59:59Z',
    });
    // The formula-named assignee: on time (1 day).
    await r({
      kind: 'disclosure_report',
      status: 'completed',
      assigneeId: admin.id,
      receivedAt: '2025-05-01T08:00:00Z',
      closedAt: '2025-05-02T08:00:00Z',
      dueAt: '2025-05-30T23:59:59Z',
    });
    // Left out: withdrawn, open, closed before or after the range.
    await r({
      kind: 'access',
      status: 'withdrawn',
      assigneeId: sam,
      receivedAt: '2025-04-02T08:00:00Z',
      closedAt: '2025-05-10T08:00:00Z',
      dueAt: '2025-04-03T23:59:59Z',
    });
    await r({
      kind: 'access',
      status: 'in_progress',
      assigneeId: sam,
      receivedAt: '2025-04-02T08:00:00Z',
      dueAt: '2025-04-03T23:59:59Z',
    });
    await r({
      kind: 'access',
      status: 'completed',
      assigneeId: sam,
      receivedAt: '2025-03-01T08:00:00Z',
      closedAt: '2025-03-31T23:59:00Z',
    });
    await r({
      kind: 'access',
      status: 'completed',
      assigneeId: sam,
      receivedAt: '2025-06-01T08:00:00Z',
      closedAt: '2025-07-01T00:00:00Z',
    });
  });
  afterAll(() => testApp.close());

  it('counts on-time and late requests, and the median days, per assignee and per kind', async () => {
    const res = await manager.agent
      .get('/api/reports/sla?from=2025-04-01&to=2025-06-30')
      .expect(200);
    expect(res.body.from).toBe('2025-04-01');
    expect(res.body.to).toBe('2025-06-30');
    const sam = staff.session.user.id;
    expect(res.body.byAssignee).toEqual(
      expect.arrayContaining([
        { key: sam, label: 'Sam Staff', onTime: 2, late: 2, medianDays: 5 },
        { key: 'unassigned', label: 'Unassigned', onTime: 1, late: 0, medianDays: 14 },
        expect.objectContaining({ label: '=cmd()', onTime: 1, late: 0, medianDays: 1 }),
      ]),
    );
    expect(res.body.byAssignee).toHaveLength(3);
    expect(res.body.byKind).toEqual([
      {
        key: 'access',
        label: 'Access (copy of my information)',
        onTime: 1,
        late: 1,
        medianDays: 3.5,
      },
      { key: 'correction', label: 'Correction', onTime: 1, late: 1, medianDays: 8.5 },
      { key: 'disclosure_report', label: 'Disclosure report', onTime: 1, late: 0, medianDays: 1 },
      { key: 'opt_out', label: 'Opt-out of contact', onTime: 1, late: 0, medianDays: 10 },
    ]);
  });

  it('exports the rows as CSV, with formula-like cells escaped', async () => {
    const res = await officer.agent.get(
      '/api/reports/sla?from=2025-04-01&to=2025-06-30&format=csv',
    );
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="sla-from-2025-04-01-to-2025-06-30.csv"',
    );
    const rows = csvRows(res.text);
    expect(rows[0]).toEqual(['Grouping', 'Name', 'On time', 'Late', 'Median days']);
    expect(rows).toContainEqual(['Assignee', 'Sam Staff', '2', '2', '5']);
    expect(rows).toContainEqual(['Assignee', 'Unassigned', '1', '0', '14']);
    expect(rows).toContainEqual(['Assignee', "'=cmd()", '1', '0', '1']);
    expect(rows).toContainEqual(['Request kind', 'Correction', '1', '1', '8.5']);
    expect(rows).toHaveLength(1 + 3 + 4);
    expect(res.text).not.toMatch(/(^|,)=cmd/m);
  });

  it('refuses staff (403), and bad dates (422)', async () => {
    await staff.agent.get('/api/reports/sla?from=2025-04-01&to=2025-06-30').expect(403);
    const missing = await manager.agent.get('/api/reports/sla').expect(422);
    expect(Object.keys(missing.body.errors).sort()).toEqual(['from', 'to']);
    const bad = await manager.agent
      .get('/api/reports/sla?from=2025-02-30&to=2025-06-30')
      .expect(422);
    expect(bad.body.errors).toEqual({ from: expect.stringContaining('must be a date') });
    const backwards = await manager.agent
      .get('/api/reports/sla?from=2025-06-30&to=2025-04-01')
      .expect(422);
    expect(backwards.body.errors).toEqual({ to: 'The end date cannot be before the start date.' });
  });
});
