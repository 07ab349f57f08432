import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { KeyRing, keyIdOf, SecretBox } from './secrets.js';

const A = 'key-A-0123456789abcdef0123456789abcdef';
const B = 'key-B-0123456789abcdef0123456789abcdef';

/** A value sealed the way the first version did (`v1.iv.tag.data`, no key id). */
function sealV1(secret: string, plaintext: string): string {
  const key = createHash('sha256').update(`privacy-desk:secret-box:${secret}`).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

describe('key ring and secret box', () => {
  it('gives each key a stable 8-hex id and derives a different key per purpose', () => {
    expect(keyIdOf(A)).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdOf(A)).toBe(new KeyRing(A).current.id);
    expect(keyIdOf(A)).not.toBe(keyIdOf(B));
    const ring = new KeyRing(A);
    expect(ring.derive(ring.current.id, 'audit-chain')).not.toEqual(
      ring.derive(ring.current.id, 'audit-checkpoint'),
    );
    expect(ring.derive('00000000', 'audit-chain')).toBeUndefined();
  });

  it('seals under the current key with its id, and opens by id after rotation', () => {
    const sealed = new SecretBox(A).seal('JBSWY3DPEHPK3PXP');
    expect(sealed.startsWith(`v2.${keyIdOf(A)}.`)).toBe(true);
    const rotated = new SecretBox(B, [A]);
    expect(rotated.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(rotated.needsReseal(sealed)).toBe(true);
    expect(rotated.needsReseal(rotated.seal('x'))).toBe(false);
    expect(() => new SecretBox(B).open(sealed)).toThrow(
      `This value was sealed with key ${keyIdOf(A)}, which is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS`,
    );
  });

  it('opens values of the first format with whichever ring key made them', () => {
    const old = sealV1(A, 'JBSWY3DPEHPK3PXP');
    expect(new SecretBox(A).open(old)).toBe('JBSWY3DPEHPK3PXP');
    expect(new SecretBox(B, [A]).open(old)).toBe('JBSWY3DPEHPK3PXP');
    expect(new SecretBox(B, [A]).needsReseal(old)).toBe(true);
    expect(() => new SecretBox(B).open(old)).toThrow(
      /neither SECRET_KEY nor in SECRET_KEY_PREVIOUS/,
    );
  });

  it('refuses a value whose key id was swapped or whose data was changed', () => {
    const box = new SecretBox(B, [A]);
    const sealedByA = new SecretBox(A).seal('secret');
    const relabelled = sealedByA.replace(keyIdOf(A), keyIdOf(B));
    expect(() => box.open(relabelled)).toThrow();
    const parts = sealedByA.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });
});
