import { randomUUID } from 'node:crypto';
import { CSRF_HEADER } from '@privacy-desk/shared';
import { Secret, TOTP } from 'otpauth';
import request from 'supertest';
import { SecretReencryptionService } from '../../src/auth/secret-reencryption.service.js';
import { cliActor } from '../../src/auth/actor.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { KeyRing, SecretBox } from '../../src/common/crypto/secrets.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { MailRepository } from '../../src/mail/mail.repository.js';
import { VERIFICATION_LINK_MASK } from '../../src/mail/mail.service.js';
import { UserRepository } from '../../src/users/user.repository.js';
import { DEMO_EMAILS, DEMO_PASSWORD } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';
import { attacker, createTestDatabase, KEY_A, KEY_B, openDesk } from './audit-desk.js';
import type { Desk } from './audit-desk.js';

const ID_A = new KeyRing(KEY_A).current.id;
const ID_B = new KeyRing(KEY_B).current.id;

/**
 * Rotating SECRET_KEY: TOTP secrets stay readable through SECRET_KEY_PREVIOUS and after
 * `secrets:reencrypt`; audit entries made with each key keep verifying while the ring holds it.
 */
describe('the secret key ring', () => {
  // Codes come from this clock, which the desk also runs on.
  const clock = new ManualClock();
  let db: TestDatabase;
  let desk: Desk | undefined;

  const totpCode = (secret: string, offsetSteps = 0) =>
    new TOTP({
      secret: Secret.fromBase32(secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    }).generate({ timestamp: clock.nowMs() + offsetSteps * 30_000 });

  async function open(env: Record<string, string>): Promise<Desk> {
    await desk?.close();
    desk = await openDesk(
      db,
      { SEED_DEMO_DATA: 'true', SEED_DEMO_REQUESTS: 'false', ...env },
      clock,
    );
    return desk;
  }

  async function login(email: string, otp?: string) {
    const agent = request.agent(desk!.app.getHttpServer());
    const res = await agent
      .post('/api/auth/login')
      .send({ email, password: DEMO_PASSWORD, ...(otp ? { otp } : {}) });
    return { res, agent, csrf: { [CSRF_HEADER]: res.body.csrfToken as string } };
  }

  async function sealed(email: string) {
    const raw = await attacker(db);
    try {
      const [row] = await raw.rows(
        'SELECT mfa_secret, mfa_pending_secret FROM users WHERE email = ?',
        [email],
      );
      return row as { mfa_secret: string | null; mfa_pending_secret: string | null };
    } finally {
      await raw.close();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await desk?.close();
    await db.drop();
  });

  it('keeps TOTP secrets readable after rotation and after re-encryption, and old audit entries verifiable', async () => {
    // Under key A: the manager turns two-factor sign-in on; staff only starts enrolment.
    await open({ SECRET_KEY: KEY_A });
    const manager = await login(DEMO_EMAILS.manager);
    const setup = await manager.agent.post('/api/auth/mfa/setup').set(manager.csrf).send();
    const managerSecret: string = setup.body.secret;
    const enable = await manager.agent
      .post('/api/auth/mfa/enable')
      .set(manager.csrf)
      .send({ code: totpCode(managerSecret) });
    expect(enable.status).toBe(200);
    const staff = await login(DEMO_EMAILS.staff);
    const staffSetup = await staff.agent.post('/api/auth/mfa/setup').set(staff.csrf).send();
    expect(staffSetup.status).toBe(200);
    const staffSecret: string = staffSetup.body.secret;
    expect((await sealed(DEMO_EMAILS.manager)).mfa_secret).toMatch(new RegExp(`^v2\\.${ID_A}\\.`));
    expect((await sealed(DEMO_EMAILS.staff)).mfa_pending_secret).toMatch(
      new RegExp(`^v2\\.${ID_A}\\.`),
    );

    // Rotated: B is current, A is still accepted for reading.
    await open({ SECRET_KEY: KEY_B, SECRET_KEY_PREVIOUS: KEY_A });
    const rotated = await login(DEMO_EMAILS.manager, totpCode(managerSecret, 1));
    expect(rotated.res.status).toBe(200);
    const verdict = await desk!.audit.verify();
    expect(verdict).toMatchObject({ ok: true, breaks: [] });
    const raw = await attacker(db);
    const keyIds = (await raw.rows('SELECT DISTINCT key_id FROM audit_entries')).map(
      (r) => r.key_id,
    );
    await raw.close();
    expect(keyIds.sort()).toEqual([ID_A, ID_B].sort());

    // Without A in the ring, the entries A made cannot be verified: old keys stay needed.
    await open({ SECRET_KEY: KEY_B });
    const withoutA = await desk!.audit.verify();
    expect(withoutA.ok).toBe(false);
    expect(withoutA.breaks[0]!.reason).toContain(
      `was made with key ${ID_A}, which is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS`,
    );

    // Re-encryption (what `npm run secrets:reencrypt` runs) under B, with A still in the ring.
    await open({ SECRET_KEY: KEY_B, SECRET_KEY_PREVIOUS: KEY_A });
    // An unsent confirmation mail whose link was sealed under A.
    const link = 'http://localhost:3000/privacy/verify?token=sealed-under-a';
    const mailId = randomUUID();
    await desk!.app.get(TransactionService).run(() =>
      desk!.app
        .get(TransactionService)
        .manager.getRepository(MailMessage)
        .insert(
          Object.assign(new MailMessage(), {
            id: mailId,
            to: 'someone@example.com',
            subject: 'Confirm your request',
            body: VERIFICATION_LINK_MASK,
            sealedLink: new SecretBox(KEY_A).seal(link),
            template: 'verification',
            status: 'held',
            requestId: null,
            createdAt: clock.now(),
            sentAt: null,
            attempts: 0,
            lastError: null,
            messageId: null,
          }),
        ),
    );
    const service = new SecretReencryptionService(
      desk!.app.get(UserRepository, { strict: false }),
      desk!.audit,
      desk!.app.get(TransactionService),
      desk!.app.get(KeyRing),
      desk!.app.get(MailRepository, { strict: false }),
    );
    expect(await service.reencryptTotpSecrets(cliActor())).toEqual({
      resealed: 2,
      resealedLinks: 1,
      unchanged: 0,
      keyId: ID_B,
    });
    const resealedMail = await desk!.app
      .get(TransactionService)
      .manager.getRepository(MailMessage)
      .findOneByOrFail({ id: mailId });
    expect(resealedMail.sealedLink).toMatch(new RegExp(`^v2\\.${ID_B}\\.`));
    expect(new SecretBox(KEY_B).open(resealedMail.sealedLink!)).toBe(link);
    expect(await service.reencryptTotpSecrets(cliActor())).toMatchObject({
      resealed: 0,
      unchanged: 2,
    });
    const manager2 = await sealed(DEMO_EMAILS.manager);
    const staff2 = await sealed(DEMO_EMAILS.staff);
    expect(manager2.mfa_secret).toMatch(new RegExp(`^v2\\.${ID_B}\\.`));
    expect(staff2.mfa_pending_secret).toMatch(new RegExp(`^v2\\.${ID_B}\\.`));
    expect(new SecretBox(KEY_B).open(manager2.mfa_secret!)).toBe(managerSecret);

    // B alone now reads every TOTP secret, through the real sign-in and enrolment paths.
    await open({ SECRET_KEY: KEY_B });
    const reset = await attacker(db);
    // Replay protection is tested elsewhere; a fresh code of this step must be accepted here.
    await reset.exec('UPDATE users SET mfa_last_step = NULL WHERE email = ?', [
      DEMO_EMAILS.manager,
    ]);
    await reset.close();
    expect((await login(DEMO_EMAILS.manager, totpCode(managerSecret))).res.status).toBe(200);
    const staffAgain = await login(DEMO_EMAILS.staff);
    const staffEnable = await staffAgain.agent
      .post('/api/auth/mfa/enable')
      .set(staffAgain.csrf)
      .send({ code: totpCode(staffSecret) });
    expect(staffEnable.status).toBe(200);
  });
});
