import { KeyRing } from '../common/crypto/secrets.js';
import {
  canonicalBytes,
  GENESIS_HASH,
  legacyHash,
  macEntry,
  MAX_LISTED_BREAKS,
  storableText,
  verifyChain,
} from './audit-chain.js';
import type { ChainEntry, ChainedFields } from './audit-chain.js';

const KEY = 'a-test-key-of-at-least-thirty-two-characters';
const ring = new KeyRing(KEY);

function entryAt(
  seq: number,
  prevHash: string,
  keyed: boolean,
  summary = `did thing ${seq}`,
): ChainEntry {
  const fields: ChainedFields = {
    seq,
    at: new Date(Date.UTC(2026, 10, 29, 12, 0, seq)),
    actorType: 'user',
    actorId: 'u1',
    actorLabel: 'Sam',
    action: 'thing.done',
    entityType: 'thing',
    entityId: String(seq),
    summary,
    prevHash,
    keyId: keyed ? ring.current.id : null,
  };
  return { ...fields, hash: keyed ? macEntry(fields, ring) : legacyHash(fields) };
}

/** `legacy` plain-SHA-256 entries, then keyed ones, up to `length`. */
function chain(length: number, legacy = 0): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const entry = entryAt(seq, prevHash, seq > legacy);
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

describe('audit chain', () => {
  it('accepts an intact chain, an empty one, and a legacy prefix before keyed entries', () => {
    expect(verifyChain(chain(5), ring)).toMatchObject({ checked: 5, breaks: [] });
    expect(verifyChain([], ring)).toMatchObject({ checked: 0, breaks: [] });
    expect(verifyChain(chain(6, 3), ring)).toMatchObject({ checked: 6, breaks: [] });
  });

  it('MACs every field, the time and the key id included', () => {
    const [entry] = chain(1);
    for (const change of [
      { summary: 'x' },
      { actorId: 'u2' },
      { at: new Date(0) },
      { entityId: null },
      { prevHash: '1'.repeat(64) },
    ]) {
      expect(macEntry({ ...entry!, ...change }, ring)).not.toBe(entry!.hash);
    }
    const other = new KeyRing('another-key-of-at-least-thirty-two-chars', [KEY]);
    expect(macEntry(entry!, other)).toBe(entry!.hash);
    expect(macEntry({ ...entry!, keyId: other.current.id }, other)).not.toBe(entry!.hash);
  });

  it('reports every break, not only the first', () => {
    const entries = chain(8);
    entries[2] = { ...entries[2]!, summary: 'edited' };
    entries.splice(5, 1);
    const state = verifyChain(entries, ring);
    expect(state.breaks).toEqual([
      { seq: 3, reason: 'entry #3 was altered after it was written (its MAC does not match)' },
      { seq: 6, reason: 'entry #6 is missing' },
    ]);
  });

  it('names an entry re-hashed with plain SHA-256, or with a key outside the ring', () => {
    const entries = chain(5);
    const plain = { ...entries[1]!, summary: 'edited', keyId: null };
    plain.hash = legacyHash(plain);
    entries[1] = plain;
    const wrong = new KeyRing('the-attackers-own-key-of-32-characters-or-more');
    const forged = { ...entries[3]!, summary: 'edited', keyId: wrong.current.id };
    forged.hash = macEntry(forged, wrong);
    entries[3] = forged;
    const forgedSameId = { ...entries[4]!, summary: 'edited' };
    forgedSameId.hash = macEntry({ ...forgedSameId, keyId: wrong.current.id }, wrong);
    entries[4] = forgedSameId;
    const reasons = verifyChain(entries, ring).breaks.map((b) => `${b.seq}: ${b.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^2: .*plain SHA-256 after keyed entries/),
      expect.stringMatching(/^3: .*does not link/),
      expect.stringMatching(/^4: .*key [0-9a-f]{8}, which is neither SECRET_KEY/),
      expect.stringMatching(/^5: .*does not link.*MAC does not match/),
    ]);
  });

  it('a legacy prefix edited and re-hashed breaks at the first keyed entry, whose MAC covers the legacy head', () => {
    const entries = chain(6, 3);
    let prevHash = GENESIS_HASH;
    for (let i = 0; i < 3; i++) {
      const rewritten = entryAt(i + 1, prevHash, false, i === 1 ? 'edited' : entries[i]!.summary);
      entries[i] = rewritten;
      prevHash = rewritten.hash;
    }
    expect(verifyChain(entries, ring).breaks).toEqual([
      { seq: 4, reason: 'entry #4 does not link to the entry before it' },
    ]);
  });

  it('caps the list and counts the rest', () => {
    const entries = chain(MAX_LISTED_BREAKS + 30).map((e) => ({ ...e, summary: 'edited' }));
    const state = verifyChain(entries, ring);
    expect(state.breaks).toHaveLength(MAX_LISTED_BREAKS);
    expect(state.moreBreaks).toBe(30);
  });

  it('continues across batches', () => {
    const entries = chain(6);
    const first = verifyChain(entries.slice(0, 3), ring);
    expect(verifyChain(entries.slice(3), ring, first)).toMatchObject({ checked: 6, breaks: [] });
  });
});

describe('storable text', () => {
  it('replaces lone surrogates and NUL, keeps astral characters whole, and cuts by code points', () => {
    expect(storableText('partner \ud800 key', 500)).toBe('partner \ufffd key');
    expect(storableText('\udc00x\ud83d', 500)).toBe('\ufffdx\ufffd');
    expect(storableText('a\0b', 500)).toBe('a\ufffdb');
    expect(storableText('ok 😀 🎉', 500)).toBe('ok 😀 🎉');
    // 499 ASCII characters then an astral one: slice(0, 500) would split its surrogate pair.
    const long = `${'x'.repeat(499)}😀😀`;
    expect(storableText(long, 500)).toBe(`${'x'.repeat(499)}😀`);
    expect(Array.from(storableText(long, 500))).toHaveLength(500);
  });

  it('canonical bytes are the UTF-8 of what is stored: no escapes, round-trips', () => {
    const [entry] = chain(1);
    const withText = { ...entry!, summary: storableText('key \ud800 😀', 500) };
    const bytes = canonicalBytes(withText);
    expect(bytes.toString('utf8')).toContain('key \ufffd 😀');
    expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(true);
  });
});
