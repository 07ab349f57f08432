import { Secret, TOTP } from 'otpauth';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { LoginThrottle } from '../src/auth/login-throttle.entity.js';
import { Session } from '../src/auth/session.entity.js';
import { ManualClock } from '../src/common/clock/clock.js';
import { User } from '../src/users/user.entity.js';
import { DEMO_EMAILS, DEMO_PASSWORD, signIn, startTestApp } from './support/test-app.js';
import type { SignedIn, TestApp } from './support/test-app.js';

const GENERIC_FAILURE = expect.stringContaining('Sign-in failed');

/**
 * Time in these tests moves only when a test moves it: TOTP steps, idle limits, lockouts. It
 * starts at the wall clock's now and only moves forward, so the cookie jar (which reads the
 * wall clock) never sees a session cookie as expired.
 */
const clock = new ManualClock();

function totpCode(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  });
  return totp.generate({ timestamp: clock.nowMs() + offsetSteps * 30_000 });
}

describe('sign-in, sessions and the second factor', () => {
  let testApp: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    // One proxy hop is trusted, so a test can sign in "from" another address (X-Forwarded-For).
    testApp = await startTestApp({ TRUST_PROXY_HOPS: '1' }, { clock });
  });
  afterAll(() => testApp.close());
  // Tests move the clock by hours: each one signs the admin in afresh (and runs alone under -t).
  beforeEach(async () => {
    admin = await signIn(testApp, DEMO_EMAILS.admin);
  });

  async function createUser(email: string, role: string, password = 'correct-horse-battery') {
    const res = await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({ email, name: `User ${email}`, role, password });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  const users = () => testApp.dataSource.getRepository(User);
  const audit = () => testApp.dataSource.getRepository(AuditEntry);

  it('signs in with the demo account, sets an httpOnly SameSite=Strict cookie and audits it', async () => {
    const agent = testApp.http();
    const res = await agent
      .post('/api/auth/login')
      .send({ email: 'STAFF@demo.test ', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'staff@demo.test', role: 'staff' });
    expect(res.body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/pd_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('staff@demo.test');
    expect(me.body.permissions).toContain('requests.process');
    const last = await audit().findOne({
      where: { action: 'auth.login_succeeded' },
      order: { seq: 'DESC' },
    });
    expect(last?.entityId).toBe(res.body.user.id);
  });

  it('gives the same answer for an unknown email and a wrong password, and audits both without the email', async () => {
    const unknown = await testApp
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@example.com', password: 'whatever-it-is' });
    const wrong = await testApp
      .http()
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.manager, password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body).toEqual({ message: GENERIC_FAILURE, code: 'invalid_credentials' });
    const failures = await audit().findBy({ action: 'auth.login_failed' });
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const entry of failures) expect(entry.summary).not.toContain('@');
  });

  const throttles = () => testApp.dataSource.getRepository(LoginThrottle);
  const ATTACKER = { 'X-Forwarded-For': '198.51.100.7' };
  const COLLEAGUE = { 'X-Forwarded-For': '203.0.113.20' };
  const attempt = (email: string, password: string, from: Record<string, string>) =>
    testApp.http().post('/api/auth/login').set(from).send({ email, password });

  /** Fails 10 times from one source, waiting out each slow-down as an attacker would. */
  async function lockOutSource(email: string, from: Record<string, string>) {
    for (let i = 0; i < 10; i++) {
      if (i >= 3) clock.advance(1000 * 2 ** (i - 3));
      const res = await attempt(email, `wrong-${i}`, from);
      expect(res.status).toBe(401);
    }
  }

  it('slows one source down after 3 failures, then locks only that source out of the account', async () => {
    const { id } = await createUser('lockme@example.com', 'staff');
    for (let i = 0; i < 3; i++) {
      expect((await attempt('lockme@example.com', `wrong-${i}`, ATTACKER)).status).toBe(401);
    }
    // Slowed down: the next attempt within a second is refused, even with the right password,
    // with the same answer, and it is not counted.
    const early = await attempt('lockme@example.com', 'correct-horse-battery', ATTACKER);
    expect(early.status).toBe(401);
    expect(early.body).toEqual({ message: GENERIC_FAILURE, code: 'invalid_credentials' });
    expect((await throttles().findOneByOrFail({ source: '198.51.100.7' })).failures).toBe(3);

    // Another source is not slowed down by the first one's failures.
    expect((await attempt('lockme@example.com', 'correct-horse-battery', COLLEAGUE)).status).toBe(
      200,
    );

    for (let i = 3; i < 10; i++) {
      clock.advance(1000 * 2 ** (i - 3));
      expect((await attempt('lockme@example.com', `wrong-${i}`, ATTACKER)).status).toBe(401);
    }
    expect(await audit().countBy({ action: 'auth.account_locked', entityId: id })).toBe(1);
    const row = await throttles().findOneByOrFail({ source: '198.51.100.7' });
    expect(row.failures).toBe(10);
    expect(row.lockedUntil!.getTime() - clock.nowMs()).toBe(15 * 60_000);
    expect((await admin.agent.get(`/api/users/${id}`)).body.locked).toBe(true);

    // Locked out: the right password from that source is refused, with the same answer...
    clock.advance(5 * 60_000);
    const locked = await attempt('lockme@example.com', 'correct-horse-battery', ATTACKER);
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual({ message: GENERIC_FAILURE, code: 'invalid_credentials' });
    // ...while the account stays open to everyone else.
    expect((await attempt('lockme@example.com', 'correct-horse-battery', COLLEAGUE)).status).toBe(
      200,
    );

    // When the lock has passed, the right password works from that source too and clears it.
    clock.advance(10 * 60_000 + 1000);
    expect((await attempt('lockme@example.com', 'correct-horse-battery', ATTACKER)).status).toBe(
      200,
    );
    expect(await throttles().countBy({ source: '198.51.100.7' })).toBe(0);
    expect((await users().findOneByOrFail({ id })).failedLoginCount).toBe(0);
  });

  it('cannot lock an admin out from one address: the admin signs in from another', async () => {
    await lockOutSource(DEMO_EMAILS.admin, ATTACKER);
    expect((await attempt(DEMO_EMAILS.admin, DEMO_PASSWORD, ATTACKER)).status).toBe(401);
    expect((await attempt(DEMO_EMAILS.admin, DEMO_PASSWORD, COLLEAGUE)).status).toBe(200);
    await admin.agent.post('/api/users/x/unlock').set(admin.csrf).send().expect(404);
    const adminId = admin.session.user.id;
    await admin.agent.post(`/api/users/${adminId}/unlock`).set(admin.csrf).send().expect(200);
  });

  it('lets an admin unlock an account (audited); staff may not', async () => {
    const { id } = await createUser('unlockme@example.com', 'staff');
    await lockOutSource('unlockme@example.com', ATTACKER);
    expect((await users().findOneByOrFail({ id })).lockedUntil).not.toBeNull();

    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const refused = await staff.agent.post(`/api/users/${id}/unlock`).set(staff.csrf).send();
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect(await throttles().countBy({ source: '198.51.100.7' })).toBeGreaterThan(0);

    const unlocked = await admin.agent.post(`/api/users/${id}/unlock`).set(admin.csrf).send();
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ id, locked: false });
    const entry = await audit().findOneByOrFail({ action: 'user.unlocked', entityId: id });
    expect(entry.actorId).toBe(admin.session.user.id);
    expect(entry.summary).toContain('1 source');
    expect((await users().findOneByOrFail({ id })).failedLoginCount).toBe(0);
    expect((await attempt('unlockme@example.com', 'correct-horse-battery', ATTACKER)).status).toBe(
      200,
    );
  });

  it('requires TOTP for an enrolled account: no code, a wrong code and a replayed code are refused', async () => {
    const { id } = await createUser('totp@example.com', 'manager');
    const user = await signIn(testApp, 'totp@example.com', 'correct-horse-battery');
    expect(user.session.mfaEnrolmentRequired).toBe(false);

    const setup = await user.agent.post('/api/auth/mfa/setup').set(user.csrf).send();
    expect(setup.status).toBe(200);
    expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const secret: string = setup.body.secret;
    expect((await users().findOneByOrFail({ id })).mfaPendingSecret).not.toContain(secret);

    const badEnable = await user.agent
      .post('/api/auth/mfa/enable')
      .set(user.csrf)
      .send({ code: '000000' });
    expect(badEnable.status).toBe(422);
    expect(badEnable.body.errors).toHaveProperty('code');

    const enable = await user.agent
      .post('/api/auth/mfa/enable')
      .set(user.csrf)
      .send({ code: totpCode(secret) });
    expect(enable.status).toBe(200);
    const recoveryCodes: string[] = enable.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await users().findOneByOrFail({ id })).mfaEnabled).toBe(true);

    const login = (extra: object) =>
      testApp
        .http()
        .post('/api/auth/login')
        .send({ email: 'totp@example.com', password: 'correct-horse-battery', ...extra });

    const noCode = await login({});
    expect(noCode.status).toBe(401);
    expect(noCode.body.code).toBe('mfa_required');
    expect(noCode.headers['set-cookie']).toBeUndefined();

    const wrongCode = await login({ otp: totpCode(secret, 5) });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.code).toBe('mfa_required');

    // The code used to enable is spent; the next period's code works once.
    const replayed = await login({ otp: totpCode(secret) });
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('mfa_required');
    const next = await login({ otp: totpCode(secret, 1) });
    expect(next.status).toBe(200);
    const again = await login({ otp: totpCode(secret, 1) });
    expect(again.status).toBe(401);
    // Once that period has come, a code of the spent one is still refused; a new one works.
    clock.advance(30_000);
    expect((await login({ otp: totpCode(secret) })).status).toBe(401);
    clock.advance(30_000);
    expect((await login({ otp: totpCode(secret) })).status).toBe(200);
  });

  it('accepts a recovery code exactly once', async () => {
    await createUser('recovery@example.com', 'staff');
    const user = await signIn(testApp, 'recovery@example.com', 'correct-horse-battery');
    const { secret } = (await user.agent.post('/api/auth/mfa/setup').set(user.csrf).send()).body;
    const { recoveryCodes } = (
      await user.agent
        .post('/api/auth/mfa/enable')
        .set(user.csrf)
        .send({ code: totpCode(secret) })
    ).body as { recoveryCodes: string[] };

    const login = (recoveryCode: string) =>
      testApp
        .http()
        .post('/api/auth/login')
        .send({ email: 'recovery@example.com', password: 'correct-horse-battery', recoveryCode });
    const first = await login(recoveryCodes[3]!.toUpperCase());
    expect(first.status).toBe(200);
    const second = await login(recoveryCodes[3]!);
    expect(second.status).toBe(401);
    expect(second.body.code).toBe('mfa_required');
    expect((await login(recoveryCodes[4]!)).status).toBe(200);
  });

  it('makes a non-demo admin enrol a second factor before anything else', async () => {
    await createUser('newadmin@example.com', 'admin');
    const fresh = await signIn(testApp, 'newadmin@example.com', 'correct-horse-battery');
    expect(fresh.session.mfaEnrolmentRequired).toBe(true);
    const blocked = await fresh.agent.get('/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('mfa_enrolment_required');
    expect((await fresh.agent.get('/api/auth/me')).status).toBe(200);

    const { secret } = (await fresh.agent.post('/api/auth/mfa/setup').set(fresh.csrf).send()).body;
    await fresh.agent
      .post('/api/auth/mfa/enable')
      .set(fresh.csrf)
      .send({ code: totpCode(secret) })
      .expect(200);
    expect((await fresh.agent.get('/api/auth/me')).body.mfaEnrolmentRequired).toBe(false);
    expect((await fresh.agent.get('/api/users')).status).toBe(200);

    // Admins cannot turn it off again.
    const off = await fresh.agent
      .post('/api/auth/mfa/disable')
      .set(fresh.csrf)
      .send({ password: 'correct-horse-battery' });
    expect(off.status).toBe(403);
  });

  it('exempts demo admin and compliance accounts from enrolment outside production', async () => {
    const compliance = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    expect(compliance.session.mfaEnrolmentRequired).toBe(false);
    expect((await compliance.agent.get('/api/audit')).status).toBe(200);
  });

  it('ends the session on logout, at once', async () => {
    const user = await signIn(testApp, DEMO_EMAILS.manager);
    await user.agent.post('/api/auth/logout').set(user.csrf).send().expect(204);
    expect((await user.agent.get('/api/auth/me')).status).toBe(401);
  });

  it('ends every session of a deactivated user at once', async () => {
    const { id } = await createUser('leaver@example.com', 'staff');
    const leaver = await signIn(testApp, 'leaver@example.com', 'correct-horse-battery');
    expect((await leaver.agent.get('/api/auth/me')).status).toBe(200);
    await admin.agent.post(`/api/users/${id}/deactivate`).set(admin.csrf).send().expect(200);
    expect((await leaver.agent.get('/api/auth/me')).status).toBe(401);
    expect(await testApp.dataSource.getRepository(Session).countBy({ userId: id })).toBe(0);
    const again = await testApp
      .http()
      .post('/api/auth/login')
      .send({ email: 'leaver@example.com', password: 'correct-horse-battery' });
    expect(again.status).toBe(401);
  });

  it('keeps a session used within the idle limit, renews it with activity, and ends it after 30 idle minutes', async () => {
    const user = await signIn(testApp, DEMO_EMAILS.staff);
    clock.advance(29 * 60_000);
    expect((await user.agent.get('/api/auth/me')).status).toBe(200);
    // 58 minutes after sign-in: the request 29 minutes ago renewed it.
    clock.advance(29 * 60_000);
    expect((await user.agent.get('/api/auth/me')).status).toBe(200);
    clock.advance(30 * 60_000 + 1000);
    expect((await user.agent.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a session 12 hours after sign-in, however active', async () => {
    const user = await signIn(testApp, DEMO_EMAILS.staff);
    const row = await testApp.dataSource
      .getRepository(Session)
      .findOneOrFail({ where: { userId: user.session.user.id }, order: { createdAt: 'DESC' } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * 3_600_000);
    for (let minutes = 29; minutes <= 12 * 60; minutes += 29) {
      clock.advance(29 * 60_000);
      expect((await user.agent.get('/api/auth/me')).status).toBe(200);
    }
    clock.advance(29 * 60_000);
    expect((await user.agent.get('/api/auth/me')).status).toBe(401);
  });

  it('changes the own password: wrong current password is a 422, success ends other sessions', async () => {
    await createUser('changer@example.com', 'staff');
    const a = await signIn(testApp, 'changer@example.com', 'correct-horse-battery');
    const b = await signIn(testApp, 'changer@example.com', 'correct-horse-battery');
    const wrong = await a.agent
      .post('/api/auth/password')
      .set(a.csrf)
      .send({ currentPassword: 'nope-nope-nope', newPassword: 'a-brand-new-password' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual({ currentPassword: expect.any(String) });
    const short = await a.agent
      .post('/api/auth/password')
      .set(a.csrf)
      .send({ currentPassword: 'correct-horse-battery', newPassword: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.errors).toHaveProperty('newPassword');
    await a.agent
      .post('/api/auth/password')
      .set(a.csrf)
      .send({ currentPassword: 'correct-horse-battery', newPassword: 'a-brand-new-password' })
      .expect(204);
    expect((await a.agent.get('/api/auth/me')).status).toBe(200);
    expect((await b.agent.get('/api/auth/me')).status).toBe(401);
    await signIn(testApp, 'changer@example.com', 'a-brand-new-password');
  });

  it('forces a password change after an admin reset', async () => {
    const { id } = await createUser('reset@example.com', 'staff');
    const reset = await admin.agent.post(`/api/users/${id}/reset-password`).set(admin.csrf).send();
    expect(reset.status).toBe(200);
    const temporary: string = reset.body.temporaryPassword;
    const user = await signIn(testApp, 'reset@example.com', temporary);
    expect(user.session.passwordChangeRequired).toBe(true);
    expect((await user.agent.get('/api/auth/me')).status).toBe(200);
    // A route the user may use once the password is changed is refused until then.
    const blocked = await user.agent.get('/api/requests');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('password_change_required');
    const blockedWrite = await user.agent
      .post('/api/subjects')
      .set(user.csrf)
      .send({ name: 'Not Yet', email: 'not.yet@example.com' });
    expect(blockedWrite.status).toBe(403);
    expect(blockedWrite.body.code).toBe('password_change_required');
    await user.agent
      .post('/api/auth/password')
      .set(user.csrf)
      .send({ currentPassword: temporary, newPassword: 'my-own-password-now' })
      .expect(204);
    expect((await user.agent.get('/api/auth/me')).body.passwordChangeRequired).toBe(false);
    expect((await user.agent.get('/api/requests')).status).toBe(200);
  });
});

describe('per-IP sign-in limit', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => testApp.close());

  it('answers 429 once an address exceeds its sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: 'x@example.com', password: 'wrong-password' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await testApp
      .http()
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.staff, password: DEMO_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
