import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DEMO_EMAILS, DEMO_PASSWORD, signIn, startTestApp } from '../support/test-app.js';

/**
 * `migrate:sqlite-to-postgres` on a desk where every table holds rows: each table arrives whole
 * (same count, same rows by checksum), and a move that fails half-way leaves nothing behind.
 * Always SQLite to PostgreSQL.
 */
const CLI = fileURLToPath(new URL('../../dist/cli/migrate-sqlite-to-postgres.js', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL?.startsWith('postgres')
  ? process.env.TEST_DATABASE_URL
  : 'postgres://postgres@127.0.0.1:5432/test';

type Row = Record<string, unknown>;
const AT = '2026-05-04 10:11:12.345';

/**
 * Rows for the tables that the demo seeding and the sign-ins below leave empty, written
 * directly (their features need uploads, exports or two-factor enrolment to fill them).
 */
function fillers(ids: { user: string; request: string; subject: string }) {
  const exportId = randomUUID();
  const sha = createHash('sha256').update('fixture').digest('hex');
  return {
    api_keys: [
      'INSERT INTO api_keys (id, name, prefix, secret_hash, scopes, created_by_id, created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [randomUUID(), 'Web shop', 'pdk_abc', sha, '["intake"]', ids.user, AT, AT, null],
    ],
    recovery_codes: [
      'INSERT INTO recovery_codes (id, user_id, code_hash, used_at, created_at) VALUES (?, ?, ?, ?, ?)',
      [randomUUID(), ids.user, sha, null, AT],
    ],
    documents: [
      'INSERT INTO documents (sha256, media_type, size_bytes, content, created_at) VALUES (?, ?, ?, ?, ?)',
      [sha, 'application/pdf', 4, Buffer.from([0, 1, 254, 255]), AT],
    ],
    document_attachments: [
      'INSERT INTO document_attachments (id, owner_type, owner_id, sha256, filename, role, attached_by_id, attached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [randomUUID(), 'request', ids.request, sha, 'order.pdf', 'evidence', ids.user, AT],
    ],
    request_packages: [
      'INSERT INTO request_packages (id, request_id, purpose, json, html, pdf, created_by, created_at, sent_at, token_hash, expires_at, max_downloads, download_count, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        randomUUID(),
        ids.request,
        'report',
        '{}',
        '<p></p>',
        Buffer.from('%PDF'),
        'staff',
        AT,
        AT,
        sha,
        AT,
        3,
        1,
        2,
      ],
    ],
    correction_reviews: [
      'INSERT INTO correction_reviews (request_id, subject_id, subject_version, evidence_notes, applied_at, applied_by_id, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [ids.request, ids.subject, 2, 'Passport seen', null, null, AT, 1],
    ],
    correction_decisions: [
      'INSERT INTO correction_decisions (id, request_id, field, decision, value, reason, decided_by_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [randomUUID(), ids.request, 'city', 'accepted', 'Köln', null, ids.user, AT],
    ],
    correction_follow_ups: [
      'INSERT INTO correction_follow_ups (id, request_id, disclosure_id, disclosure_reference, recipient_name, recipient_type, legal_process_id, fields, status, method, notified_on, exemption, explanation, resolved_by_id, resolved_at, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        randomUUID(),
        ids.request,
        randomUUID(),
        'D-2026-0001',
        'Acme',
        'vendor',
        null,
        '["city"]',
        'pending',
        null,
        '2026-05-04',
        null,
        null,
        null,
        null,
        AT,
        1,
      ],
    ],
    export_jobs: [
      'INSERT INTO export_jobs (id, owner_id, owner_role, owner_label, list, filter, sort, status, rows_done, rows_total, error, created_at, finished_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        exportId,
        ids.user,
        'manager',
        'Manager',
        'requests',
        '{}',
        null,
        'done',
        2,
        2,
        null,
        AT,
        AT,
        AT,
      ],
    ],
    export_chunks: [
      'INSERT INTO export_chunks (export_id, seq, data) VALUES (?, ?, ?)',
      [exportId, 0, 'id,status\n1,new\n'],
    ],
  } as Record<string, [string, unknown[]]>;
}

/** A demo desk on SQLite (demo requests, disclosures, legal process…), then every table filled. */
async function seedEveryTable(file: string): Promise<void> {
  const desk = await startTestApp({
    DATABASE_URL: `sqlite:${file}`,
    DATABASE_SCHEMA: '',
    SEED_DEMO_REQUESTS: 'true',
  });
  try {
    await signIn(desk, DEMO_EMAILS.staff);
    await desk
      .http()
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.manager, password: `${DEMO_PASSWORD}-wrong` });
  } finally {
    await desk.app.close();
  }
  const db = new Database(file);
  try {
    const id = (sql: string) => (db.prepare(sql).get() as { id: string }).id;
    const ids = {
      user: id('SELECT id FROM users ORDER BY id LIMIT 1'),
      request: id('SELECT id FROM privacy_requests ORDER BY id LIMIT 1'),
      subject: id('SELECT id FROM subjects ORDER BY id LIMIT 1'),
    };
    for (const [table, [sql, params]] of Object.entries(fillers(ids))) {
      const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number };
      if (n === 0) db.prepare(sql).run(...params);
    }
  } finally {
    db.close();
  }
}

