/**
 * Online backup of the SQLite database, safe while the server runs (SQLite's backup API):
 *   npm run backup [-- --out backups/my-copy.sqlite]
 * On PostgreSQL, use pg_dump instead (see the README).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { sqlitePathOf } from '../database/data-source-options.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const url = process.env.DATABASE_URL ?? 'sqlite:./data/privacy-desk.sqlite';
  if (!url.startsWith('sqlite:')) {
    throw new Error(
      'npm run backup copies the SQLite database. On PostgreSQL use pg_dump (see the README).',
    );
  }
  const source = sqlitePathOf(url);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = resolve(values.out ?? `backups/privacy-desk-${stamp}.sqlite`);
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, { fileMustExist: true, readonly: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`The backup failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  console.log(`Backed up ${source} to ${target}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
