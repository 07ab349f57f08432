import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';

import type { TestServer } from './server.js';
import { sqliteInstant } from './server-db.js';

export interface SeedJob {
  type: string;
  status: 'pending' | 'running' | 'succeeded' | 'dead';
  payload?: unknown;
  attempts: number;
  maxAttempts: number;
  lastError?: string | null;
}

/**
 * Writes a job straight into the server's `jobs` table. No API creates a failed job on
 * purpose, so this is how journeys get one to retry. Returns the job's id.
 */
export async function insertJob(server: TestServer, job: SeedJob): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  const row = [
    id,
    job.type,
    JSON.stringify(job.payload ?? null),
    job.status,
    job.attempts,
    job.maxAttempts,
    job.lastError ?? null,
  ];
  const columns =
    '"id", "type", "payload", "status", "attempts", "max_attempts", "last_error", ' +
    '"run_at", "created_at", "updated_at"';
  const { database } = server;
  if (database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "${database.schema}"."jobs" (${columns}) ` +
          'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)',
        [...row, now],
      );
    } finally {
      await client.end();
    }
    return id;
  }
  const db = new Database(database.file, { timeout: 10_000 });
  try {
    const at = sqliteInstant(now);
    db.prepare(`INSERT INTO "jobs" (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      ...row,
      at,
      at,
      at,
    );
  } finally {
    db.close();
  }
  return id;
}
