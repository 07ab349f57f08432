import { hmacSha256Hex, sha256Hex } from '../common/crypto/secrets.js';
import type { KeyRing } from '../common/crypto/secrets.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The most breaks one verification lists; the rest are counted in `moreBreaks`. */
export const MAX_LISTED_BREAKS = 100;

export interface ChainedFields {
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  prevHash: string;
  /** Ring key whose HMAC made `hash`; null for a legacy entry hashed with plain SHA-256. */
  keyId: string | null;
}

export type ChainEntry = ChainedFields & { hash: string };

/**
 * A raw `audit_entries` row (its column names, as either driver returns it) as a chain entry.
 * SQLite gives the time as text in UTC without a zone; PostgreSQL gives a Date.
 */
export function chainEntryFromRow(r: Record<string, unknown>): ChainEntry {
  const at = String(r.at).replace(' ', 'T');
  return {
    seq: Number(r.seq),
    at: r.at instanceof Date ? r.at : new Date(/Z$|[+-]\d\d(:?\d\d)?$/.test(at) ? at : `${at}Z`),
    actorType: r.actor_type as string,
    actorId: r.actor_id as string | null,
    actorLabel: r.actor_label as string,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string | null,
    summary: r.summary as string,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
    keyId: (r.key_id ?? null) as string | null,
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as both databases store it, byte for byte: at most `maxCodePoints` code points (never
 * half a surrogate pair), lone surrogates and NUL replaced by U+FFFD. SQLite would store a lone
 * surrogate as U+FFFD and PostgreSQL refuses NUL, so what the chain hashes is exactly what the
 * database keeps.
 */
export function storableText(value: string, maxCodePoints: number): string {
  const wellFormed = value.replace(LONE_SURROGATE, '\uFFFD').replace(/\0/g, '\uFFFD');
  const codePoints = Array.from(wellFormed);
  return codePoints.length > maxCodePoints
    ? codePoints.slice(0, maxCodePoints).join('')
    : wellFormed;
}

/**
 * The bytes a keyed entry's MAC covers: UTF-8 of a JSON array in fixed field order (with a
 * format label), the time as ISO-8601 UTC at millisecond precision (what both databases keep).
 * Every string in it is well-formed (see `storableText`), so JSON.stringify escapes nothing
 * and the bytes are those stored.
 */
export function canonicalBytes(entry: ChainedFields): Buffer {
  return Buffer.from(
    JSON.stringify(['privacy-desk-audit-v2', ...linkedValues(entry), entry.keyId]),
    'utf8',
  );
}

/** The entry's values in the fixed order both forms hash, up to and including the link. */
function linkedValues(entry: ChainedFields): unknown[] {
  return [
    entry.seq,
    entry.at.toISOString(),
    entry.actorType,
    entry.actorId,
    entry.actorLabel,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.summary,
    entry.prevHash,
  ];
}

/** The plain SHA-256 form of entries written before the chain was keyed. Verify-only. */
export function legacyHash(entry: ChainedFields): string {
  return sha256Hex(JSON.stringify(linkedValues(entry)));
}

/** HMAC-SHA-256 of the entry's canonical bytes under the ring key `entry.keyId`. */
export function macEntry(entry: ChainedFields, ring: KeyRing): string {
  const key = entry.keyId === null ? undefined : ring.derive(entry.keyId, 'audit-chain');
  if (!key) throw new Error(`Audit key ${entry.keyId} is not in the key ring`);
  return hmacSha256Hex(key, canonicalBytes(entry));
}

export interface ChainBreak {
  /** The entry concerned; null for a problem of the checkpoint file as a whole. */
  seq: number | null;
  reason: string;
}

export interface ChainState {
  expectedSeq: number;
  prevHash: string;
  checked: number;
  keyedSeen: boolean;
  breaks: ChainBreak[];
  moreBreaks: number;
}

export function initialChainState(): ChainState {
  return {
    expectedSeq: 1,
    prevHash: GENESIS_HASH,
    checked: 0,
    keyedSeen: false,
    breaks: [],
    moreBreaks: 0,
  };
}

export function addBreak(state: ChainState, seq: number | null, reason: string): void {
  if (state.breaks.length < MAX_LISTED_BREAKS) state.breaks.push({ seq, reason });
  else state.moreBreaks += 1;
}

/** What one entry's content says: null when intact, else why not. */
function contentProblem(entry: ChainEntry, state: ChainState, ring: KeyRing): string | null {
  if (entry.keyId === null) {
    if (state.keyedSeen) {
      return 'is hashed with plain SHA-256 after keyed entries (only entries older than the first keyed one may be)';
    }
    return legacyHash(entry) === entry.hash ? null : 'was altered after it was written';
  }
  if (!ring.has(entry.keyId)) {
    return `was made with key ${entry.keyId}, which is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS`;
  }
  return macEntry(entry, ring) === entry.hash
    ? null
    : 'was altered after it was written (its MAC does not match)';
}

/**
 * Walks entries in seq order, batch after batch (pass the returned state on), and records
 * every break: missing entries, broken links, altered or re-hashed content, a legacy entry
 * after keyed ones. It does not stop at the first.
 */
export function verifyChain(
  entries: Iterable<ChainEntry>,
  ring: KeyRing,
  state: ChainState = initialChainState(),
): ChainState {
  for (const entry of entries) {
    const problems: string[] = [];
    let gap = false;
    if (entry.seq > state.expectedSeq) {
      gap = true;
      addBreak(
        state,
        state.expectedSeq,
        entry.seq - 1 === state.expectedSeq
          ? `entry #${state.expectedSeq} is missing`
          : `entries #${state.expectedSeq} to #${entry.seq - 1} are missing`,
      );
    } else if (entry.seq < state.expectedSeq) {
      problems.push('is out of order');
    }
    if (!gap && entry.prevHash !== state.prevHash) {
      problems.push('does not link to the entry before it');
    }
    const content = contentProblem(entry, state, ring);
    if (content) problems.push(content);
    if (problems.length > 0)
      addBreak(state, entry.seq, `entry #${entry.seq} ${problems.join('; ')}`);
    if (entry.keyId !== null) state.keyedSeen = true;
    state.checked += 1;
    state.expectedSeq = Math.max(state.expectedSeq, entry.seq + 1);
    state.prevHash = entry.hash;
  }
  return state;
}
