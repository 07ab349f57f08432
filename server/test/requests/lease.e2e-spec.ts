import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { enterRequest } from './support.js';
import type { RequestRecord } from './support.js';

const MINUTE = 60_000;

/**
 * Who keeps a request: a manager's assignment stays until a manager changes it; a claim keeps
 * a lease that the holder's activity (heartbeat or any write) renews; only an expired claim
 * returns to the queue. Time is a ManualClock; the lease sweep runs as the recurring job it
 * is in production, driven by drain().
 */
describe('request leases: assignments stay, claims are kept while their holder is active', () => {
  const clock = new ManualClock(new Date('2026-06-01T08:00:00Z'));
  let testApp: TestApp;
  let runner: JobRunnerService;
  let staff: SignedIn;
  let otherStaff: SignedIn;
  let manager: SignedIn;

  const stored = (id: string) =>
    testApp.dataSource.getRepository(PrivacyRequest).findOneByOrFail({ id });
  const timeline = async (who: SignedIn, id: string) =>
    (await who.agent.get(`/api/requests/${id}/timeline`)).body as {
      type: string;
      summary: string;
    }[];
  const heartbeat = (who: SignedIn, id: string) =>
    who.agent.post(`/api/requests/${id}/lease`).set(who.csrf).send();
  /** Staff entry received today by the manual clock. */
  const enter = () => enterRequest(staff, { receivedAt: clock.now().toISOString().slice(0, 10) });
  /** Moves the clock, then runs whatever is due (the per-minute lease sweep among it). */
  const passMinutes = async (minutes: number) => {
    clock.advance(minutes * MINUTE);
    await runner.drain();
  };

  beforeAll(async () => {
    testApp = await startTestApp(
      { JOBS_ENABLED: 'false', REQUEST_LEASE_MINUTES: '30', ...LONG_SESSIONS },
      { clock },
    );
    runner = testApp.app.get(JobRunnerService);
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    const created = await admin.agent.post('/api/users').set(admin.csrf).send({
      email: 'second-staff@example.com',
      name: 'Second Staff',
      role: 'staff',
      password: 'a-long-password-2',
    });
    expect(created.status).toBe(201);
    otherStaff = await signIn(testApp, 'second-staff@example.com', 'a-long-password-2');
  });
  afterAll(() => testApp.close());

  it("keeps a manager's assignment, single or bulk, however long the assignee is away", async () => {
    const single = await enter();
    const inBulk = await enter();
    const assigned = await manager.agent
      .post(`/api/requests/${single.id}/assign`)
      .set(manager.csrf)
      .send({ version: single.version, assigneeId: staff.session.user.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assignmentKind: 'assignment', leaseExpiresAt: null });
    const bulk = await manager.agent
      .post('/api/requests/bulk/assign')
      .set(manager.csrf)
      .send({ ids: [inBulk.id], assigneeId: staff.session.user.id });
    expect(bulk.body.results).toEqual([{ id: inBulk.id, ok: true }]);

    // Well past the claim lease, with the sweep running every minute of it.
    for (let i = 0; i < 4; i += 1) await passMinutes(31);

    for (const id of [single.id, inBulk.id]) {
      expect(await stored(id)).toMatchObject({
        status: 'in_progress',
        assigneeId: staff.session.user.id,
        assignmentKind: 'assignment',
        leaseExpiresAt: null,
      });
      const events = await timeline(staff, id);
      expect(events.map((e) => e.type)).not.toContain('lease_expired');
      expect(events.find((e) => e.type === 'assigned')!.summary).toBe(
        `Assigned to Sam Staff by Morgan Manager; stays assigned until a manager changes it`,
      );
    }
    // The heartbeat says an assignment needs no lease.
    const beat = await heartbeat(staff, single.id);
    expect(beat.status).toBe(200);
    expect(beat.body).toEqual({ assignmentKind: 'assignment', leaseExpiresAt: null });
  });

  it("renews a claim's lease by heartbeat while its holder is active, without a new version", async () => {
    await enter();
    const claim = await staff.agent.post('/api/requests/claim-next').set(staff.csrf).send({});
    expect(claim.status).toBe(200);
    const claimed = claim.body as RequestRecord;
    expect(claimed).toMatchObject({ assignmentKind: 'claim', status: 'in_progress' });
    expect(claimed.leaseExpiresAt).toBe(new Date(clock.nowMs() + 30 * MINUTE).toISOString());
    const events = await timeline(staff, claimed.id);
    expect(events.find((e) => e.type === 'claimed')!.summary).toBe(
      'Claimed by Sam Staff; held while they are active in the console; returned to the queue after 30 minutes without activity',
    );

    // Take next may hand out a request another test returned to the queue: count from here.
    const expiredSoFar = () =>
      testApp.dataSource
        .getRepository(AuditEntry)
        .countBy({ entityId: claimed.id, action: 'request.lease_expired' });
    const expiredBefore = await expiredSoFar();

    // Reading for 75 minutes, the console's heartbeat every 20: the claim stays.
    for (let i = 0; i < 4; i += 1) {
      await passMinutes(20);
      const beat = await heartbeat(staff, claimed.id);
      expect(beat.status).toBe(200);
      expect(beat.body).toEqual({
        assignmentKind: 'claim',
        leaseExpiresAt: new Date(clock.nowMs() + 30 * MINUTE).toISOString(),
      });
    }
    const kept = await stored(claimed.id);
    expect(kept).toMatchObject({ status: 'in_progress', assigneeId: staff.session.user.id });
    // A heartbeat is not an edit: a page loaded before it can still act.
    expect(kept.version).toBe(claimed.version);
    expect(await expiredSoFar()).toBe(expiredBefore);

    // Any write by the holder renews it too.
    await passMinutes(25);
    await staff.agent
      .post(`/api/requests/${claimed.id}/notes`)
      .set(staff.csrf)
      .send({ body: 'Still on it' })
      .expect(201);
    expect((await stored(claimed.id)).leaseExpiresAt!.getTime()).toBe(clock.nowMs() + 30 * MINUTE);
    await passMinutes(25);
    expect((await stored(claimed.id)).status).toBe('in_progress');
  });

  it('refuses a heartbeat from someone who does not hold the request, and changes nothing', async () => {
    await enter();
    const claimed = (await staff.agent.post('/api/requests/claim-next').set(staff.csrf).send({}))
      .body as RequestRecord;
    const before = await stored(claimed.id);
    await passMinutes(10);
    const res = await heartbeat(otherStaff, claimed.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_assignee');
    expect(await stored(claimed.id)).toEqual(before);
    // Managers cannot send one at all (they hold no claims).
    const byManager = await heartbeat(manager, claimed.id);
    expect(byManager.status).toBe(403);
  });

  it('returns an expired claim to the queue, saying why on the timeline', async () => {
    await enter();
    const claimed = (await staff.agent.post('/api/requests/claim-next').set(staff.csrf).send({}))
      .body as RequestRecord;
    await passMinutes(29);
    expect((await stored(claimed.id)).status).toBe('in_progress');
    await passMinutes(2);
    expect(await stored(claimed.id)).toMatchObject({
      status: 'new',
      assigneeId: null,
      assignmentKind: null,
      leaseExpiresAt: null,
    });
    const events = await timeline(staff, claimed.id);
    expect(events[0]).toMatchObject({
      type: 'lease_expired',
      summary:
        "The claim's holder was not active in the console for 30 minutes: returned to the queue",
    });
    // A late heartbeat does not take it back.
    const late = await heartbeat(staff, claimed.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('not_assignee');
  });

  it('keeps an assignment lease-free through waiting for the requester and resuming', async () => {
    const request = await enter();
    const assigned = (
      await manager.agent
        .post(`/api/requests/${request.id}/assign`)
        .set(manager.csrf)
        .send({ version: request.version, assigneeId: staff.session.user.id })
    ).body as RequestRecord;
    const asked = await staff.agent
      .post(`/api/requests/${request.id}/actions/request_info`)
      .set(staff.csrf)
      .send({ version: assigned.version, message: 'Which account?' });
    const resumed = await staff.agent
      .post(`/api/requests/${request.id}/actions/resume`)
      .set(staff.csrf)
      .send({ version: asked.body.version });
    expect(resumed.body).toMatchObject({ status: 'in_progress', leaseExpiresAt: null });
    await passMinutes(90);
    expect((await stored(request.id)).status).toBe('in_progress');
  });
});
