import { Secret, TOTP } from 'otpauth';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { Session } from '../src/auth/session.entity.js';
import { User } from '../src/users/user.entity.js';
import { DEMO_EMAILS, DEMO_PASSWORD, signIn, startTestApp } from './support/test-app.js';
import type { SignedIn, TestApp } from './support/test-app.js';

const GENERIC_FAILURE = expect.stringContaining('Sign-in failed');

function totpCode(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

describe('sign-in, sessions and the second factor', () => {
  let testApp: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signIn(testApp, DEMO_EMAILS.admin);
  });
  afterAll(() => testApp.close());

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

  it('locks an account for 15 minutes after 10 failed attempts, even against the right password', async () => {
    const { id } = await createUser('lockme@example.com', 'staff');
    for (let i = 0; i < 10; i++) {
      const res = await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: 'lockme@example.com', password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await testApp
      .http()
      .post('/api/auth/login')
      .send({ email: 'lockme@example.com', password: 'correct-horse-battery' });
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual({ message: GENERIC_FAILURE, code: 'invalid_credentials' });

    const user = await users().findOneByOrFail({ id });
    expect(user.failedLoginCount).toBe(10);
    const minutesLeft = (user.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(14);
    expect(minutesLeft).toBeLessThanOrEqual(15);
    expect(await audit().countBy({ action: 'auth.account_locked', entityId: id })).toBe(1);
    expect((await admin.agent.get(`/api/users/${id}`)).body.locked).toBe(true);

    // When the lock has passed, the right password works again and the counter resets.
    await users().update({ id }, { lockedUntil: new Date(Date.now() - 1000) });
    await signIn(testApp, 'lockme@example.com', 'correct-horse-battery');
    expect((await users().findOneByOrFail({ id })).failedLoginCount).toBe(0);
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
    const next = await login({ otp: totpCode(secret, 1) });
    expect(next.status).toBe(200);
    const again = await login({ otp: totpCode(secret, 1) });
    expect(again.status).toBe(401);
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

  it('ends a session idle for more than 30 minutes, and one older than 12 hours', async () => {
    const idle = await signIn(testApp, DEMO_EMAILS.staff);
    const sessions = testApp.dataSource.getRepository(Session);
    const newest = (userId: string) =>
      sessions.findOneOrFail({ where: { userId }, order: { createdAt: 'DESC' } });
    const idleRow = await newest(idle.session.user.id);
    await sessions.update({ id: idleRow.id }, { lastSeenAt: new Date(Date.now() - 31 * 60_000) });
    expect((await idle.agent.get('/api/auth/me')).status).toBe(401);

    const old = await signIn(testApp, DEMO_EMAILS.staff);
    const oldRow = await newest(old.session.user.id);
    expect(oldRow.expiresAt.getTime() - oldRow.createdAt.getTime()).toBe(12 * 3_600_000);
    await sessions.update({ id: oldRow.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await old.agent.get('/api/auth/me')).status).toBe(401);
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
    const blocked = await user.agent.get('/api/auth/me');
    expect(blocked.status).toBe(200);
    await user.agent
      .post('/api/auth/password')
      .set(user.csrf)
      .send({ currentPassword: temporary, newPassword: 'my-own-password-now' })
      .expect(204);
    expect((await user.agent.get('/api/auth/me')).body.passwordChangeRequired).toBe(false);
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
