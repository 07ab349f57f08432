import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  schema?: string;
  /** For SQLite: the file path. */
  file?: string;
  /** Where the audit checkpoints of this database go (SQLite: beside the file, the default). */
  checkpointFile: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a temporary SQLite file by default, or its own
 * schema in the PostgreSQL database named by TEST_DATABASE_URL.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl?.startsWith('postgres')) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const checkpointDir = mkdtempSync(join(tmpdir(), 'privacy-desk-checkpoints-'));
    return {
      url: pgUrl,
      schema,
      checkpointFile: join(checkpointDir, 'audit-checkpoints.jsonl'),
      async drop() {
        rmSync(checkpointDir, { recursive: true, force: true });
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'privacy-desk-test-'));
  const file = join(dir, 'privacy-desk.sqlite');
  return {
    url: `sqlite:${file}`,
    file,
    checkpointFile: join(dir, 'privacy-desk.audit-checkpoints.jsonl'),
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
