import { randomBytes, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ERROR_CODES, permissionsOf, roleRequiresMfa } from '@privacy-desk/shared';
import type { SessionInfo } from '@privacy-desk/shared';
import QRCode from 'qrcode';
import { AuditService } from '../audit/audit.service.js';
import { constantTimeEqual, randomToken, SecretBox, sha256Hex } from '../common/crypto/secrets.js';
import {
  ApiError,
  conflict,
  unauthenticated,
  validationError,
} from '../common/errors/domain-errors.js';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import type { User } from '../users/user.entity.js';
import { UserRepository } from '../users/user.repository.js';
import { normaliseEmail } from '../users/users.service.js';
import type { Actor } from './actor.js';
import type { SessionContext } from './authenticated-request.js';
import type { LoginThrottle } from './login-throttle.entity.js';
import { loginAccountKey, LoginThrottleRepository } from './login-throttle.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { RecoveryCodeRepository } from './recovery-code.repository.js';
import { Session } from './session.entity.js';
import { SessionRepository } from './session.repository.js';
import { acceptTotp, newTotpSecret, totpFor } from './totp.js';

export interface LoginInput {
  email: string;
  password: string;
  otp?: string;
  recoveryCode?: string;
}

const SIGN_IN_FAILED =
  'Sign-in failed. Check your email and password. After repeated failures an account is locked for a while.';
const RECOVERY_CODE_COUNT = 10;
/** Failures in a row from one source before each further attempt must wait (1 s, 2 s, 4 s …). */
export const LOGIN_SLOWDOWN_AFTER = 3;
const TOUCH_AFTER_MS = 60_000;

const userActor = (user: User): Actor => ({
  type: 'user',
  id: user.id,
  label: user.name,
  role: user.role,
});

function csrfTokenFor(sessionToken: string): string {
  return sha256Hex(`privacy-desk-csrf:${sessionToken}`);
}

/** Why a source may not try this account yet, or null when it may. */
function throttleHold(throttle: LoginThrottle | null, now: Date): string | null {
  if (!throttle) return null;
  if (throttle.lockedUntil && throttle.lockedUntil > now) return 'locked out of this account';
  if (throttle.failures >= LOGIN_SLOWDOWN_AFTER) {
    const waitMs = 1000 * 2 ** (throttle.failures - LOGIN_SLOWDOWN_AFTER);
    if (now.getTime() < throttle.lastFailureAt.getTime() + waitMs) return 'slowed down';
  }
  return null;
}

function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/\s+/g, '');
}

@Injectable()
export class AuthService {
  private readonly secretBox: SecretBox;

  constructor(
    private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly recoveryCodes: RecoveryCodeRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly throttles: LoginThrottleRepository,
    private readonly clock: Clock,
  ) {
    this.secretBox = new SecretBox(config.env.SECRET_KEY, config.env.SECRET_KEY_PREVIOUS);
  }

  // ---- Sign-in -------------------------------------------------------------------------------

  /**
   * Signs in. Every refusal (unknown email, wrong password, deactivated account, a source that
   * is slowed down or locked out) does exactly one password-hash check and gives the same
   * answer, so neither the answer nor its timing tells whether the email has an account.
   * `source` is the client IP address: failures are counted per account and source.
   */
  async login(input: LoginInput, source: string): Promise<{ token: string; info: SessionInfo }> {
    const email = normaliseEmail(input.email);
    const accountKey = loginAccountKey(email);
    const now = this.clock.now();
    const user = await this.users.findByEmail(email);
    const throttle = await this.throttles.find(accountKey, source);
    const held = throttleHold(throttle, now);
    const passwordOk = await this.hasher.verifyOrDummy(user?.passwordHash ?? null, input.password);

    if (held || !user || !user.active || !passwordOk) {
      const why = held
        ? `this source is ${held}; not checked or counted`
        : !user
          ? 'unknown account'
          : !user.active
            ? 'account is deactivated'
            : 'wrong password';
      await this.recordFailure(accountKey, source, user, why, !held);
      throw unauthenticated(SIGN_IN_FAILED, ERROR_CODES.invalidCredentials);
    }

    let secondFactor = '';
    if (user.mfaEnabled) {
      secondFactor = await this.checkSecondFactor(user, input, accountKey, source);
    }

    const token = randomToken();
    const session = await this.tx.run(async () => {
      await this.users.recordSuccessfulLogin(user.id, now);
      await this.throttles.clear(accountKey, source);
      const created = Object.assign(new Session(), {
        id: randomUUID(),
        tokenHash: sha256Hex(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.env.SESSION_ABSOLUTE_HOURS * 3_600_000),
      });
      await this.sessions.insert(created);
      await this.audit.record(userActor(user), {
        action: 'auth.login_succeeded',
        entityType: 'user',
        entityId: user.id,
        summary: `Signed in${secondFactor}`,
      });
      return created;
    });
    return { token, info: this.sessionInfo({ session, user, token }) };
  }

