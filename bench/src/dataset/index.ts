/**
 * The benchmark's data set: deterministic and seeded, generated on first use into the cache
 * (`options.cacheDir`, one directory per database, scale and generator version) and reused
 * after. The schema comes from the server's real migrations, the accounts and the API key from
 * its real services, the bulk rows straight from the driver (see generate.ts).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  openSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { BenchOptions, DatasetInfo, WorkingDatabase } from '../types.js';
import { makeAccounts, migrate } from './accounts.js';
import { DATASET_END, generateRows } from './generate.js';
import { PgWriter, SqliteWriter } from './writers.js';

/** Bump on any change to what is generated: the cache keys on it. */
export const DATASET_VERSION = 2;

export interface Dataset {
  info: DatasetInfo;
  /** A fresh copy of the cached data set that a run may change. */
  workingCopy(): Promise<WorkingDatabase>;
}

const SQLITE_FILE = 'data.sqlite';
const PG_MARKER = 'postgres-database.txt';
const SCRUB_FILE = 'scrub.csv';
const INFO_FILE = 'info.json';

/** `postgres://…/name`: the same server as `pgUrl`, another database. */
export function pgDatabaseUrl(pgUrl: string, database: string): string {
  const url = new URL(pgUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withPgAdmin<T>(pgUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function pgDatabaseExists(pgUrl: string, name: string): Promise<boolean> {
  return withPgAdmin(pgUrl, async (c) => {
    const { rows } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length > 0;
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One generator per cache entry at a time, across worktrees: a lock directory holding the
 * owner's pid. A lock whose owner is gone is taken over.
 */
async function lockEntry(dir: string, log: (message: string) => void): Promise<() => void> {
  const lock = `${dir}.lock`;
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // The owner is between mkdir and writing its pid.
      }
      if (Number.isInteger(owner) && !processAlive(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) log(`another process is generating ${dir}; waiting for it`);
      waited = true;
      await sleep(2_000);
    }
  }
}

function readInfo(dir: string): DatasetInfo | null {
  const path = join(dir, INFO_FILE);
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as DatasetInfo;
}

async function generate(
  options: BenchOptions,
  dir: string,
  log: (message: string) => void,
): Promise<DatasetInfo> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const scrubCsvPath = join(dir, SCRUB_FILE);
  let databaseUrl: string;
  let pgName: string | undefined;
  if (options.db === 'sqlite') {
    databaseUrl = `sqlite:${join(dir, SQLITE_FILE)}`;
  } else {
    pgName = `pd_bench_${options.scale}_v${DATASET_VERSION}`;
    await withPgAdmin(options.pgUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(pgName!)} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${quoteIdent(pgName!)}`);
    });
    databaseUrl = pgDatabaseUrl(options.pgUrl, pgName);
  }
  log(
    `generating the ${options.db} data set at scale ${options.scale.toLocaleString('en-US')} in ${dir}`,
  );
  log("  schema (the server's migrations), accounts and API key (its services)");
  const made = await makeAccounts(databaseUrl);
  const writer =
    options.db === 'sqlite'
      ? new SqliteWriter(join(dir, SQLITE_FILE))
      : await PgWriter.open(databaseUrl);
  let result;
  try {
    result = await generateRows(writer, options.scale, made.accounts, scrubCsvPath, log);
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }
  const analyzing = performance.now();
  await writer.close(); // commits, ANALYZE, and on SQLite a checkpoint that leaves no WAL
  log(
    `  ANALYZE${options.db === 'sqlite' ? ' and checkpoint' : ''}: ${((performance.now() - analyzing) / 1000).toFixed(1)} s`,
  );
  if (pgName) writeFileSync(join(dir, PG_MARKER), `${pgName}\n`);
  const seconds = (performance.now() - started) / 1000;
  const info: DatasetInfo = {
    db: options.db,
    scale: options.scale,
    version: DATASET_VERSION,
    counts: {
      ...result.counts,
      users: 3 + made.staff.length,
      api_keys: 1,
    },
    users: made.users,
    staff: made.staff,
    apiKey: made.apiKey,
    claimQueue: result.claimQueue,
    scrubCsvPath,
    scrubSuppressed: result.scrubSuppressed,
    asOf: DATASET_END.toISOString(),
    generationSeconds: Math.round(seconds * 10) / 10,
    ...(pgName ? { pgDatabase: pgName } : {}),
  };
  // Written last: an entry without info.json is incomplete and generated again.
  writeFileSync(join(dir, INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  log(`data set ready in ${seconds.toFixed(1)} s: ${JSON.stringify(info.counts)}`);
  return info;
}

function sqliteWorkingCopy(dir: string): WorkingDatabase {
  const copyDir = mkdtempSync(join(tmpdir(), 'pd-bench-db-'));
  const path = join(copyDir, SQLITE_FILE);
  copyFileSync(join(dir, SQLITE_FILE), path);
  // Written out before the scenario starts: the kernel flushing gigabytes of copied pages
  // would otherwise fall into the measured seconds of whichever side runs first.
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The server keeps its audit checkpoints beside the database file; they go with it.
  const checkpoints = join(dir, 'data.audit-checkpoints.jsonl');
  if (existsSync(checkpoints))
    copyFileSync(checkpoints, join(copyDir, 'data.audit-checkpoints.jsonl'));
  return {
    url: `sqlite:${path}`,
    drop: () => {
      rmSync(copyDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

async function pgWorkingCopy(pgUrl: string, template: string): Promise<WorkingDatabase> {
  const name = `pd_bench_work_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withPgAdmin(pgUrl, async (c) => {
    await c.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [template],
    );
    await c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
  });
  return {
    url: pgDatabaseUrl(pgUrl, name),
    drop: () =>
      withPgAdmin(pgUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      }),
  };
}

/** How many migrations the database has run (TypeORM's `migrations` table). */
async function migrationsRun(databaseUrl: string): Promise<number> {
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM migrations').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  return withPgAdmin(databaseUrl, async (c) => {
    const { rows } = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM migrations');
    return Number(rows[0]!.n);
  });
}

