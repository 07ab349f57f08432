import { randomUUID } from 'node:crypto';
import type { DashboardDto, RequestKind, RequestStatus } from '@privacy-desk/shared';
import { ManualClock } from '../../src/common/clock/clock.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { User } from '../../src/users/user.entity.js';
import {
  disclosureBody,
  insertFlag,
  insertLegalProcess,
  newSubject,
  record,
} from '../disclosures/support.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

/** A Wednesday, noon UTC (the desk's zone is UTC here). Weeks start on Monday 2027-06-14. */
const NOW = new Date('2027-06-16T12:00:00.000Z');
const at = (text: string) => new Date(text);
const endOf = (date: string) => new Date(`${date}T23:59:59.999Z`);

let refCounter = 0;

async function insertRequest(
  testApp: TestApp,
  r: {
    kind: RequestKind;
    status: RequestStatus;
    receivedAt: Date;
    dueAt: Date;
    closedAt?: Date;
    assigneeId?: string;
  },
): Promise<PrivacyRequest> {
  refCounter += 1;
  const row = Object.assign(new PrivacyRequest(), {
    id: randomUUID(),
    reference: `PR-2027-${String(900000 + refCounter)}`,
    kind: r.kind,
    channel: 'email',
    jurisdiction: 'gdpr',
    status: r.status,
    requesterName: `Fixture ${refCounter}`,
    requesterEmail: `fixture-${refCounter}@example.com`,
    subjectId: null,
    assigneeId: r.assigneeId ?? null,
    assignmentKind: r.assigneeId ? 'assignment' : null,
    leaseExpiresAt: null,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    extendedAt: null,
    extensionReason: null,
    resolution: r.status === 'completed' ? 'Done' : null,
    reason: r.status === 'rejected' ? 'Could not verify' : null,
    payload: '{}',
    duplicateOfId: null,
    enteredById: null,
    verificationTokenHash: null,
    verificationExpiresAt: null,
    verifiedAt: r.receivedAt,
    closedAt: r.closedAt ?? null,
    createdAt: r.receivedAt,
    updatedAt: r.closedAt ?? r.receivedAt,
    version: 1,
  });
  await testApp.dataSource.getRepository(PrivacyRequest).insert(row);
  return row;
}

async function insertStaff(testApp: TestApp, name: string, active = true): Promise<User> {
  const user = Object.assign(new User(), {
    id: randomUUID(),
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
    name,
    role: 'staff',
    active,
    passwordHash: 'not-a-hash',
    mustChangePassword: false,
    mfaEnabled: false,
    mfaSecret: null,
    mfaPendingSecret: null,
    mfaLastStep: null,
    failedLoginCount: 0,
    lockedUntil: null,
    lastLoginAt: null,
    isDemo: false,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
  });
  await testApp.dataSource.getRepository(User).insert(user);
  return user;
}

async function dashboardOf(who: SignedIn): Promise<DashboardDto> {
  const res = await who.agent.get('/api/dashboard');
  expect(res.status).toBe(200);
  return res.body as DashboardDto;
}