  /** Returns a note for the audit summary, or throws (and counts a failure) when it does not hold. */
  private async checkSecondFactor(
    user: User,
    input: LoginInput,
    accountKey: string,
    source: string,
  ): Promise<string> {
    if (!input.otp && !input.recoveryCode) {
      throw unauthenticated(
        'Enter the 6-digit code from your authenticator app, or a recovery code.',
        ERROR_CODES.mfaRequired,
      );
    }
    const invalid = async () => {
      await this.recordFailure(accountKey, source, user, 'wrong second-factor code');
      return unauthenticated('That code is not valid. Try again.', ERROR_CODES.mfaRequired);
    };
    if (input.otp) {
      const step = user.mfaSecret
        ? acceptTotp(
            this.secretBox.open(user.mfaSecret),
            input.otp.trim(),
            user.mfaLastStep,
            this.clock.nowMs(),
          )
        : null;
      if (step === null) throw await invalid();
      await this.users.updateSecurity(user.id, { mfaLastStep: step });
      return ' with an authenticator code';
    }
    const hash = sha256Hex(normaliseRecoveryCode(input.recoveryCode!));
    const match = (await this.recoveryCodes.findUnused(user.id)).find((code) =>
      constantTimeEqual(code.codeHash, hash),
    );
    if (!match || !(await this.recoveryCodes.markUsed(match.id, this.clock.now()))) {
      throw await invalid();
    }
    return ' with a one-time recovery code';
  }

  /**
   * Counts a failure against this account from this source. Past LOGIN_MAX_FAILURES in a row
   * the source is locked out of the account for LOGIN_LOCK_MINUTES; other sources are not.
   * Unknown emails are counted the same way, so the answers cannot tell them apart. An attempt
   * from a slowed-down or locked-out source is not counted, but runs the same statements.
   */
  private async recordFailure(
    accountKey: string,
    source: string,
    user: User | null,
    why: string,
    counted = true,
  ): Promise<void> {
    const { LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES } = this.config.env;
    const now = this.clock.now();
    const lockMs = LOGIN_LOCK_MINUTES * 60_000;
    await this.tx.run(async () => {
      const throttle = await this.throttles.recordFailure(
        accountKey,
        source,
        now,
        new Date(now.getTime() - lockMs),
        counted,
      );
      if (user) await this.users.incrementFailedLogins(user.id);
      await this.audit.record(SYSTEM_LOGIN_ACTOR, {
        action: 'auth.login_failed',
        entityType: user ? 'user' : 'auth',
        entityId: user?.id ?? null,
        summary: `Sign-in failed: ${why} (${throttle.failures} in a row from this source)`,
      });
      if (counted && throttle.failures >= LOGIN_MAX_FAILURES) {
        const until = new Date(now.getTime() + lockMs);
        await this.throttles.lock(accountKey, source, until);
        if (user) {
          await this.users.setLockedUntil(user.id, until);
          await this.audit.record(SYSTEM_LOGIN_ACTOR, {
            action: 'auth.account_locked',
            entityType: 'user',
            entityId: user.id,
            summary: `Locked one source out of this account for ${LOGIN_LOCK_MINUTES} minutes after ${throttle.failures} failed sign-ins; other sources can still sign in`,
          });
        }
      }
    });
  }

  // ---- Sessions ------------------------------------------------------------------------------

  /** The live session for a cookie token, or null when it is unknown, idle, expired or its user is inactive. */
  async resolveSession(token: string): Promise<SessionContext | null> {
    const session = await this.sessions.findWithUserByTokenHash(sha256Hex(token));
    if (!session) return null;
    const now = this.clock.nowMs();
    const idleLimit = this.config.env.SESSION_IDLE_MINUTES * 60_000;
    const user = session.user;
    // The context carries the user once, as before (the session row alone, without the join).
    delete session.user;
    if (
      !user ||
      !user.active ||
      session.expiresAt.getTime() <= now ||
      now - session.lastSeenAt.getTime() > idleLimit
    ) {
      await this.tx.run(() => this.sessions.delete(session.id));
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
      session.lastSeenAt = new Date(now);
      await this.tx.run(() => this.sessions.touch(session.id, session.lastSeenAt));
    }
    return { session, user, token };
  }

  isCsrfTokenValid(context: SessionContext, header: string | undefined): boolean {
    return typeof header === 'string' && constantTimeEqual(header, csrfTokenFor(context.token));
  }

  mfaEnrolmentRequired(user: User): boolean {
    const demoExempt = user.isDemo && !this.config.isProduction;
    return roleRequiresMfa(user.role) && !user.mfaEnabled && !demoExempt;
  }