function move(file: string, schema: string) {
  if (!existsSync(CLI)) throw new Error('Build the server first: the move CLI is missing');
  return spawnSync(
    process.execPath,
    [CLI, '--from', `sqlite:${file}`, '--to', PG_URL, '--to-schema', schema],
    { env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 120_000 },
  );
}

/** One value in a form both databases agree on, by the PostgreSQL column type. */
function normalise(value: unknown, pgType: string): unknown {
  if (value === null || value === undefined) return null;
  if (pgType === 'boolean') return value === true || value === 1;
  if (pgType === 'integer' || pgType === 'bigint') return Number(value);
  if (pgType === 'bytea') return (value as Buffer).toString('base64');
  if (pgType.startsWith('timestamp')) {
    if (value instanceof Date) return value.toISOString();
    const text = String(value).replace(' ', 'T');
    return new Date(/Z|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`).toISOString();
  }
  return value;
}

interface TableSummary {
  rows: number;
  sha256: string;
}

/** The row count and a SHA-256 of the canonical JSON of a table's rows, sorted. */
function summarise(columns: { name: string; type: string }[], rows: Row[]): TableSummary {
  const canonical = rows
    .map((row) => JSON.stringify(columns.map((c) => normalise(row[c.name], c.type))))
    .sort();
  return {
    rows: rows.length,
    sha256: createHash('sha256').update(canonical.join('\n')).digest('hex'),
  };
}

describe('moving a desk with rows in every table from SQLite to PostgreSQL', () => {
  let dir: string;
  let file: string;
  let admin: pg.Client;
  const schemas: string[] = [];
  const newSchema = async () => {
    const schema = `mvall_${randomBytes(5).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    return schema;
  };
  /** The target's tables (the migrations log aside) and their columns with PostgreSQL types. */
  const targetTables = async (schema: string) => {
    const { rows } = await admin.query<{
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT c.table_name, c.column_name, c.data_type
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.table_name <> 'migrations'
        ORDER BY c.table_name, c.ordinal_position`,
      [schema],
    );
    const tables: Record<string, { name: string; type: string }[]> = {};
    for (const row of rows)
      (tables[row.table_name] ??= []).push({ name: row.column_name, type: row.data_type });
    return tables;
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    dir = mkdtempSync(join(tmpdir(), 'pd-move-all-'));
    file = join(dir, 'desk.sqlite');
    await seedEveryTable(file);
  });
  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table: the same row count and the same rows (by checksum) on both sides', async () => {
    const schema = await newSchema();
    const moved = move(file, schema);
    expect(moved.stderr).toBe('');
    expect(moved.status).toBe(0);

    const tables = await targetTables(schema);
    const source = new Database(file, { readonly: true });
    try {
      const sqliteTables = (
        source
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name",
          )
          .all() as { name: string }[]
      ).map((t) => t.name);
      expect(Object.keys(tables).sort()).toEqual(sqliteTables);

      const before: Record<string, TableSummary> = {};
      const after: Record<string, TableSummary> = {};
      for (const [table, columns] of Object.entries(tables)) {
        before[table] = summarise(
          columns,
          source.prepare(`SELECT * FROM "${table}"`).all() as Row[],
        );
        after[table] = summarise(
          columns,
          (await admin.query<Row>(`SELECT * FROM ${schema}."${table}"`)).rows,
        );
      }
      // A new table without rows in this fixture fails here: fill it in seedEveryTable.
      const empty = Object.keys(before).filter((table) => before[table]!.rows === 0);
      expect(empty).toEqual([]);
      expect(after).toEqual(before);
    } finally {
      source.close();
    }
  });

  it('leaves every target table empty when the move fails half-way (one transaction)', async () => {
    const broken = join(dir, 'broken.sqlite');
    const db = new Database(file, { readonly: true });
    db.prepare('VACUUM INTO ?').run(broken);
    db.close();
    // SQLite keeps text longer than its declared length; PostgreSQL refuses it. The violation
    // flags are copied after the users, subjects and requests they point to.
    const copy = new Database(broken);
    copy.prepare('UPDATE violation_flags SET terms_clause = ?').run('§'.repeat(300));
    copy.close();

    const schema = await newSchema();
    const moved = move(broken, schema);
    expect(moved.status).toBe(1);
    expect(moved.stderr).toMatch(/value too long for type character varying\(200\)/);

    const tables = Object.keys(await targetTables(schema));
    expect(tables.length).toBeGreaterThan(20);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await admin.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${schema}."${table}"`,
      );
      counts[table] = Number(rows[0]!.n);
    }
    expect(counts).toEqual(Object.fromEntries(tables.map((table) => [table, 0])));
  });
});
