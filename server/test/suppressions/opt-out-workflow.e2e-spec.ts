import { SYSTEM_ACTOR } from '../../src/auth/actor.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { RequestIntakeService } from '../../src/requests/request-intake.service.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, FIELDS_FOR } from '../requests/support.js';
import type { RequestRecord } from '../requests/support.js';
import { newSubject, unique } from './support.js';

describe('opt-out workflow: effective when the request becomes new; checklist blocks completion', () => {
  const clock = new ManualClock(new Date('2027-03-01T15:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let officer: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
  });
  afterAll(() => testApp.close());

  const check = (email: string) =>
    staff.agent.get(`/api/suppressions/check?email=${encodeURIComponent(email)}`);
  const getRequest = async (id: string) =>
    (await staff.agent.get(`/api/requests/${id}`)).body as RequestRecord;
  const timeline = async (id: string) =>
    (await staff.agent.get(`/api/requests/${id}/timeline`)).body as {
      type: string;
      summary: string;
    }[];

  it('is effective right after verification, with no staff step', async () => {
    const subject = await newSubject(staff, { phone: '+14155550100' });
    const { request, verificationToken } = await testApp.app
      .get(RequestIntakeService)
      .create(SYSTEM_ACTOR, {
        kind: 'opt_out',
        channel: 'web_form',
        jurisdiction: 'ccpa',
        requesterName: 'Opal Outman',
        requesterEmail: subject.email.toUpperCase(),
        receivedAt: clock.now(),
        payload: { channels: ['email', 'phone'], scopes: ['marketing_contact'] },
        status: 'unverified',
        notifyRequester: false,
      });
    expect((await check(subject.email)).body.suppressed).toBe(false);
    const verified = await testApp
      .http()
      .post('/api/public/verify')
      .send({ token: verificationToken });
    expect(verified.status).toBeLessThan(300);
    const after = await check(subject.email);
    expect(after.body).toEqual({
      suppressed: true,
      scopes: ['marketing_contact'],
      since: '2027-03-01T15:00:00.000Z',
    });
    const phone = await staff.agent.get('/api/suppressions/check?phone=%2B14155550100');
    expect(phone.body.suppressed).toBe(true);
    const events = await timeline(request.id);
    const line = events.find((e) => e.type === 'suppression');
    expect(line?.summary).toMatch(
      /^Suppressed 2 entries \(email: marketing contact, stop by 2027-03-15; phone: marketing contact, stop by 2027-03-01\)/,
    );
  });

  it('completion waits for the downstream checklist: one item per partner recipient, plus downstream systems', async () => {
    const subject = await newSubject(staff, { name: 'Pat Partnered' });
    // An approved disclosure of this subject to a business partner, before the opt-out.
    const disclosure = await staff.agent
      .post('/api/disclosures')
      .set(staff.csrf)
      .send({
        recipientName: 'Partner Ads Ltd',
        recipientType: 'business_partner',
        basis: 'partner_marketing',
        purpose: 'Joint newsletter',
        dataCategories: ['name', 'email'],
        disclosedAt: '2027-02-20',
        subjects: [{ subjectId: subject.id }],
      });
    expect(disclosure.status).toBe(201);
    const approved = await officer.agent
      .post(`/api/disclosures/${disclosure.body.id}/approve`)
      .set(officer.csrf)
      .send({ version: disclosure.body.version });
    expect(approved.status).toBe(200);

    const entered = await staff.agent
      .post('/api/requests')
      .set(staff.csrf)
      .send({
        kind: 'opt_out',
        channel: 'phone',
        jurisdiction: 'ccpa',
        requesterName: 'Pat Partnered',
        requesterEmail: subject.email,
        receivedAt: '2027-03-01',
        payload: { channels: ['email'], scopes: ['partner_sharing'] },
      });
    expect(entered.status).toBe(201);
    const id = entered.body.id as string;
    const panel = await staff.agent.get(`/api/suppressions/requests/${id}`);
    expect(panel.status).toBe(200);
    expect(panel.body.entries).toEqual([
      expect.objectContaining({
        channel: 'email',
        scope: 'partner_sharing',
        value: subject.email,
        stopBy: '2027-03-22',
      }),
    ]);
    expect(
      panel.body.checks
        .map((c: { kind: string; label: string; done: boolean }) => [c.kind, c.label, c.done])
        .sort(),
    ).toEqual(
      [
        ['downstream', expect.stringMatching(/^Downstream systems told/), false],
        ['partner', 'Partner told: Partner Ads Ltd', false],
      ].sort(),
    );

    // The opt-out now refuses partner marketing to this subject.
    const refused = await staff.agent
      .post('/api/disclosures')
      .set(staff.csrf)
      .send({
        recipientName: 'Partner Ads Ltd',
        recipientType: 'business_partner',
        basis: 'partner_marketing',
        purpose: 'Joint newsletter',
        dataCategories: ['name'],
        disclosedAt: '2027-03-01',
        subjects: [{ subjectId: subject.id }],
      });
    expect(refused.status).toBe(422);

    let request = await getRequest(id);
    const claim = await act(staff, request, 'claim');
    expect(claim.status).toBe(200);
    request = claim.body as RequestRecord;
    const blocked = await act(staff, request, 'complete', FIELDS_FOR.complete);
    expect({ status: blocked.status, code: blocked.body.code }).toEqual({
      status: 409,
      code: 'completion_blocked',
    });
    expect(blocked.body.message).toMatch(/Not yet confirmed: Partner told: Partner Ads Ltd/);

    for (const item of panel.body.checks as { id: string; version: number }[]) {
      const tick = await staff.agent
        .post(`/api/suppressions/requests/${id}/checks/${item.id}/done`)
        .set(staff.csrf)
        .send({ version: item.version, note: 'Emailed their privacy team' });
      expect(tick.status).toBe(200);
      expect(tick.body).toMatchObject({ done: true, doneBy: { name: expect.any(String) } });
      // With the version it was loaded at, and with the current one: done already either way.
      const stale = await staff.agent
        .post(`/api/suppressions/requests/${id}/checks/${item.id}/done`)
        .set(staff.csrf)
        .send({ version: item.version });
      expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
      const again = await staff.agent
        .post(`/api/suppressions/requests/${id}/checks/${item.id}/done`)
        .set(staff.csrf)
        .send({ version: tick.body.version });
      expect([again.status, again.body.code]).toEqual([409, 'already_done']);
    }
    request = await getRequest(id);
    const done = await act(staff, request, 'complete', FIELDS_FOR.complete);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    // Completing changes nothing on the list: it took effect when the request became new.
    expect((await check(subject.email)).body).toMatchObject({ suppressed: true });
  });

  it('a GPC signal is suppressed before anyone touches it, and never opts anyone back in', async () => {
    const email = `gpc-${unique()}@example.com`;
    const gpc = (payload: Record<string, unknown>) =>
      testApp
        .http()
        .post('/api/public/requests')
        .set('Sec-GPC', '1')
        .send({ kind: 'opt_out', requesterName: 'Gee Pee', requesterEmail: email, payload });
    expect((await check(email)).body).toMatchObject({ suppressed: false });
    expect((await gpc({ channels: ['email', 'post'], scopes: ['partner_sharing'] })).status).toBe(
      202,
    );
    expect((await check(email)).body).toEqual({
      suppressed: true,
      scopes: ['partner_sharing'],
      since: '2027-03-01T15:00:00.000Z',
    });
    // A browser signal only ever opts out: "optIn" on it revokes nothing.
    clock.advance(60_000);
    const optIn = { channels: ['email'], scopes: ['partner_sharing'], optIn: true };
    expect((await gpc(optIn)).status).toBe(202);
    expect((await check(email)).body).toMatchObject({ suppressed: true });
  });

  it('a verified opt-in request from the person revokes the entries (audited on the timeline)', async () => {
    const subject = await newSubject(staff);
    const enter = (payload: Record<string, unknown>) =>
      staff.agent.post('/api/requests').set(staff.csrf).send({
        kind: 'opt_out',
        channel: 'email',
        jurisdiction: 'can_spam',
        requesterName: 'Back Again',
        requesterEmail: subject.email,
        receivedAt: '2027-03-01',
        payload,
      });
    expect((await enter({ channels: ['email'], scopes: ['marketing_contact'] })).status).toBe(201);
    expect((await check(subject.email)).body.suppressed).toBe(true);
    const { request, verificationToken } = await testApp.app
      .get(RequestIntakeService)
      .create(SYSTEM_ACTOR, {
        kind: 'opt_out',
        channel: 'web_form',
        jurisdiction: 'can_spam',
        requesterName: 'Back Again',
        requesterEmail: subject.email,
        receivedAt: clock.now(),
        payload: { channels: ['email'], scopes: ['marketing_contact'], optIn: true },
        status: 'unverified',
        notifyRequester: false,
      });
    expect((await check(subject.email)).body.suppressed).toBe(true);
    await testApp.http().post('/api/public/verify').send({ token: verificationToken });
    expect((await check(subject.email)).body.suppressed).toBe(false);
    const line = (await timeline(request.id)).find((e) => e.type === 'suppression');
    expect(line?.summary).toBe('Opted back in: 1 suppression entry revoked');
    const list = await staff.agent.get(
      `/api/suppressions?filter=${encodeURIComponent(JSON.stringify({ q: subject.email, active: false }))}`,
    );
    expect(list.body).toEqual([
      expect.objectContaining({ active: false, revokedByRequestId: request.id }),
    ]);
  });
});
