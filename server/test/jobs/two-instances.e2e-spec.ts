import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSRF_HEADER } from '@privacy-desk/shared';
import pg from 'pg';
import { signInToServer, startServerProcess } from '../support/server-process.js';
import type { ServerProcess, ServerSession } from '../support/server-process.js';

/**
 * Two real server processes on one PostgreSQL database (always PostgreSQL: this is what
 * several instances run on). Side effects are counted in the database.
 */
const PG_URL = process.env.TEST_DATABASE_URL?.startsWith('postgres')
  ? process.env.TEST_DATABASE_URL
  : 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'two-instances-demo-password';

const signIn = (server: ServerProcess, email: string) => signInToServer(server, email, PASSWORD);

async function call(
  server: ServerProcess,
  client: ServerSession,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      cookie: client.cookie,
      [CSRF_HEADER]: client.csrf,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('two instances on one PostgreSQL database', () => {
  const schema = `mp_${randomBytes(5).toString('hex')}`;
  let db: pg.Client;
  let a: ServerProcess;
  let b: ServerProcess;
  let env: Record<string, string>;
  const checkpointFile = path.join(tmpdir(), `${schema}.audit-checkpoints.jsonl`);

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);

  beforeAll(async () => {
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`SET search_path TO ${schema}`);
    env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema,
      AUDIT_CHECKPOINT_FILE: checkpointFile,
      DEMO_PASSWORD: PASSWORD,
      ENABLE_DIAGNOSTICS: 'true',
      DIAGNOSTICS_TICK_SECONDS: '2',
      JOB_POLL_INTERVAL_MS: '100',
      JOB_CONCURRENCY: '8',
      JOB_LEASE_SECONDS: '3',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      SEED_DEMO_REQUESTS: 'false',
    };
    // Started together: migrations run once, under an advisory lock.
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
    rmSync(checkpointFile, { force: true });
  });

  it('runs 500 jobs, enqueued from both processes, each exactly once', async () => {
    const [adminA, adminB] = await Promise.all([
      signIn(a, 'admin@demo.test'),
      signIn(b, 'admin@demo.test'),
    ]);
    const [fromA, fromB] = await Promise.all([
      call(a, adminA, 'POST', '/api/diagnostics/probes', { count: 250, sleepMs: 0 }),
      call(b, adminB, 'POST', '/api/diagnostics/probes', { count: 250, sleepMs: 0 }),
    ]);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    const keys = [
      ...(fromA.body as { keys: string[] }).keys,
      ...(fromB.body as { keys: string[] }).keys,
    ];
    expect(new Set(keys).size).toBe(500);

    const ours = `action = 'diagnostics.probe_ran' AND entity_id = ANY($1)`;
    await waitFor('all probes to run', async () => {
      const done = await count(
        `SELECT COUNT(DISTINCT entity_id) AS n FROM audit_entries WHERE ${ours}`,
        [keys],
      );
      return done === 500 ? true : undefined;
    });
    const effects = await db.query<{ entity_id: string; n: string }>(
      `SELECT entity_id, COUNT(*) AS n FROM audit_entries WHERE ${ours} GROUP BY entity_id`,
      [keys],
    );
    expect(effects.rows).toHaveLength(500);
    expect(effects.rows.filter((row) => Number(row.n) !== 1)).toEqual([]);
    expect(new Set(effects.rows.map((row) => row.entity_id))).toEqual(new Set(keys));
    // Both processes did part of the work.
    const workers = await count(
      `SELECT COUNT(DISTINCT summary) AS n FROM audit_entries WHERE ${ours}`,
      [keys],
    );
    expect(workers).toBe(2);
  });

  it('keeps one verifiable audit chain under audited writes from both processes at once', async () => {
    const [adminA, adminB] = await Promise.all([
      signIn(a, 'admin@demo.test'),
      signIn(b, 'admin@demo.test'),
    ]);
    const writes = Array.from({ length: 30 }, (_, i) => {
      const [server, client] = i % 2 === 0 ? [a, adminA] : [b, adminB];
      return call(server, client, 'POST', '/api/users', {
        email: `parallel-${i}@example.com`,
        name: `Parallel ${i}`,
        role: 'staff',
        password: 'a-long-password-1',
      });
    });
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    const officer = await signIn(b, 'compliance@demo.test');
    const verdict = await call(b, officer, 'GET', '/api/audit/verify');
    expect(verdict.body).toMatchObject({ ok: true });
    const seqs = await db.query<{ seq: number }>('SELECT seq FROM audit_entries ORDER BY seq');
    expect(seqs.rows.map((r) => r.seq)).toEqual(seqs.rows.map((_, i) => i + 1));
  });

  it('fires a recurring job once per period while both processes run', async () => {
    await waitFor(
      'three recurring periods',
      async () =>
        (await count(
          `SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'diagnostics.tick'`,
        )) >= 3
          ? true
          : undefined,
      30_000,
    );
    const perPeriod = await db.query<{ entity_id: string; n: string }>(
      `SELECT entity_id, COUNT(*) AS n FROM audit_entries WHERE action = 'diagnostics.tick' GROUP BY entity_id`,
    );
    expect(perPeriod.rows.length).toBeGreaterThanOrEqual(3);
    expect(perPeriod.rows.filter((row) => Number(row.n) !== 1)).toEqual([]);
    const planned = await db.query<{ unique_key: string; n: string }>(
      `SELECT unique_key, COUNT(*) AS n FROM jobs WHERE type = 'diagnostics.tick' GROUP BY unique_key`,
    );
    expect(planned.rows.filter((row) => Number(row.n) !== 1)).toEqual([]);
  });

  it('gives 20 claim-next calls across both processes on 10 requests each request exactly once', async () => {
    const [staffA, staffB] = await Promise.all([
      signIn(a, 'staff@demo.test'),
      signIn(b, 'staff@demo.test'),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < 10; i++) {
      const created = await call(a, staffA, 'POST', '/api/requests', {
        kind: 'access',
        channel: 'phone',
        requesterName: `Queued ${i}`,
        requesterEmail: `queued-${i}@example.com`,
        receivedAt: today,
        payload: { format: 'pdf' },
      });
      expect(created.status).toBe(201);
    }
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? call(a, staffA, 'POST', '/api/requests/claim-next', {})
          : call(b, staffB, 'POST', '/api/requests/claim-next', {}),
      ),
    );
    const claimed = results
      .filter((r) => r.status === 200)
      .map((r) => (r.body as { id: string }).id);
    expect(claimed).toHaveLength(10);
    expect(new Set(claimed).size).toBe(10);
    const empty = results.filter((r) => r.status === 404);
    expect(empty).toHaveLength(10);
    for (const r of empty) expect((r.body as { code: string }).code).toBe('queue_empty');
    expect(
      await count(`SELECT COUNT(*) AS n FROM privacy_requests WHERE status = 'in_progress'`),
    ).toBe(10);
    expect(
      await count(`SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'request.claim'`),
    ).toBe(10);
  });

  it('finishes a job in the other process after its worker is killed mid-job and the lease expires', async () => {
    const admin = await signIn(a, 'admin@demo.test');
    const queued = await call(a, admin, 'POST', '/api/diagnostics/probes', {
      count: 1,
      sleepMs: 5000,
    });
    const [key] = (queued.body as { keys: string[] }).keys;
    const holder = await waitFor('the slow probe to be claimed', async () => {
      const row = (
        await db.query<{ locked_by: string | null }>(
          `SELECT locked_by FROM jobs WHERE type = 'diagnostics.probe' AND payload LIKE $1 AND status = 'running'`,
          [`%${key}%`],
        )
      ).rows[0];
      return row?.locked_by ?? undefined;
    });
    const [victim, survivor] = holder.includes(`:${a.pid}:`) ? [a, b] : [b, a];
    expect(holder).toContain(`:${victim.pid}:`);
    await victim.kill('SIGKILL');

    const finished = await waitFor('the survivor to finish the job', async () => {
      const row = (
        await db.query<{ status: string; attempts: number }>(
          `SELECT status, attempts FROM jobs WHERE type = 'diagnostics.probe' AND payload LIKE $1`,
          [`%${key}%`],
        )
      ).rows[0];
      return row?.status === 'succeeded' ? row : undefined;
    });
    expect(finished.attempts).toBe(2);
    const effects = await db.query<{ summary: string }>(
      `SELECT summary FROM audit_entries WHERE action = 'diagnostics.probe_ran' AND entity_id = $1`,
      [key],
    );
    expect(effects.rows).toHaveLength(1);
    expect(effects.rows[0]!.summary).toContain(`:${survivor.pid}:`);

    // The other tests need two live instances, whatever order they run in.
    const replacement = await startServerProcess(env);
    if (victim === a) a = replacement;
    else b = replacement;
  });
});