  sessionInfo({ session, user, token }: SessionContext): SessionInfo {
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        mfaEnabled: user.mfaEnabled,
      },
      csrfToken: csrfTokenFor(token),
      permissions: permissionsOf(user.role),
      mfaEnrolmentRequired: this.mfaEnrolmentRequired(user),
      passwordChangeRequired: user.mustChangePassword,
      expiresAt: session.expiresAt.toISOString(),
      deskTimeZone: this.config.env.BUSINESS_TIME_ZONE,
    };
  }

  async logout(context: SessionContext): Promise<void> {
    await this.tx.run(async () => {
      await this.sessions.delete(context.session.id);
      await this.audit.record(userActor(context.user), {
        action: 'auth.logout',
        entityType: 'user',
        entityId: context.user.id,
        summary: 'Signed out',
      });
    });
  }

  // ---- Own password --------------------------------------------------------------------------

  async changePassword(
    context: SessionContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const { user } = context;
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw validationError({ currentPassword: 'That is not your current password' });
    }
    if (currentPassword === newPassword) {
      throw validationError({ newPassword: 'must differ from your current password' });
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.tx.run(async () => {
      await this.users.updateSecurity(user.id, {
        passwordHash,
        mustChangePassword: false,
        updatedAt: this.clock.now(),
      });
      await this.sessions.deleteAllForUserExcept(user.id, context.session.id);
      await this.audit.record(userActor(user), {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: user.id,
        summary: 'Changed own password and ended other sessions',
      });
    });
  }

  // ---- Second factor -------------------------------------------------------------------------

  async startMfaEnrolment(context: SessionContext) {
    const { user } = context;
    if (user.mfaEnabled) throw conflict('Two-factor sign-in is already on for this account');
    const secret = newTotpSecret();
    await this.tx.run(async () => {
      await this.users.updateSecurity(user.id, { mfaPendingSecret: this.secretBox.seal(secret) });
      await this.audit.record(userActor(user), {
        action: 'auth.mfa_enrolment_started',
        entityType: 'user',
        entityId: user.id,
        summary: 'Started two-factor enrolment',
      });
    });
    const otpauthUrl = totpFor(secret, user.email).toString();
    return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl) };
  }

  async enableMfa(context: SessionContext, code: string): Promise<{ recoveryCodes: string[] }> {
    const user = (await this.users.findById(context.user.id))!;
    if (user.mfaEnabled) throw conflict('Two-factor sign-in is already on for this account');
    if (!user.mfaPendingSecret) throw conflict('Start enrolment first: no secret has been issued');
    const secret = this.secretBox.open(user.mfaPendingSecret);
    const step = acceptTotp(secret, code.trim(), null, this.clock.nowMs());
    if (step === null)
      throw validationError({ code: 'is not valid; check your app and the device clock' });
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const now = this.clock.now();
    await this.tx.run(async () => {
      await this.users.updateSecurity(user.id, {
        mfaEnabled: true,
        mfaSecret: user.mfaPendingSecret,
        mfaPendingSecret: null,
        mfaLastStep: step,
        updatedAt: now,
      });
      await this.recoveryCodes.replaceAll(
        user.id,
        recoveryCodes.map((plain) =>
          Object.assign(new RecoveryCode(), {
            id: randomUUID(),
            userId: user.id,
            codeHash: sha256Hex(plain.replace(/\s+/g, '')),
            usedAt: null,
            createdAt: now,
          }),
        ),
      );
      await this.audit.record(userActor(user), {
        action: 'auth.mfa_enabled',
        entityType: 'user',
        entityId: user.id,
        summary: `Turned on two-factor sign-in with ${RECOVERY_CODE_COUNT} recovery codes`,
      });
    });
    return { recoveryCodes };
  }

  async disableMfa(context: SessionContext, password: string): Promise<void> {
    const { user } = context;
    if (roleRequiresMfa(user.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        ERROR_CODES.forbidden,
        'Your role requires two-factor sign-in',
      );
    }
    if (!user.mfaEnabled) return;
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      throw validationError({ password: 'That is not your current password' });
    }
    await this.tx.run(async () => {
      await this.users.updateSecurity(user.id, {
        mfaEnabled: false,
        mfaSecret: null,
        mfaPendingSecret: null,
        mfaLastStep: null,
        updatedAt: this.clock.now(),
      });
      await this.recoveryCodes.replaceAll(user.id, []);
      await this.audit.record(userActor(user), {
        action: 'auth.mfa_disabled',
        entityType: 'user',
        entityId: user.id,
        summary: 'Turned off two-factor sign-in',
      });
    });
  }
}

/** Failed sign-ins are not attributed to the account they name: the caller is not yet known. */
const SYSTEM_LOGIN_ACTOR: Actor = { type: 'system', id: null, label: 'sign-in' };
