import { sha256Hex } from '../common/crypto/secrets.js';

export const GENESIS_HASH = '0'.repeat(64);

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
}

/**
 * The canonical form hashed for each entry: a JSON array in fixed field order, with the time
 * as ISO-8601 UTC at millisecond precision (what both databases keep).
 */
export function canonicalForm(entry: ChainedFields): string {
  return JSON.stringify([
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
  ]);
}

export function hashEntry(entry: ChainedFields): string {
  return sha256Hex(canonicalForm(entry));
}

export type ChainVerdict =
  | { ok: true; checked: number; lastSeq: number | null; lastHash: string }
  | { ok: false; brokenAt: number; reason: string; checked: number };

/** Walks entries in seq order; reports the first seq whose link or content does not hold. */
export function verifyChain(
  entries: Iterable<ChainedFields & { hash: string }>,
  state: { expectedSeq: number; prevHash: string; checked: number } = {
    expectedSeq: 1,
    prevHash: GENESIS_HASH,
    checked: 0,
  },
): ChainVerdict & { state: typeof state } {
  for (const entry of entries) {
    if (entry.seq !== state.expectedSeq) {
      const brokenAt = Math.min(entry.seq, state.expectedSeq);
      return {
        ok: false,
        brokenAt,
        reason:
          entry.seq > state.expectedSeq
            ? `entry #${state.expectedSeq} is missing`
            : `entry #${entry.seq} is out of order`,
        checked: state.checked,
        state,
      };
    }
    if (entry.prevHash !== state.prevHash) {
      return {
        ok: false,
        brokenAt: entry.seq,
        reason: `entry #${entry.seq} does not link to the entry before it`,
        checked: state.checked,
        state,
      };
    }
    if (hashEntry(entry) !== entry.hash) {
      return {
        ok: false,
        brokenAt: entry.seq,
        reason: `entry #${entry.seq} was altered after it was written`,
        checked: state.checked,
        state,
      };
    }
    state.checked += 1;
    state.expectedSeq += 1;
    state.prevHash = entry.hash;
  }
  return {
    ok: true,
    checked: state.checked,
    lastSeq: state.checked === 0 ? null : state.expectedSeq - 1,
    lastHash: state.prevHash,
    state,
  };
}
