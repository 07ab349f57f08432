import type { KeyRing } from '../common/crypto/secrets.js';
import { addBreak, initialChainState, verifyChain } from './audit-chain.js';
import type { ChainBreak, ChainEntry } from './audit-chain.js';
import { readCheckpointFile } from './audit-checkpoint.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';

export interface AuditVerification {
  /** True when every entry is intact and linked, and the chain agrees with every valid checkpoint. */
  ok: boolean;
  /** Entries read from the database. */
  checked: number;
  lastSeq: number | null;
  lastHash: string | null;
  /** The first break's seq and reason (also the first item of `breaks`), when not ok. */
  brokenAt?: number | null;
  reason?: string;
  /** Every break found, in order, at most MAX_LISTED_BREAKS of them. */
  breaks: ChainBreak[];
  /** Breaks found beyond those listed. */
  moreBreaks: number;
  checkpoints: {
    /** Valid checkpoint lines compared with the database. */
    checked: number;
    /** Lines that failed their own check (bad MAC, unknown key, unreadable). */
    invalid: number;
    latest: { seq: number; at: string; keyId: string } | null;
  };
}

export type LoadAuditBatch = (afterSeq: number, size: number) => Promise<ChainEntry[]>;

const BATCH = 1000;

/**
 * Reads the whole chain from the database a batch at a time, verifies every link and MAC,
 * and compares it with every valid signed checkpoint in `checkpointFile`: a checkpointed seq
 * that is missing or has another hash, or a chain shorter than a checkpoint, is a break; so
 * is a checkpoint line that fails its own MAC.
 */
export async function verifyAuditTrail(
  load: LoadAuditBatch,
  ring: KeyRing,
  checkpointFile: string | null,
): Promise<AuditVerification> {
  const state = initialChainState();
  const lines = checkpointFile ? readCheckpointFile(checkpointFile, ring) : [];
  const anchors = new Map<number, AuditCheckpoint[]>();
  let latest: AuditCheckpoint | null = null;
  for (const line of lines) {
    if (!line.ok) {
      addBreak(state, line.seq, line.reason);
      continue;
    }
    const { checkpoint } = line;
    anchors.set(checkpoint.seq, [...(anchors.get(checkpoint.seq) ?? []), checkpoint]);
    if (!latest || checkpoint.seq >= latest.seq) latest = checkpoint;
  }
  const seen = new Set<number>();

  let lastSeq: number | null = null;
  let lastHash: string | null = null;
  for (let afterSeq = 0; ;) {
    const batch = await load(afterSeq, BATCH);
    if (batch.length === 0) break;
    verifyChain(batch, ring, state);
    for (const entry of batch) {
      for (const anchor of anchors.get(entry.seq) ?? []) {
        seen.add(entry.seq);
        if (anchor.hash !== entry.hash) {
          addBreak(
            state,
            entry.seq,
            `entry #${entry.seq} differs from the checkpoint of ${anchor.at} (it was rewritten after it was anchored)`,
          );
        }
      }
    }
    const last = batch[batch.length - 1]!;
    lastSeq = last.seq;
    lastHash = last.hash;
    afterSeq = last.seq;
  }

  const unseen = [...anchors.values()]
    .flat()
    .filter((anchor) => !seen.has(anchor.seq))
    .sort((a, b) => a.seq - b.seq);
  for (const anchor of unseen.filter((a) => lastSeq === null || a.seq < lastSeq)) {
    addBreak(
      state,
      anchor.seq,
      `entry #${anchor.seq}, recorded by the checkpoint of ${anchor.at}, is missing`,
    );
  }
  const beyond = unseen.filter((a) => lastSeq === null || a.seq > lastSeq);
  if (beyond.length > 0) {
    const furthest = beyond[beyond.length - 1]!;
    addBreak(
      state,
      furthest.seq,
      `the chain ends at ${lastSeq === null ? 'no entry' : `#${lastSeq}`}, but the checkpoint of ${furthest.at} recorded #${furthest.seq}: entries were cut from the tail`,
    );
  }

  // Checkpoint-file problems (no seq) first, then by seq; the sort is stable.
  const breaks = [...state.breaks].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const ok = breaks.length === 0 && state.moreBreaks === 0;
  return {
    ok,
    checked: state.checked,
    lastSeq,
    lastHash,
    ...(ok ? {} : { brokenAt: breaks[0]?.seq ?? null, reason: breaks[0]?.reason }),
    breaks,
    moreBreaks: state.moreBreaks,
    checkpoints: {
      checked: lines.length - lines.filter((l) => !l.ok).length,
      invalid: lines.filter((l) => !l.ok).length,
      latest: latest ? { seq: latest.seq, at: latest.at, keyId: latest.keyId } : null,
    },
  };
}