describe('the dashboard', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  let officer: SignedIn;
  let admin: SignedIn;
  let bea: User;
  let zed: User;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const clock = new ManualClock(NOW);
    testApp = await startTestApp({ JOBS_ENABLED: 'false' }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    admin = await signIn(testApp, DEMO_EMAILS.admin);
    const sam = staff.session.user.id;
    bea = await insertStaff(testApp, 'Bea Second');
    zed = await insertStaff(testApp, 'Zed Idle');
    await insertStaff(testApp, 'Ina Gone', false);

    // Answered (completed or rejected): days to close access 2, 4, 6, 10; correction 1.
    await insertRequest(testApp, {
      kind: 'access',
      status: 'completed',
      receivedAt: at('2027-06-01T10:00:00Z'),
      closedAt: at('2027-06-03T10:00:00Z'),
      dueAt: endOf('2027-07-01'),
    });
    await insertRequest(testApp, {
      kind: 'access',
      status: 'completed',
      receivedAt: at('2027-05-03T10:00:00Z'),
      closedAt: at('2027-05-07T10:00:00Z'),
      dueAt: endOf('2027-05-06'), // late
    });
    await insertRequest(testApp, {
      kind: 'access',
      status: 'rejected',
      receivedAt: at('2027-04-05T10:00:00Z'),
      closedAt: at('2027-04-11T10:00:00Z'), // a Sunday: still the week of 5 April
      dueAt: endOf('2027-05-05'),
    });
    await insertRequest(testApp, {
      kind: 'access',
      status: 'completed',
      receivedAt: at('2027-04-06T10:00:00Z'),
      closedAt: at('2027-04-16T10:00:00Z'),
      dueAt: endOf('2027-04-20'),
    });
    await insertRequest(testApp, {
      kind: 'correction',
      status: 'completed',
      receivedAt: at('2027-06-07T09:00:00Z'),
      closedAt: at('2027-06-08T09:00:00Z'),
      dueAt: endOf('2027-06-08'),
    });
    // Withdrawn: closed that week, but never answered (no on-time, no days to close).
    await insertRequest(testApp, {
      kind: 'opt_out',
      status: 'withdrawn',
      receivedAt: at('2027-06-02T10:00:00Z'),
      closedAt: at('2027-06-04T10:00:00Z'),
      dueAt: endOf('2027-06-30'),
    });
    // Long ago: outside every window.
    await insertRequest(testApp, {
      kind: 'access',
      status: 'completed',
      receivedAt: at('2026-01-10T10:00:00Z'),
      closedAt: at('2026-02-01T10:00:00Z'),
      dueAt: endOf('2026-02-09'),
    });

    // Open.
    ids.n1 = (
      await insertRequest(testApp, {
        kind: 'access',
        status: 'new',
        receivedAt: at('2027-06-15T08:00:00Z'),
        dueAt: at('2027-06-18T12:00:00Z'), // due soon
      })
    ).id;
    ids.n2 = (
      await insertRequest(testApp, {
        kind: 'correction',
        status: 'in_progress',
        receivedAt: at('2027-05-10T08:00:00Z'),
        dueAt: endOf('2027-06-10'), // overdue
        assigneeId: sam,
      })
    ).id;
    ids.n3 = (
      await insertRequest(testApp, {
        kind: 'opt_out',
        status: 'in_progress',
        receivedAt: at('2027-06-14T08:00:00Z'),
        dueAt: at('2027-06-19T12:00:00Z'), // exactly 3 days from now: due soon
        assigneeId: sam,
      })
    ).id;
    await insertRequest(testApp, {
      kind: 'access',
      status: 'awaiting_requester',
      receivedAt: at('2027-06-09T08:00:00Z'),
      dueAt: endOf('2027-07-09'),
      assigneeId: bea.id,
    });
    await insertRequest(testApp, {
      kind: 'access',
      status: 'unverified',
      receivedAt: at('2027-06-16T09:00:00Z'),
      dueAt: endOf('2027-07-16'),
    });
    ids.n6 = (
      await insertRequest(testApp, {
        kind: 'disclosure_report',
        status: 'new',
        receivedAt: at('2027-03-01T08:00:00Z'), // before the 12 weeks
        dueAt: endOf('2027-04-01'), // overdue
      })
    ).id;
    await insertRequest(testApp, {
      kind: 'access',
      status: 'in_progress',
      receivedAt: at('2027-06-16T10:00:00Z'),
      dueAt: at('2027-06-19T12:00:00.001Z'), // a millisecond past due soon
      assigneeId: bea.id,
    });

    // Compliance: two disclosures and one legal-process response pending review.
    const subject = await newSubject(staff);
    await record(staff, disclosureBody({ subjects: [{ subjectId: subject }] }));
    await record(
      staff,
      disclosureBody({ recipientName: 'Parcel Co', subjects: [{ subjectId: subject }] }),
    );
    const far = {
      responseDueAt: endOf('2027-12-31'),
      receivedAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
    };
    await insertLegalProcess(testApp, sam, {
      ...far,
      status: 'responded',
      reviewStatus: 'pending_review',
    });
    // Legal process due by the end of 2027-06-19: one overdue, one due; one later, one closed.
    await insertLegalProcess(testApp, sam, { ...far, responseDueAt: at('2027-06-15T12:00:00Z') });
    await insertLegalProcess(testApp, sam, {
      ...far,
      status: 'under_review',
      responseDueAt: at('2027-06-19T20:00:00Z'),
    });
    await insertLegalProcess(testApp, sam, { ...far, responseDueAt: at('2027-06-20T00:00:01Z') });
    await insertLegalProcess(testApp, sam, {
      ...far,
      status: 'responded',
      responseDueAt: at('2027-06-17T12:00:00Z'),
    });
    // Gag orders: one lapses on day 30 (counted); day 31, already lapsed, indefinite (not).
    for (const gagUntil of ['2027-07-16', '2027-07-17', '2027-06-15', null])
      await insertLegalProcess(testApp, sam, {
        ...far,
        status: 'responded',
        gagOrder: true,
        gagUntil,
      });
    // Flags: open high ×2, under review low ×1 count; confirmed critical does not.
    await insertFlag(testApp, subject, sam, { status: 'open', severity: 'high' });
    await insertFlag(testApp, subject, sam, { status: 'open', severity: 'high' });
    await insertFlag(testApp, subject, sam, { status: 'under_review', severity: 'low' });
    await insertFlag(testApp, subject, sam, { status: 'confirmed', severity: 'critical' });
  });
  afterAll(() => testApp.close());

  it("gives a manager the desk's figures, each with the range it covers", async () => {
    const d = await dashboardOf(manager);
    expect(d.role).toBe('manager');
    expect(d.generatedAt).toBe(NOW.toISOString());
    expect(d.staff).toBeUndefined();
    expect(d.compliance).toBeUndefined();
    const m = d.manager!;
    const snapshot = { from: NOW.toISOString(), to: NOW.toISOString() };

    expect(m.backlog.range).toEqual(snapshot);
    expect(m.backlog.total).toBe(7);
    expect(m.backlog.byStatus).toEqual([
      { status: 'unverified', count: 1 },
      { status: 'new', count: 2 },
      { status: 'in_progress', count: 3 },
      { status: 'awaiting_requester', count: 1 },
    ]);
    expect(m.backlog.byKind).toEqual([
      { kind: 'correction', count: 1 },
      { kind: 'opt_out', count: 1 },
      { kind: 'access', count: 4 },
      { kind: 'disclosure_report', count: 1 },
    ]);
    expect(m.backlog.cells).toContainEqual({ status: 'in_progress', kind: 'access', count: 1 });
    expect(m.backlog.cells).toHaveLength(7);

    expect(m.throughput.range).toEqual({
      from: '2027-03-29T00:00:00.000Z',
      to: NOW.toISOString(),
    });
    expect(m.throughput.weeks.map((w) => w.week)).toEqual([
      '2027-03-29',
      '2027-04-05',
      '2027-04-12',
      '2027-04-19',
      '2027-04-26',
      '2027-05-03',
      '2027-05-10',
      '2027-05-17',
      '2027-05-24',
      '2027-05-31',
      '2027-06-07',
      '2027-06-14',
    ]);
    expect(m.throughput.weeks.map((w) => w.received)).toEqual([0, 2, 0, 0, 0, 1, 1, 0, 0, 2, 2, 4]);
    expect(m.throughput.weeks.map((w) => w.closed)).toEqual([0, 1, 1, 0, 0, 1, 0, 0, 0, 2, 1, 0]);
    expect(m.throughput.weeks[1]!.range).toEqual({
      from: '2027-04-05T00:00:00.000Z',
      to: '2027-04-12T00:00:00.000Z',
    });
    expect(m.throughput.weeks[11]!.range).toEqual({
      from: '2027-06-14T00:00:00.000Z',
      to: NOW.toISOString(),
    });

    expect(m.onTime.range).toEqual({ from: '2026-07-01T00:00:00.000Z', to: NOW.toISOString() });
    expect(m.onTime.months.map((x) => x.month)).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
    expect(m.onTime.months.slice(9)).toEqual([
      {
        month: '2027-04',
        range: { from: '2027-04-01T00:00:00.000Z', to: '2027-05-01T00:00:00.000Z' },
        answered: 2,
        onTime: 2,
        rate: 1,
      },
      {
        month: '2027-05',
        range: { from: '2027-05-01T00:00:00.000Z', to: '2027-06-01T00:00:00.000Z' },
        answered: 1,
        onTime: 0,
        rate: 0,
      },
      {
        month: '2027-06',
        range: { from: '2027-06-01T00:00:00.000Z', to: NOW.toISOString() },
        answered: 2,
        onTime: 2,
        rate: 1,
      },
    ]);
    for (const month of m.onTime.months.slice(0, 9)) {
      expect(month.answered).toBe(0);
      expect(month.rate).toBeNull();
    }

    expect(m.timeToClose.range).toEqual(m.onTime.range);
    expect(m.timeToClose.kinds).toEqual([
      { kind: 'correction', answered: 1, medianDays: 1, p90Days: 1 },
      { kind: 'access', answered: 4, medianDays: 5, p90Days: 8.8 },
    ]);

    expect(m.overdue).toEqual({ range: snapshot, count: 2, filter: { view: 'overdue' } });
    expect(m.dueSoon).toEqual({
      range: { from: NOW.toISOString(), to: '2027-06-19T12:00:00.000Z' },
      count: 2,
      days: 3,
      filter: { view: 'due_soon' },
    });

    expect(m.workload.range).toEqual(snapshot);
    expect(m.workload.assignees).toEqual([
      { id: bea.id, name: 'Bea Second', open: 2, overdue: 0 },
      { id: staff.session.user.id, name: 'Sam Staff', open: 2, overdue: 1 },
      { id: zed.id, name: 'Zed Idle', open: 0, overdue: 0 },
    ]);
    expect(m.workload.unassigned).toBe(3);
  });

  it('links overdue and due soon to a requests list with exactly those rows', async () => {
    const m = (await dashboardOf(manager)).manager!;
    for (const [figure, expected] of [
      [m.overdue, [ids.n2, ids.n6]],
      [m.dueSoon, [ids.n1, ids.n3]],
    ] as const) {
      const res = await manager.agent
        .get('/api/requests')
        .query({ filter: JSON.stringify(figure.filter), range: '[0,99]' });
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toMatch(new RegExp(`/${figure.count}$`));
      expect((res.body as { id: string }[]).map((r) => r.id).sort()).toEqual([...expected].sort());
    }
  });

  it("gives a compliance officer what waits for review, and nothing of the manager's", async () => {
    const d = await dashboardOf(officer);
    expect(d.role).toBe('compliance_officer');
    expect(d.manager).toBeUndefined();
    const c = d.compliance!;
    expect(c.pendingReview).toEqual({
      range: { from: NOW.toISOString(), to: NOW.toISOString() },
      count: 3,
      disclosures: 2,
      legalProcess: 1,
    });
    expect(c.legalProcessDueSoon).toEqual({
      range: { from: NOW.toISOString(), to: '2027-06-19T23:59:59.999Z' },
      count: 2,
      overdue: 1,
      days: 3,
    });
    expect(c.gagOrdersLapsing).toEqual({
      range: { from: '2027-06-16T00:00:00.000Z', to: '2027-07-16T23:59:59.999Z' },
      count: 1,
      days: 30,
    });
    expect(c.openFlags.total).toBe(3);
    expect(c.openFlags.bySeverity).toEqual([
      { severity: 'low', count: 1 },
      { severity: 'medium', count: 0 },
      { severity: 'high', count: 2 },
      { severity: 'critical', count: 0 },
    ]);
  });

  it('gives staff their own queue with deadlines, and the shared queue', async () => {
    const d = await dashboardOf(staff);
    expect(d.role).toBe('staff');
    expect(d.manager).toBeUndefined();
    const s = d.staff!;
    expect(s.ownQueue.count).toBe(2);
    expect(s.ownQueue.overdue).toBe(1);
    expect(s.ownQueue.dueSoon).toBe(1);
    expect(s.ownQueue.filter).toEqual({ view: 'mine' });
    expect(s.ownQueue.items.map((i) => [i.id, i.kind, i.dueAt, i.overdue])).toEqual([
      [ids.n2, 'correction', '2027-06-10T23:59:59.999Z', true],
      [ids.n3, 'opt_out', '2027-06-19T12:00:00.000Z', false],
    ]);
    expect(s.ownQueue.items[0]).not.toHaveProperty('requesterEmail');
    expect(s.sharedQueue).toEqual({
      range: { from: NOW.toISOString(), to: NOW.toISOString() },
      count: 2,
      filter: { view: 'unassigned' },
    });
  });

  it('gives an admin accounts and jobs, nothing personal', async () => {
    const d = await dashboardOf(admin);
    expect(d.role).toBe('admin');
    expect(d.manager ?? d.staff ?? d.compliance).toBeUndefined();
    expect(d.admin!.accounts.byRole).toEqual([
      { role: 'staff', active: 3, inactive: 1 },
      { role: 'compliance_officer', active: 1, inactive: 0 },
      { role: 'manager', active: 1, inactive: 0 },
      { role: 'admin', active: 1, inactive: 0 },
    ]);
    expect(Array.isArray(d.admin!.jobs.byStatus)).toBe(true);
  });

  it('refuses a caller who is not signed in', async () => {
    const res = await testApp.http().get('/api/dashboard');
    expect(res.status).toBe(401);
  });
});

