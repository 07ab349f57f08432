import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CSRF_HEADER } from '@privacy-desk/shared';
import Database from 'better-sqlite3';
import { signInToServer, startServerProcess } from './support/server-process.js';
import type { ServerProcess } from './support/server-process.js';

/**
 * `npm run backup` while a running server writes: the copy is one consistent moment of the
 * desk. Always SQLite: on PostgreSQL the backup is pg_dump's job, and the CLI refuses it
 * (operations.e2e-spec.ts).
 */
const DIST = fileURLToPath(new URL('../dist/cli/', import.meta.url));
const PASSWORD = 'backup-under-writes-password';
const run = promisify(execFile);

const signIn = (server: ServerProcess, email: string) => signInToServer(server, email, PASSWORD);

describe('a backup taken while the server writes', () => {
  let dir: string;
  let server: ServerProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pd-backup-writes-'));
    env = {
      DATABASE_URL: `sqlite:${join(dir, 'live.sqlite')}`,
      DEMO_PASSWORD: PASSWORD,
      SEED_DEMO_REQUESTS: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    };
    server = await startServerProcess(env);
  });
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is intact and consistent: every request has its timeline and audit entry, and the chain verifies', async () => {
    if (!existsSync(`${DIST}backup.js`)) throw new Error('Build the server first');
    const staff = await signIn(server, 'staff@demo.test');
    const today = new Date().toISOString().slice(0, 10);
    let created = 0;
    let stop = false;
    const failures: string[] = [];
    let progressed = () => {};
    const writer = async (name: string) => {
      for (let i = 0; !stop; i++) {
        const res = await fetch(`${server.baseUrl}/api/requests`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: staff.cookie,
            [CSRF_HEADER]: staff.csrf,
          },
          body: JSON.stringify({
            kind: 'access',
            channel: 'phone',
            requesterName: `Writer ${name} ${i}`,
            requesterEmail: `writer-${name}-${i}@example.com`,
            receivedAt: today,
            payload: { format: 'pdf' },
          }),
        });
        if (res.status === 201) created++;
        else failures.push(`${res.status} ${await res.text()}`);
        progressed();
      }
    };
    const until = async (count: number) => {
      while (created < count && failures.length === 0)
        await new Promise<void>((resolve) => (progressed = resolve));
    };

    // A long read (a report, an export) holds the checkpoint back: from here on, the writes
    // live only in the WAL file, and a backup must take them from there.
    const reader = new Database(join(dir, 'live.sqlite'), { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT COUNT(*) AS n FROM users').get();

    const writers = [writer('a'), writer('b')];
    let before: number;
    let after: number;
    try {
      await until(20);
      before = created;
      await run(process.execPath, [`${DIST}backup.js`, '--out', join(dir, 'backup.sqlite')], {
        env: { PATH: process.env.PATH, ...env },
      });
      after = created;
      // Writes went on after the copy too: the backup is a moment, not the end.
      await until(after + 10);
    } finally {
      stop = true;
      await Promise.all(writers);
      reader.prepare('COMMIT').run();
      reader.close();
    }
    expect(failures).toEqual([]);

    const backup = new Database(join(dir, 'backup.sqlite'), { readonly: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(backup.pragma('foreign_key_check')).toEqual([]);
      const count = (sql: string) => (backup.prepare(sql).get() as { n: number }).n;
      const requests = count('SELECT COUNT(*) AS n FROM privacy_requests');
      expect(requests).toBeGreaterThanOrEqual(before);
      // A request may be committed before its answer reached its writer: one per writer.
      expect(requests).toBeLessThanOrEqual(after + writers.length);
      expect(
        count(
          'SELECT COUNT(*) AS n FROM privacy_requests r WHERE NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id)',
        ),
      ).toBe(0);
      expect(
        count(
          "SELECT COUNT(DISTINCT entity_id) AS n FROM audit_entries WHERE action = 'request.created' AND entity_id IN (SELECT id FROM privacy_requests)",
        ),
      ).toBe(requests);
      expect(
        count("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'request.created'"),
      ).toBe(requests);
    } finally {
      backup.close();
    }

    // The chain in the copy verifies on its own (the live checkpoints are later than the copy).
    const verify = spawnSync(
      process.execPath,
      [`${DIST}audit-verify.js`, '--checkpoints', join(dir, 'none.jsonl')],
      {
        env: {
          PATH: process.env.PATH,
          ...env,
          DATABASE_URL: `sqlite:${join(dir, 'backup.sqlite')}`,
        },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });
});
