import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { constantTimeEqual, hmacSha256Hex } from '../common/crypto/secrets.js';
import type { KeyRing } from '../common/crypto/secrets.js';
import { sqlitePathOf } from '../database/data-source-options.js';

/**
 * A signed checkpoint: the chain's head (seq and hash) at a time, with an HMAC under a ring key
 * (HKDF purpose `audit-checkpoint`). One JSON object per line of an append-only file that an
 * operator can copy off the machine; verify compares the database with every valid line.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  mac: string;
}

function checkpointBytes(c: Omit<AuditCheckpoint, 'mac'>): Buffer {
  return Buffer.from(
    JSON.stringify(['privacy-desk-audit-checkpoint-v1', c.seq, c.hash, c.at, c.keyId]),
    'utf8',
  );
}

export function signCheckpoint(
  head: { seq: number; hash: string },
  at: Date,
  ring: KeyRing,
): AuditCheckpoint {
  const keyId = ring.current.id;
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId };
  return {
    ...unsigned,
    mac: hmacSha256Hex(ring.derive(keyId, 'audit-checkpoint')!, checkpointBytes(unsigned)),
  };
}

export type CheckpointLine =
  | { line: number; ok: true; checkpoint: AuditCheckpoint }
  | { line: number; ok: false; seq: number | null; reason: string };

/** Checks one line of the file: its shape, its key, its MAC. */
export function readCheckpointLine(text: string, line: number, ring: KeyRing): CheckpointLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, ok: false, seq: null, reason: `checkpoint line ${line} is not valid JSON` };
  }
  const c = value as Partial<AuditCheckpoint> | null;
  const seq = typeof c?.seq === 'number' && Number.isInteger(c.seq) ? c.seq : null;
  if (
    !c ||
    seq === null ||
    typeof c.hash !== 'string' ||
    typeof c.at !== 'string' ||
    typeof c.keyId !== 'string' ||
    typeof c.mac !== 'string'
  ) {
    return { line, ok: false, seq, reason: `checkpoint line ${line} is not a checkpoint` };
  }
  const key = ring.derive(c.keyId, 'audit-checkpoint');
  if (!key) {
    return {
      line,
      ok: false,
      seq,
      reason: `checkpoint line ${line} was signed with key ${c.keyId}, which is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS`,
    };
  }
  const expected = hmacSha256Hex(
    key,
    checkpointBytes({ seq, hash: c.hash, at: c.at, keyId: c.keyId }),
  );
  if (!constantTimeEqual(expected, c.mac)) {
    return {
      line,
      ok: false,
      seq,
      reason: `checkpoint line ${line} has a bad MAC (it was forged or edited)`,
    };
  }
  return {
    line,
    ok: true,
    checkpoint: { seq, hash: c.hash, at: c.at, keyId: c.keyId, mac: c.mac },
  };
}

/** Every line of the file, checked; an absent file has none. */
export function readCheckpointFile(file: string, ring: KeyRing): CheckpointLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => readCheckpointLine(text, line, ring));
}

/** Appends one line (O_APPEND) and flushes it to disk before returning. */
export function appendCheckpoint(file: string, checkpoint: AuditCheckpoint): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o640);
  try {
    writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * `AUDIT_CHECKPOINT_FILE`; else `<name>.audit-checkpoints.jsonl` beside the SQLite file
 * `<name>.sqlite` (one file per database, so a backup copy started on its own does not meet
 * the checkpoints of the live file); else, on
 * PostgreSQL, `./data/audit-checkpoints.jsonl` (`audit-checkpoints-<schema>.jsonl` with a
 * DATABASE_SCHEMA: one chain per schema).
 */
export function checkpointFileFor(env: {
  AUDIT_CHECKPOINT_FILE?: string;
  DATABASE_URL: string;
  DATABASE_SCHEMA?: string;
}): string {
  if (env.AUDIT_CHECKPOINT_FILE) return resolve(env.AUDIT_CHECKPOINT_FILE);
  if (env.DATABASE_URL.startsWith('sqlite:')) {
    const database = sqlitePathOf(env.DATABASE_URL);
    return join(
      dirname(database),
      `${basename(database).replace(/\.(sqlite3?|db)$/i, '')}.audit-checkpoints.jsonl`,
    );
  }
  return resolve(
    'data',
    env.DATABASE_SCHEMA
      ? `audit-checkpoints-${env.DATABASE_SCHEMA}.jsonl`
      : 'audit-checkpoints.jsonl',
  );
}
