import Database from 'better-sqlite3';
import pg from 'pg';

import type { TestServer } from './server.js';

/** An instant as TypeORM writes a `datetime` column on SQLite: UTC, space-separated. */
const sqliteInstant = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Moves the expiry of a request's package links to `at` (default: a minute ago). A spawned
 * server runs on the system clock, and no test clock reaches into it; instead of waiting days
 * (or sleeping), journeys put the expiry in the past, which is what time passing does.
 */
export async function expirePackageLinks(
  server: TestServer,
  requestId: string,
  at: Date = new Date(Date.now() - 60_000),
): Promise<void> {
  const { database } = server;
  if (database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `UPDATE "${database.schema}"."request_packages" SET "expires_at" = $1 WHERE "request_id" = $2`,
        [at, requestId],
      );
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(database.file, { timeout: 10_000 });
  try {
    db.prepare('UPDATE "request_packages" SET "expires_at" = ? WHERE "request_id" = ?').run(
      sqliteInstant(at),
      requestId,
    );
  } finally {
    db.close();
  }
}
