import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { SYSTEM_ACTOR } from '../../src/auth/actor.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { RequestIntakeService } from '../../src/requests/request-intake.service.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

/**
 * An unverified request is not stuck: staff resend the confirmation link (a new token; the
 * old one dies; rate-limited) or mark it verified with a reason. Both are actions of the
 * shared life-cycle table, audited, on the timeline. Time is a ManualClock.
 */
describe('unverified requests: resend the confirmation link, or mark verified', () => {
  const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  let counter = 0;

  const stored = (id: string) =>
    testApp.dataSource.getRepository(PrivacyRequest).findOneByOrFail({ id });
  const verificationMails = (requestId: string) =>
    testApp.dataSource
      .getRepository(MailMessage)
      .find({ where: { requestId, template: 'verification' }, order: { createdAt: 'ASC' } });
  const audit = (entityId: string) =>
    testApp.dataSource
      .getRepository(AuditEntry)
      .find({ where: { entityId }, order: { seq: 'ASC' } });
  const act = (who: SignedIn, id: string, action: string, body: Record<string, unknown>) =>
    who.agent.post(`/api/requests/${id}/actions/${action}`).set(who.csrf).send(body);
  const timeline = async (id: string) =>
    (await staff.agent.get(`/api/requests/${id}/timeline`)).body as {
      type: string;
      summary: string;
      body: string | null;
      fromStatus: string | null;
      toStatus: string | null;
    }[];
  /** A public submission waiting for its emailed link, as the public form creates it. */
  const unverified = async () => {
    counter += 1;
    const { request, verificationToken } = await testApp.app
      .get(RequestIntakeService)
      .create(SYSTEM_ACTOR, {
        kind: 'access',
        channel: 'web_form',
        jurisdiction: 'gdpr',
        requesterName: `Waiting ${counter}`,
        requesterEmail: `waiting-${counter}@example.com`,
        receivedAt: clock.now(),
        payload: { format: 'pdf' },
        status: 'unverified',
        notifyRequester: true,
      });
    return { request, token: verificationToken! };
  };

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
  });
  afterAll(() => testApp.close());

  it('offers both actions from the life-cycle table to staff, and neither to a manager', async () => {
    const { request } = await unverified();
    const asStaff = await staff.agent.get(`/api/requests/${request.id}`);
    expect(asStaff.body.allowedActions.sort()).toEqual([
      'mark_verified',
      'reject',
      'resend_verification',
    ]);
    const asManager = await manager.agent.get(`/api/requests/${request.id}`);
    expect(asManager.body.allowedActions).toEqual([]);
  });

  it('resends a fresh link (a new token; the old one dead), not again within 5 minutes', async () => {
    const { request, token: oldToken } = await unverified();
    const before = await stored(request.id);

    // Just sent at intake: too soon. Nothing changes.
    const tooSoon = await act(staff, request.id, 'resend_verification', { version: 1 });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toMatchObject({
      code: 'resend_too_soon',
      message: 'A confirmation link was sent less than 5 minutes ago; try again in 5 minutes.',
    });
    expect(await stored(request.id)).toEqual(before);
    expect(await verificationMails(request.id)).toHaveLength(1);

    clock.advance(5 * MINUTE);
    const resent = await act(staff, request.id, 'resend_verification', { version: 1 });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: 'unverified', version: 2 });
    const after = await stored(request.id);
    expect(after.verificationTokenHash).not.toBe(before.verificationTokenHash);
    expect(after.verificationExpiresAt!.getTime()).toBe(clock.nowMs() + 24 * 60 * MINUTE);
    expect(await verificationMails(request.id)).toHaveLength(2);
    const events = await timeline(request.id);
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(['email_sent', 'verification_resent']);
    expect(events[1]!.summary).toBe(
      'A new confirmation link was sent by Sam Staff; the earlier link no longer works',
    );
    expect((await audit(request.id)).map((e) => e.action)).toContain('request.verification_resent');

    // The old link is dead.
    const old = await testApp.http().post('/api/public/verify').send({ token: oldToken });
    expect(old.status).toBe(404);
    expect(old.body.code).toBe('invalid_token');
    expect((await stored(request.id)).status).toBe('unverified');

    // Again at once: refused.
    const again = await act(staff, request.id, 'resend_verification', { version: 2 });
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('resend_too_soon');
  });

  it('stops resending after 5 resends of one request', async () => {
    const { request } = await unverified();
    let version = 1;
    for (let i = 0; i < 5; i += 1) {
      clock.advance(5 * MINUTE);
      const res = await act(staff, request.id, 'resend_verification', { version });
      expect(res.status).toBe(200);
      version = res.body.version as number;
    }
    clock.advance(60 * MINUTE);
    const refused = await act(staff, request.id, 'resend_verification', { version });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('resend_limit_reached');
    expect((await stored(request.id)).version).toBe(version);
  });

  it('marks a request verified with a required reason: it joins the queue, audited', async () => {
    const { request, token } = await unverified();
    const noReason = await act(staff, request.id, 'mark_verified', { version: 1 });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({
      code: 'validation_failed',
      errors: { reason: 'Reason is required for this action.' },
    });
    expect((await stored(request.id)).status).toBe('unverified');

    const done = await act(staff, request.id, 'mark_verified', {
      version: 1,
      reason: 'Identity checked by phone against the customer record',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'new' });
    const after = await stored(request.id);
    expect(after).toMatchObject({ verificationTokenHash: null, verificationExpiresAt: null });
    expect(after.verifiedAt!.getTime()).toBe(clock.nowMs());

    const events = await timeline(request.id);
    const verified = events.find((e) => e.type === 'verified')!;
    expect(verified).toMatchObject({
      summary: 'Marked verified by Sam Staff',
      body: 'Identity checked by phone against the customer record',
      fromStatus: 'unverified',
      toStatus: 'new',
    });
    expect(events[0]!.type).toBe('email_sent'); // the acknowledgement
    expect((await audit(request.id)).map((e) => e.action)).toContain('request.mark_verified');
    // The emailed link no longer confirms anything.
    const link = await testApp.http().post('/api/public/verify').send({ token });
    expect(link.status).toBe(404);
  });

  it('refuses both from the wrong status with 409, and from a role without the permission with 403', async () => {
    const { request } = await unverified();
    const byManager = await act(manager, request.id, 'mark_verified', {
      version: 1,
      reason: 'I say so',
    });
    expect(byManager.status).toBe(403);
    expect(byManager.body.code).toBe('forbidden');
    clock.advance(10 * MINUTE);
    const resendByManager = await act(manager, request.id, 'resend_verification', { version: 1 });
    expect(resendByManager.status).toBe(403);
    expect((await stored(request.id)).status).toBe('unverified');

    const verified = await act(staff, request.id, 'mark_verified', {
      version: 1,
      reason: 'Checked by phone',
    });
    const version = verified.body.version as number;
    const before = await stored(request.id);
    for (const [action, body] of [
      ['mark_verified', { version, reason: 'Again' }],
      ['resend_verification', { version }],
    ] as const) {
      const res = await act(staff, request.id, action, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('illegal_transition');
    }
    expect(await stored(request.id)).toEqual(before);

    // A stale version is refused too.
    const { request: other } = await unverified();
    clock.advance(10 * MINUTE);
    const stale = await act(staff, other.id, 'resend_verification', { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
  });
});
