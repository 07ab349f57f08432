import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';

/**
 * SQLite stored NUL characters before the server refused them; PostgreSQL cannot store one.
 * The move replaces them with U+FFFD outside the audit trail, and stops on an audit entry that
 * holds one (audit entries are hash-chained and never rewritten). Always SQLite to PostgreSQL.
 */
const CLI = fileURLToPath(new URL('../../dist/cli/migrate-sqlite-to-postgres.js', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL?.startsWith('postgres')
  ? process.env.TEST_DATABASE_URL
  : 'postgres://postgres@127.0.0.1:5432/test';

function move(file: string, schema: string) {
  if (!existsSync(CLI)) throw new Error('Build the server first: the move CLI is missing');
  return spawnSync(
    process.execPath,
    [CLI, '--from', `sqlite:${file}`, '--to', PG_URL, '--to-schema', schema],
    { env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 120_000 },
  );
}

/** A desk on SQLite with a subject, and (as an older server allowed) a NUL in its name. */
async function deskWithNul(file: string, inAudit: boolean): Promise<void> {
  const desk = await startTestApp({ DATABASE_URL: `sqlite:${file}`, DATABASE_SCHEMA: '' });
  try {
    const staff = await signIn(desk, DEMO_EMAILS.staff);
    await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({ name: 'Jane Roe', email: 'jane.roe@example.com', city: 'Bonn' })
      .expect(201);
    await desk.dataSource.query(
      `UPDATE subjects SET name = 'Jane' || char(0) || 'Roe', city = char(0) || 'Bonn' || char(0)`,
    );
    if (inAudit) {
      // A new tail entry whose summary holds a NUL.
      await desk.dataSource.query(
        `INSERT INTO audit_entries (seq, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, summary, prev_hash, hash)
         SELECT seq + 1, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, 'Renamed to Jane' || char(0), hash, hash
           FROM audit_entries ORDER BY seq DESC LIMIT 1`,
      );
    }
  } finally {
    await desk.app.close();
  }
}

describe('moving SQLite rows that hold NUL characters to PostgreSQL', () => {
  let dir: string;
  let admin: pg.Client;
  const schemas: string[] = [];
  const newSchema = async () => {
    const schema = `mvnul_${randomBytes(5).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    return schema;
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pd-nul-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('replaces NUL with U+FFFD outside the audit trail, reports the count, and the chain verifies', async () => {
    const file = join(dir, 'desk.sqlite');
    await deskWithNul(file, false);
    const schema = await newSchema();
    const moved = move(file, schema);
    expect(moved.stderr).toBe('');
    expect(moved.status).toBe(0);
    expect(moved.stdout).toMatch(/subjects\s+1 → 1 \(3 NUL characters replaced by U\+FFFD\)/);
    expect(moved.stdout).toMatch(/the audit chain verifies on the target/);
    const { rows } = await admin.query<{ name: string; city: string }>(
      `SELECT name, city FROM ${schema}.subjects`,
    );
    expect(rows).toEqual([{ name: 'Jane\uFFFDRoe', city: '\uFFFDBonn\uFFFD' }]);
  });

  it('stops on an audit entry holding a NUL, naming its seq, and moves nothing', async () => {
    const file = join(dir, 'desk.sqlite');
    await deskWithNul(file, true);
    const schema = await newSchema();
    const moved = move(file, schema);
    expect(moved.status).toBe(1);
    expect(moved.stderr).toMatch(
      /Audit entry seq \d+ holds a NUL character in summary, which PostgreSQL cannot store/,
    );
    for (const table of ['subjects', 'users', 'audit_entries']) {
      const { rows } = await admin.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${schema}.${table}`,
      );
      expect({ table, n: Number(rows[0]!.n) }).toEqual({ table, n: 0 });
    }
  });
});
