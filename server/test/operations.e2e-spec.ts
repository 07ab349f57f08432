import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { User } from '../src/users/user.entity.js';
import { startServerProcess } from './support/server-process.js';
import { DEMO_EMAILS, DEMO_PASSWORD, signIn, startTestApp } from './support/test-app.js';
import type { TestApp } from './support/test-app.js';

const DIST = fileURLToPath(new URL('../dist/cli/', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL?.startsWith('postgres')
  ? process.env.TEST_DATABASE_URL
  : 'postgres://postgres@127.0.0.1:5432/test';

function cli(script: string, args: string[], env: Record<string, string> = {}) {
  if (!existsSync(DIST + script)) throw new Error(`Build the server first: ${script} is missing`);
  return spawnSync(process.execPath, [DIST + script, ...args], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** A desk with some history: demo accounts, extra users, a locked account, audit entries. */
async function seedDesk(testApp: TestApp): Promise<void> {
  const admin = await signIn(testApp, DEMO_EMAILS.admin);
  for (let i = 0; i < 5; i++) {
    await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({
        email: `moved-${i}@example.com`,
        name: `Moved ${i}`,
        role: 'staff',
        password: 'a-long-password-1',
      })
      .expect(201);
  }
  await testApp
    .http()
    .post('/api/auth/login')
    .send({ email: 'moved-0@example.com', password: 'wrong-password' });
}

async function sqliteDesk(file: string): Promise<TestApp> {
  return startTestApp({ DATABASE_URL: `sqlite:${file}`, DATABASE_SCHEMA: '' });
}

describe('operations on an SQLite desk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pd-ops-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes an online backup while the server runs, and a fresh server starts from it with the same data', async () => {
    const live = await sqliteDesk(join(dir, 'live.sqlite'));
    let users: number;
    let entries: number;
    try {
      await seedDesk(live);
      users = await live.dataSource.getRepository(User).count();
      entries = await live.dataSource.getRepository(AuditEntry).count();
      const backup = cli('backup.js', ['--out', join(dir, 'backup.sqlite')], {
        DATABASE_URL: `sqlite:${join(dir, 'live.sqlite')}`,
      });
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      // The live server keeps working after the backup.
      await signIn(live, DEMO_EMAILS.staff);
    } finally {
      await live.close();
    }

    const restored = await sqliteDesk(join(dir, 'backup.sqlite'));
    try {
      expect(await restored.dataSource.getRepository(User).count()).toBe(users);
      expect(await restored.dataSource.getRepository(AuditEntry).count()).toBeGreaterThanOrEqual(
        entries,
      );
      await signIn(restored, 'moved-3@example.com', 'a-long-password-1');
      const officer = await signIn(restored, DEMO_EMAILS.compliance_officer);
      expect((await officer.agent.get('/api/audit/verify')).body).toMatchObject({ ok: true });
    } finally {
      await restored.close();
    }
  });

  it('refuses to back up PostgreSQL, pointing at pg_dump', () => {
    const res = cli('backup.js', [], { DATABASE_URL: PG_URL });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/pg_dump/);
  });

  it('moves a seeded desk to PostgreSQL with equal row counts and a verifying chain', async () => {
    const file = join(dir, 'desk.sqlite');
    const desk = await sqliteDesk(file);
    try {
      await seedDesk(desk);
    } finally {
      await desk.app.close();
    }
    const schema = `mv_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const moved = cli('migrate-sqlite-to-postgres.js', [
        '--from',
        `sqlite:${file}`,
        '--to',
        PG_URL,
        '--to-schema',
        schema,
      ]);
      expect(moved.stderr).toBe('');
      expect(moved.status).toBe(0);
      expect(moved.stdout).toMatch(/row counts are equal; the audit chain verifies on the target/);

      const source = await sqliteDesk(file);
      const counts = {
        users: await source.dataSource.getRepository(User).count(),
        audit_entries: await source.dataSource.getRepository(AuditEntry).count(),
      };
      await source.close();
      for (const [table, n] of Object.entries(counts)) {
        const { rows } = await admin.query<{ n: string }>(
          `SELECT COUNT(*) AS n FROM ${schema}.${table}`,
        );
        expect({ table, n: Number(rows[0]!.n) }).toEqual({ table, n });
      }

      const again = cli('migrate-sqlite-to-postgres.js', [
        '--from',
        `sqlite:${file}`,
        '--to',
        PG_URL,
        '--to-schema',
        schema,
      ]);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/already holds data/);

      const { rows } = await admin.query<{ failed_login_count: number; created_at: Date }>(
        `SELECT failed_login_count, created_at FROM ${schema}.users WHERE email = 'moved-0@example.com'`,
      );
      expect(rows[0]!.failed_login_count).toBe(1);
      expect(Math.abs(rows[0]!.created_at.getTime() - Date.now())).toBeLessThan(10 * 60_000);

      // The moved desk serves from PostgreSQL: sign-in works and the chain verifies through the API.
      const checkpointFile = join(tmpdir(), `${schema}.audit-checkpoints.jsonl`);
      const server = await startServerProcess({
        DATABASE_URL: PG_URL,
        DATABASE_SCHEMA: schema,
        AUDIT_CHECKPOINT_FILE: checkpointFile,
        DEMO_PASSWORD,
      });
      try {
        const login = await fetch(`${server.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: DEMO_EMAILS.compliance_officer, password: DEMO_PASSWORD }),
        });
        expect(login.status).toBe(200);
        const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
        const verify = await fetch(`${server.baseUrl}/api/audit/verify`, { headers: { cookie } });
        expect(await verify.json()).toMatchObject({ ok: true });
      } finally {
        await server.kill();
        rmSync(checkpointFile, { force: true });
      }
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
