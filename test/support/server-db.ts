import Database from 'better-sqlite3';
import pg from 'pg';

import type { TestServer } from './server.js';

/** An instant as TypeORM writes a `datetime` column on SQLite: UTC, space-separated. */
export const sqliteInstant = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

type CellValue = string | number | Date | null;

/**
 * Sets columns of the rows of one table in a spawned server's own database, for a journey that
 * needs a state no API makes (time having passed, say). Table and column names are the test's
 * own constants, never input.
 */
export async function updateServerRows(
  server: TestServer,
  table: string,
  set: Record<string, CellValue>,
  where: Record<string, string>,
): Promise<void> {
  const setColumns = Object.keys(set);
  const whereColumns = Object.keys(where);
  const values = [...Object.values(set), ...Object.values(where)];
  const { database } = server;
  if (database.kind === 'postgres') {
    const placeholders = (columns: string[], from: number, join: string) =>
      columns.map((column, i) => `"${column}" = $${from + i}`).join(join);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `UPDATE "${database.schema}"."${table}" SET ${placeholders(setColumns, 1, ', ')} ` +
          `WHERE ${placeholders(whereColumns, setColumns.length + 1, ' AND ')}`,
        values,
      );
    } finally {
      await client.end();
    }
    return;
  }
  const assignments = (columns: string[], join: string) =>
    columns.map((column) => `"${column}" = ?`).join(join);
  const db = new Database(database.file, { timeout: 10_000 });
  try {
    db.prepare(
      `UPDATE "${table}" SET ${assignments(setColumns, ', ')} WHERE ${assignments(whereColumns, ' AND ')}`,
    ).run(...values.map((value) => (value instanceof Date ? sqliteInstant(value) : value)));
  } finally {
    db.close();
  }
}