/**
 * Brings a cached data set to the server's current schema (a migration added since it was
 * generated, such as a new index), and analyzes it again when anything ran, so that every
 * working copy starts migrated instead of building indexes over a million rows at each start.
 */
async function upgradeSchema(databaseUrl: string, log: (message: string) => void): Promise<void> {
  const before = await migrationsRun(databaseUrl);
  await migrate(databaseUrl);
  const ran = (await migrationsRun(databaseUrl)) - before;
  if (ran === 0) return;
  log(`  ran ${ran} new migration(s) on the cached data set; analyzing it again`);
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Database(databaseUrl.slice('sqlite:'.length));
    try {
      db.exec('ANALYZE');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
  } else {
    await withPgAdmin(databaseUrl, (c) => c.query('ANALYZE'));
  }
}

/**
 * The deterministic, seeded data set for `options.db` at `options.scale`: generated on first
 * use into the cache, reused after.
 */
export async function ensureDataset(
  options: BenchOptions,
  log: (message: string) => void,
): Promise<Dataset> {
  const dir = join(options.cacheDir, `${options.db}-${options.scale}-v${DATASET_VERSION}`);
  mkdirSync(options.cacheDir, { recursive: true });
  const usable = async (info: DatasetInfo | null) =>
    info !== null &&
    (options.db === 'sqlite'
      ? existsSync(join(dir, SQLITE_FILE))
      : info.pgDatabase !== undefined && (await pgDatabaseExists(options.pgUrl, info.pgDatabase)));
  let info = readInfo(dir);
  if (!(await usable(info))) {
    const unlock = await lockEntry(dir, log);
    try {
      info = readInfo(dir); // another process may have made it while we waited
      if (!(await usable(info))) info = await generate(options, dir, log);
    } finally {
      unlock();
    }
  } else {
    log(`data set cached: ${dir}`);
  }
  const ready = info!;
  const cachedUrl =
    options.db === 'sqlite'
      ? `sqlite:${join(dir, SQLITE_FILE)}`
      : pgDatabaseUrl(options.pgUrl, ready.pgDatabase!);
  const unlock = await lockEntry(dir, log);
  try {
    await upgradeSchema(cachedUrl, log);
  } finally {
    unlock();
  }
  return {
    info: ready,
    workingCopy: () =>
      options.db === 'sqlite'
        ? Promise.resolve(sqliteWorkingCopy(dir))
        : pgWorkingCopy(options.pgUrl, ready.pgDatabase!),
  };
}
