import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256')
    .update(typeof value === 'string' ? Buffer.from(value, 'utf8') : value)
    .digest('hex');
}

export function hmacSha256Hex(key: Buffer, value: Buffer): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

/** A URL-safe random token with 256 bits of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Compares two strings in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** What a derived key is for; each purpose gets its own key, so one use cannot forge another. */
export type KeyPurpose = 'secret-box' | 'audit-chain' | 'audit-checkpoint';

/**
 * The id of a configured secret: the first 8 hex digits of a SHA-256 over a labelled form of
 * it. Stored beside what the key made (sealed secrets, audit entries, checkpoints), so that the
 * right key is picked to read or verify it; it reveals nothing usable about the key.
 */
export function keyIdOf(secret: string): string {
  return sha256Hex(`privacy-desk:key-id:${secret}`).slice(0, 8);
}

export interface RingKey {
  id: string;
  secret: string;
}

/**
 * `SECRET_KEY` (the current key: everything new is made with it) and `SECRET_KEY_PREVIOUS`
 * (older keys, still accepted to read and verify what they made). Keys are used only through
 * HKDF-SHA-256 with a purpose label.
 */
export class KeyRing {
  readonly current: RingKey;
  private readonly byId = new Map<string, RingKey>();
  private readonly derived = new Map<string, Buffer>();

  constructor(current: string, previous: readonly string[] = []) {
    this.current = { id: keyIdOf(current), secret: current };
    for (const secret of [current, ...previous]) {
      const key = { id: keyIdOf(secret), secret };
      if (!this.byId.has(key.id)) this.byId.set(key.id, key);
    }
  }

  static fromEnv(env: { SECRET_KEY: string; SECRET_KEY_PREVIOUS?: readonly string[] }): KeyRing {
    return new KeyRing(env.SECRET_KEY, env.SECRET_KEY_PREVIOUS ?? []);
  }

  get keys(): RingKey[] {
    return [...this.byId.values()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The 32-byte key for one purpose, derived from the ring key `id`; undefined if unknown. */
  derive(id: string, purpose: KeyPurpose): Buffer | undefined {
    const key = this.byId.get(id);
    if (!key) return undefined;
    const cacheKey = `${id}:${purpose}`;
    let derived = this.derived.get(cacheKey);
    if (!derived) {
      derived = Buffer.from(
        hkdfSync(
          'sha256',
          Buffer.from(key.secret, 'utf8'),
          Buffer.from('privacy-desk', 'utf8'),
          Buffer.from(`privacy-desk:${purpose}`, 'utf8'),
          32,
        ),
      );
      this.derived.set(cacheKey, derived);
    }
    return derived;
  }
}

/** The key of the first format (`v1.…`), which carried no key id. */
function legacyBoxKey(secret: string): Buffer {
  return createHash('sha256').update(`privacy-desk:secret-box:${secret}`).digest();
}

/**
 * AES-256-GCM under the key ring. Output is `v2.<key id>.iv.tag.data`; opening picks the key
 * by its id. Values of the first format (`v1.iv.tag.data`, before key ids) are still opened,
 * with whichever ring key authenticates them.
 */
export class SecretBox {
  readonly ring: KeyRing;

  constructor(secret: string | KeyRing, previous: readonly string[] = []) {
    this.ring = typeof secret === 'string' ? new KeyRing(secret, previous) : secret;
  }

  seal(plaintext: string): string {
    const { id } = this.ring.current;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.ring.derive(id, 'secret-box')!, iv);
    cipher.setAAD(Buffer.from(`v2.${id}`, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v2', id, ...[iv, cipher.getAuthTag(), data].map((p) => p.toString('base64url'))].join(
      '.',
    );
  }

  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, id, iv, tag, data] = parts as [string, string, string, string, string];
      const key = this.ring.derive(id, 'secret-box');
      if (!key) {
        throw new Error(
          `This value was sealed with key ${id}, which is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS`,
        );
      }
      return decrypt(key, iv, tag, data, Buffer.from(`v2.${id}`, 'utf8'));
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, iv, tag, data] = parts as [string, string, string, string];
      for (const { secret } of this.ring.keys) {
        try {
          return decrypt(legacyBoxKey(secret), iv, tag, data);
        } catch {
          // not this key; try the next one
        }
      }
      throw new Error(
        'This value was sealed with a key that is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS',
      );
    }
    throw new Error('Unrecognised sealed value');
  }

  /** True when `sealed` was not made with the current key in the current format. */
  needsReseal(sealed: string): boolean {
    return !sealed.startsWith(`v2.${this.ring.current.id}.`);
  }
}

function decrypt(key: Buffer, iv: string, tag: string, data: string, aad?: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
