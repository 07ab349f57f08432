import { jest } from '@jest/globals';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

/**
 * Item 10 of issue 7: a locked account answered 60 times faster than a wrong password. Each
 * refusal must do the same password-hash work. Counted here, not timed: the real hasher runs,
 * wrapped by a spy that only counts its calls (`npm run bench:sign-in` reports the times).
 */
describe('every refused sign-in does the same password-hash work and gives the same answer', () => {
  const clock = new ManualClock();
  let testApp: TestApp;
  let admin: SignedIn;
  let verify: jest.SpiedFunction<PasswordHasher['verify']>;
  let hash: jest.SpiedFunction<PasswordHasher['hash']>;
  const PASSWORD = 'correct-horse-battery';
  const REFUSED = {
    message: expect.stringContaining('Sign-in failed'),
    code: 'invalid_credentials',
  };

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY_HOPS: '1' }, { clock });
    admin = await signIn(testApp, DEMO_EMAILS.admin);
    const hasher = testApp.app.get(PasswordHasher);
    verify = jest.spyOn(hasher, 'verify');
    hash = jest.spyOn(hasher, 'hash');
  });
  afterAll(() => testApp.close());

  async function createUser(email: string, role = 'staff'): Promise<string> {
    const res = await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({ email, name: `User ${email}`, role, password: PASSWORD });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  }

  const attempt = (email: string, password: string, from: string, extra: object = {}) =>
    testApp
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', from)
      .send({ email, password, ...extra });

  /** The status, the body, and how many argon2 verifications and hashes one attempt made. */
  async function measured(email: string, password: string, from: string, extra: object = {}) {
    verify.mockClear();
    hash.mockClear();
    const res = await attempt(email, password, from, extra);
    return {
      status: res.status,
      body: res.body,
      verifies: verify.mock.calls.length,
      hashes: hash.mock.calls.length,
    };
  }

  it('unknown, wrong password, deactivated, slowed-down and locked-out: one verify each, one answer', async () => {
    // Warm up: the dummy hash for unknown emails is made once per process.
    await attempt('warm-up@example.com', 'whatever-it-is', '192.0.2.1');

    const activeEmail = 'active@example.com';
    await createUser(activeEmail);
    const deactivatedId = await createUser('gone@example.com');
    await admin.agent
      .post(`/api/users/${deactivatedId}/deactivate`)
      .set(admin.csrf)
      .send()
      .expect(200);

    // Source 198.51.100.8 fails ten times on the active account, waiting out each slow-down,
    // so it is locked out; then 198.51.100.7 fails three times, so it is slowed down.
    for (let i = 0; i < 10; i++) {
      if (i >= 3) clock.advance(1000 * 2 ** (i - 3));
      await attempt(activeEmail, `wrong-${i}`, '198.51.100.8');
    }
    for (let i = 0; i < 3; i++) await attempt(activeEmail, `wrong-${i}`, '198.51.100.7');

    const paths = {
      unknown: await measured('nobody@example.com', PASSWORD, '203.0.113.1'),
      wrongPassword: await measured(activeEmail, 'not-the-password', '203.0.113.2'),
      deactivatedWrongPassword: await measured(
        'gone@example.com',
        'not-the-password',
        '203.0.113.3',
      ),
      deactivatedRightPassword: await measured('gone@example.com', PASSWORD, '203.0.113.4'),
      slowedDownRightPassword: await measured(activeEmail, PASSWORD, '198.51.100.7'),
      lockedOutRightPassword: await measured(activeEmail, PASSWORD, '198.51.100.8'),
      lockedOutWrongPassword: await measured(activeEmail, 'not-the-password', '198.51.100.8'),
    };
    for (const [path, outcome] of Object.entries(paths)) {
      expect({ path, ...outcome }).toEqual({
        path,
        status: 401,
        body: REFUSED,
        verifies: 1,
        hashes: 0,
      });
    }
    // One answer, word for word.
    const bodies = new Set(Object.values(paths).map((outcome) => JSON.stringify(outcome.body)));
    expect(bodies.size).toBe(1);
  });

  it('the second-factor paths make the same single verify', async () => {
    const email = 'two-factor@example.com';
    await createUser(email, 'manager');
    const user = await signIn(testApp, email, PASSWORD);
    const { secret } = (await user.agent.post('/api/auth/mfa/setup').set(user.csrf).send())
      .body as {
      secret: string;
    };
    const { TOTP, Secret } = await import('otpauth');
    const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
      timestamp: clock.nowMs(),
    });
    await user.agent.post('/api/auth/mfa/enable').set(user.csrf).send({ code }).expect(200);

    const noCode = await measured(email, PASSWORD, '203.0.113.10');
    expect(noCode).toMatchObject({ status: 401, verifies: 1, hashes: 0 });
    expect(noCode.body.code).toBe('mfa_required');
    const wrongCode = await measured(email, PASSWORD, '203.0.113.11', { otp: '000000' });
    expect(wrongCode).toMatchObject({ status: 401, verifies: 1, hashes: 0 });
    expect(wrongCode.body.code).toBe('mfa_required');
    // A wrong password with a code is refused like any wrong password: the code is not looked at.
    const wrongPassword = await measured(email, 'not-the-password', '203.0.113.12', { otp: code });
    expect(wrongPassword).toEqual({ status: 401, body: REFUSED, verifies: 1, hashes: 0 });
  });
});
