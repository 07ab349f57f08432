import { appendFileSync, readFileSync } from 'node:fs';
import type { AuditAction, AuditedRecordType } from '@privacy-desk/shared';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import {
  chainEntryFromRow,
  GENESIS_HASH,
  legacyHash,
  macEntry,
} from '../../src/audit/audit-chain.js';
import type { ChainEntry } from '../../src/audit/audit-chain.js';
import { AuditCheckpointService } from '../../src/audit/audit-checkpoint.service.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { createApp } from '../../src/bootstrap.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import type { KeyRing } from '../../src/common/crypto/secrets.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { DEMO_PASSWORD } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

export const KEY_A = 'audit-test-key-A-0123456789abcdef0123456789';
export const KEY_B = 'audit-test-key-B-fedcba9876543210fedcba9876';

export const isPostgres = () => process.env.TEST_DATABASE_URL?.startsWith('postgres') ?? false;

/** The environment a desk on `db` runs with (both databases; no job runner unless asked). */
export function deskEnv(
  db: TestDatabase,
  env: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}),
    AUDIT_CHECKPOINT_FILE: db.checkpointFile,
    DEMO_PASSWORD,
    SEED_DEMO_DATA: 'false',
    JOBS_ENABLED: 'false',
    SECRET_KEY: KEY_A,
    ...env,
  };
}

export interface Desk {
  app: INestApplication;
  dataSource: DataSource;
  audit: AuditService;
  checkpoints: AuditCheckpointService;
  close(): Promise<void>;
}

/** The whole application on `db` (a fresh or an existing database), with a manual clock. */
export async function openDesk(
  db: TestDatabase,
  env: Record<string, string> = {},
  clock = new ManualClock(new Date('2026-11-29T12:00:00.000Z')),
): Promise<Desk> {
  const { app } = await createApp(deskEnv(db, env), { clock });
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    app,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    audit: app.get(AuditService),
    checkpoints: app.get(AuditCheckpointService),
    close: () => app.close(),
  };
}

export { createTestDatabase };

/** Appends `count` entries through the real recorder, one transaction each. */
export async function record(desk: Desk, count: number, summary = (i: number) => `did thing ${i}`) {
  const tx = desk.app.get(TransactionService);
  for (let i = 0; i < count; i++) {
    await tx.run(() =>
      desk.audit.record(
        { type: 'system', id: null, label: 'test' },
        {
          action: 'test.thing' as AuditAction,
          entityType: 'test' as AuditedRecordType,
          entityId: String(i),
          summary: summary(i),
        },
      ),
    );
  }
}

type Row = Record<string, unknown>;

/**
 * Raw access to the database as an attacker with the file (SQLite, through better-sqlite3) or
 * with a login to the schema (PostgreSQL, through pg), bypassing the server.
 */
export interface Attacker {
  /** Drops (SQLite) or disables (PostgreSQL) every guard trigger, as an attacker would first. */
  disarm(): Promise<void>;
  exec(sql: string, params?: unknown[]): Promise<void>;
  rows(sql: string, params?: unknown[]): Promise<Row[]>;
  entries(): Promise<ChainEntry[]>;
  close(): Promise<void>;
}

/**
 * Runs a better-sqlite3 call, rethrowing its error as an Error of this test file. The native
 * addon keeps the error class of the first test file that loaded it in a Jest worker, and
 * instances of that class fail `instanceof Error` here, so `rejects.toThrow` would not see them.
 */
function ownRealm<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new Error((error as { message?: string }).message ?? String(error), { cause: error });
  }
}

export async function attacker(db: TestDatabase): Promise<Attacker> {
  if (db.schema) {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`SET search_path TO ${db.schema}`);
    const numbered = (sql: string) => {
      let n = 0;
      return sql.replace(/\?/g, () => `$${++n}`);
    };
    const self: Attacker = {
      disarm: async () => {
        await client.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
      },
      exec: async (sql, params = []) => {
        await client.query(numbered(sql), params);
      },
      rows: async (sql, params = []) => (await client.query(numbered(sql), params)).rows as Row[],
      entries: async () =>
        (await self.rows('SELECT * FROM audit_entries ORDER BY seq')).map(chainEntryFromRow),
      close: () => client.end(),
    };
    return self;
  }
  const file = new Database(db.file!);
  file.pragma('busy_timeout = 5000');
  const self: Attacker = {
    disarm: async () => {
      for (const { name } of file
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'",
        )
        .all() as { name: string }[]) {
        file.exec(`DROP TRIGGER ${name}`);
      }
    },
    exec: async (sql, params = []) => {
      ownRealm(() => file.prepare(sql).run(...params));
    },
    rows: async (sql, params = []) => ownRealm(() => file.prepare(sql).all(...params) as Row[]),
    entries: async () =>
      (await self.rows('SELECT * FROM audit_entries ORDER BY seq')).map(chainEntryFromRow),
    close: async () => {
      file.close();
    },
  };
  return self;
}

/**
 * Rewrites entries from `fromSeq` on, with `edit` applied, re-hashing each and re-linking
 * the rest: with plain SHA-256 as legacy entries (`ring` null), or with the MAC of `ring`.
 */
export async function rewriteFrom(
  raw: Attacker,
  fromSeq: number,
  /** `until`: the last entry to rewrite (default: the tail). */
  edit: { seq: number; summary: string; until?: number },
  ring: KeyRing | null,
  /** Stored as the key id instead of the id of `ring`'s key (a forger claiming the server's key). */
  claimKeyId?: string,
): Promise<void> {
  const entries = await raw.entries();
  let prevHash = entries.find((e) => e.seq === fromSeq - 1)?.hash ?? GENESIS_HASH;
  for (const entry of entries.filter(
    (e) => e.seq >= fromSeq && e.seq <= (edit.until ?? Infinity),
  )) {
    const next = {
      ...entry,
      summary: entry.seq === edit.seq ? edit.summary : entry.summary,
      prevHash,
      keyId: ring ? ring.current.id : null,
    };
    next.hash = ring ? macEntry(next, ring) : legacyHash(next);
    if (claimKeyId) {
      next.hash = macEntry({ ...next, keyId: ring!.current.id }, ring!);
      next.keyId = claimKeyId;
    }
    await raw.exec(
      'UPDATE audit_entries SET summary = ?, prev_hash = ?, hash = ?, key_id = ? WHERE seq = ?',
      [next.summary, next.prevHash, next.hash, next.keyId, next.seq],
    );
    prevHash = next.hash;
  }
}

export function checkpointLines(db: TestDatabase): Record<string, unknown>[] {
  return readFileSync(db.checkpointFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function appendLine(db: TestDatabase, line: string): void {
  appendFileSync(db.checkpointFile, `${line}\n`);
}