describe('the demo desk', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  // A Wednesday noon, and a Saturday late in the evening: the demo's dates follow the clock.
  it.each([NOW.toISOString(), '2026-11-28T22:30:00.000Z'])(
    "gives a fresh demo desk's manager twelve weeks of history, overdue and due-soon work, and a team (%s)",
    async (start) => {
      testApp = await startTestApp(
        { JOBS_ENABLED: 'false', SEED_DEMO_REQUESTS: 'true' },
        { clock: new ManualClock(new Date(start)) },
      );
      const manager = await signIn(testApp, DEMO_EMAILS.manager);
      const m = (await dashboardOf(manager)).manager!;
      const weeksWith = (pick: (w: { received: number; closed: number }) => number) =>
        m.throughput.weeks.filter((w) => pick(w) > 0).length;
      expect(weeksWith((w) => w.received)).toBe(12);
      expect(weeksWith((w) => w.closed)).toBeGreaterThanOrEqual(6);
      expect(m.onTime.months.filter((x) => x.answered > 0).length).toBeGreaterThanOrEqual(3);
      expect(m.onTime.months.some((x) => x.rate !== null && x.rate < 1)).toBe(true);
      expect(m.timeToClose.kinds.length).toBeGreaterThanOrEqual(3);
      expect(m.overdue.count).toBeGreaterThanOrEqual(2);
      expect(m.dueSoon.count).toBeGreaterThanOrEqual(2);
      expect(m.workload.assignees.filter((a) => a.open > 0).map((a) => a.name)).toEqual(
        expect.arrayContaining(['Sam Staff', 'Riley Reyes', 'Jamie Chen']),
      );
      const overdue = await manager.agent
        .get('/api/requests')
        .query({ filter: JSON.stringify(m.overdue.filter) });
      expect(overdue.headers['content-range']).toMatch(new RegExp(`/${m.overdue.count}$`));
    },
  );
});
