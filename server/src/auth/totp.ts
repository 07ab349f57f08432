import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, accountLabel: string): TOTP {
  return new TOTP({
    issuer: 'Privacy Desk',
    label: accountLabel,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/**
 * Checks a code within one period of clock drift. Returns the time step it belongs to, or
 * null. A step at or before `lastStep` is refused, so a code works once. `now` comes from the
 * injected Clock (milliseconds), never from the wall clock here.
 */
export function acceptTotp(
  secretBase32: string,
  code: string,
  lastStep: number | null,
  now: number,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, 'check').validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
