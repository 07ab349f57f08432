import Database from 'better-sqlite3';
import pg from 'pg';

import type { TestServer } from './server.js';

/** An instant as TypeORM writes a `datetime` column on SQLite: UTC, space-separated. */
const sqliteInstant = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Moves a closed request's `closed_at` back to `at`. A spawned server runs on the system clock;
 * instead of waiting two years for the retention period to pass, a journey dates the closing
 * in the past in the server's database, which is what time passing does.
 */
export async function closeRequestLongAgo(
  server: TestServer,
  requestId: string,
  at: Date,
): Promise<void> {
  const { database } = server;
  if (database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `UPDATE "${database.schema}"."privacy_requests" SET "closed_at" = $1 WHERE "id" = $2`,
        [at, requestId],
      );
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(database.file, { timeout: 10_000 });
  try {
    db.prepare('UPDATE "privacy_requests" SET "closed_at" = ? WHERE "id" = ?').run(
      sqliteInstant(at),
      requestId,
    );
  } finally {
    db.close();
  }
}
