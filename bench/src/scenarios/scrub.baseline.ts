import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BaselineRoute } from '../baseline/route.js';

/** Baseline routes of this scenario, served by the bare node:http baseline server. */
export const scrubBaselineRoutes: Record<string, BaselineRoute> = {};

/** The sqlite3 command-line shell the scrub and export baselines run (Debian: sqlite3). */
export const SQLITE3 = process.env.BENCH_SQLITE3 ?? 'sqlite3';

/** Null when the sqlite3 shell runs; otherwise why not, for the table's note. */
export function sqlite3Missing(): string | null {
  const probe = spawnSync(SQLITE3, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return `the sqlite3 command-line shell is missing (${SQLITE3}: ${
      probe.error?.message ?? probe.stderr
    }); install it with apt-get install -y sqlite3`;
  }
  return null;
}

/**
 * Runs a script through `sqlite3 -readonly <file>` and resolves when it ends, with the time it
 * took. Errors (a non-zero exit or anything on stderr) reject.
 */
export function runSqlite3(
  file: string,
  script: string,
  args: string[] = [],
  onStdout?: (chunk: Buffer) => void,
): Promise<{ seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(SQLITE3, ['-readonly', '-bail', ...args, file], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => onStdout?.(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0 || stderr.trim() !== '') {
        reject(new Error(`sqlite3 exited with ${code}: ${stderr.trim()}`));
      } else resolve({ seconds });
    });
    child.stdin.end(script);
  });
}

/**
 * The scrub's limit on this machine: the sqlite3 shell imports the same CSV into a TEMP table
 * and joins it with the suppressions the way the server matches (the trimmed, lower-cased
 * email against `suppressions.value` on the email channel, active entries only), writing the
 * suppressed rows to a file as the server streams them back.
 */
export async function scrubBaseline(
  databaseFile: string,
  csvPath: string,
): Promise<{ seconds: number; suppressed: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scrub-'));
  try {
    const out = join(dir, 'suppressed.csv');
    const script = join(dir, 'scrub.sql');
    writeFileSync(
      script,
      [
        `.import --csv --schema temp "${csvPath}" scrub_in`,
        `.headers on`,
        `.mode csv`,
        `.once "${out}"`,
        `SELECT t.email AS email FROM temp.scrub_in t WHERE EXISTS (SELECT 1 FROM suppressions s ` +
          `WHERE s.channel = 'email' AND s.value = lower(trim(t.email)) AND s.revoked_at IS NULL) ` +
          `ORDER BY t.rowid;`,
        '',
      ].join('\n'),
    );
    const { seconds } = await runSqlite3(databaseFile, `.read "${script}"\n`);
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
    return { seconds, suppressed: Math.max(0, lines - 1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
