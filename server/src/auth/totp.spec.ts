import { Secret, TOTP } from 'otpauth';
import { acceptTotp, newTotpSecret } from './totp.js';

const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp });

describe('acceptTotp', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 29, 12, 0, 15);

  it('accepts the current code and one period of drift, and returns its step', () => {
    const step = Math.floor(now / 30_000);
    expect(acceptTotp(secret, codeAt(secret, now), null, now)).toBe(step);
    expect(acceptTotp(secret, codeAt(secret, now - 30_000), null, now)).toBe(step - 1);
    expect(acceptTotp(secret, codeAt(secret, now + 30_000), null, now)).toBe(step + 1);
  });

  it('refuses codes further off, malformed codes, and replays', () => {
    expect(acceptTotp(secret, codeAt(secret, now - 120_000), null, now)).toBeNull();
    expect(acceptTotp(secret, '12345', null, now)).toBeNull();
    expect(acceptTotp(secret, 'abcdef', null, now)).toBeNull();
    const step = acceptTotp(secret, codeAt(secret, now), null, now)!;
    expect(acceptTotp(secret, codeAt(secret, now), step, now)).toBeNull();
  });
});
