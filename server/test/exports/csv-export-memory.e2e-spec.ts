import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { signInToServer, startServerProcess } from '../support/server-process.js';
import type { ServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';
import { seedSubjects } from './support.js';

const ROWS = 100_000;
const PASSWORD = 'export-memory-demo-password';

/** Resident and peak memory of a process, in bytes, from /proc/<pid>/status. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    throw new Error(`The server (pid ${pid}) is gone: did it run out of memory?`);
  }
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function seed(db: TestDatabase): Promise<void> {
  if (db.schema) {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await seedSubjects((sql, params) => client.query(sql, params), db.schema, ROWS, true);
    } finally {
      await client.end();
    }
    return;
  }
  const sqlite = new Database(db.file!);
  try {
    await seedSubjects(
      async (sql, params) => sqlite.prepare(sql).run(...params),
      undefined,
      ROWS,
      true,
    );
  } finally {
    sqlite.close();
  }
}

describe('a 100,000-row CSV export', () => {
  let db: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServerProcess({
      DATABASE_URL: db.url,
      ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}),
      AUDIT_CHECKPOINT_FILE: db.checkpointFile,
      DEMO_PASSWORD: PASSWORD,
      JOBS_ENABLED: 'false',
      SEED_DEMO_REQUESTS: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      // A heap far smaller than 100,000 rows held at once (entities, API rows, CSV text), so an
      // export that buffered would fail, and garbage is collected instead of piling up.
      NODE_OPTIONS: '--max-old-space-size=96',
    });
    await seed(db);
  }, 120_000);

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('streams with flat memory: the server never holds the file', async () => {
    const { cookie } = await signInToServer(server, 'manager@demo.test', PASSWORD);
    const get = (path: string) => fetch(`${server.baseUrl}${path}`, { headers: { cookie } });

    // Warm up (code paths loaded, pools open) before the baseline is taken.
    await (await get('/api/subjects?format=csv&filter={"q":"person 00001"}')).text();
    const baseline = memoryOf(server.pid).rss;

    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(server.pid).rss);
    }, 20);
    const res = await get('/api/subjects?format=csv');
    expect(res.status).toBe(200);
    let bytes = 0;
    let lines = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const byte of value) if (byte === 0x0a) lines++;
      peak = Math.max(peak, memoryOf(server.pid).rss);
    }
    clearInterval(sampler);
    const growth = peak - baseline;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `CSV export of ${ROWS} rows (${db.schema ? 'PostgreSQL' : 'SQLite'}): ${mb(bytes)} sent; server RSS ${mb(baseline)} before, peak ${mb(peak)} (growth ${mb(growth)}); VmHWM ${mb(memoryOf(server.pid).hwm)}`,
    );
    expect(lines).toBe(ROWS + 1);
    // Rows of 800 characters and more: a file of over 80 MB, which a server that buffered it
    // could not hold within its 96 MB heap (nor grow by less than its size).
    expect(bytes).toBeGreaterThan(80 * 1024 * 1024);
    expect(growth).toBeLessThan(100 * 1024 * 1024);
  }, 300_000);

  it('audits an export the client abandons as aborted, with the rows sent so far', async () => {
    const { cookie: manager } = await signInToServer(server, 'manager@demo.test', PASSWORD);
    const abort = new AbortController();
    const res = await fetch(`${server.baseUrl}/api/subjects?format=csv`, {
      headers: { cookie: manager },
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();

    const { cookie: officer } = await signInToServer(server, 'compliance@demo.test', PASSWORD);
    const filter = encodeURIComponent(JSON.stringify({ action: 'export.aborted' }));
    let entries: { summary: string }[] = [];
    for (let i = 0; i < 100 && entries.length === 0; i++) {
      const audit = await fetch(`${server.baseUrl}/api/audit?filter=${filter}`, {
        headers: { cookie: officer },
      });
      entries = (await audit.json()) as { summary: string }[];
      if (entries.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(entries).toHaveLength(1);
    const rows = Number(/aborted: (\d+) rows/.exec(entries[0]!.summary)?.[1]);
    expect(rows).toBeLessThan(ROWS);
  }, 120_000);
});
