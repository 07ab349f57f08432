import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// Runs the built server (server/dist/main.js) on a free port with a database of its own; the
// server serves admin-ui/dist itself. The database is a temporary SQLite file, or, when
// TEST_DATABASE_URL is postgres://..., a fresh schema in that database, dropped on stop().

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
const STARTUP_MS = 60_000;
const TERM_GRACE_MS = 5_000;

/** Where a test server keeps its data, for tests that set up rows no API creates. */
export type TestServerDatabaseInfo =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

export interface TestServer {
  baseUrl: string;
  database: TestServerDatabaseInfo;
  /** Kills the server, waits for it to exit, and throws its database away. Idempotent. */
  stop(): Promise<void>;
}

/** The database one server runs on: what to tell the server, and how to throw it away. */
interface TestServerDatabase {
  info: TestServerDatabaseInfo;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A TCP port nothing listens on right now (for a server whose URL must be known up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function withPgClient(url: string, work: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(): Promise<TestServerDatabase> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl?.startsWith('postgres')) {
    // Random hex only: safe to splice into the DDL.
    const schema = `b_${randomBytes(6).toString('hex')}`;
    await withPgClient(pgUrl, async (client) => {
      await client.query(`CREATE SCHEMA ${schema}`);
    });
    // The audit checkpoints of this schema go in a folder of their own, dropped with it.
    const dir = mkdtempSync(path.join(tmpdir(), 'privacy-desk-e2e-'));
    return {
      info: { kind: 'postgres', url: pgUrl, schema },
      env: {
        DATABASE_URL: pgUrl,
        DATABASE_SCHEMA: schema,
        AUDIT_CHECKPOINT_FILE: path.join(dir, 'audit-checkpoints.jsonl'),
      },
      drop: async () => {
        rmSync(dir, { recursive: true, force: true });
        await withPgClient(pgUrl, async (client) => {
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        });
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'privacy-desk-e2e-'));
  const file = path.join(dir, 'db.sqlite');
  return {
    info: { kind: 'sqlite', file },
    env: { DATABASE_URL: `sqlite:${file}` },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
async function killAndWait(child: ChildProcess): Promise<void> {
  // No pid: the process never started.
  if (child.pid === undefined || hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The exit may have happened between the check above and the listener.
  if (hasExited(child)) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), TERM_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(
        `The server exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `The server did not answer /api/health within ${STARTUP_MS / 1000} s:\n${output()}`,
  );
}

/** The environment of the server, or a function of its base URL (for PUBLIC_BASE_URL). */
export type TestServerEnv = NodeJS.ProcessEnv | ((baseUrl: string) => NodeJS.ProcessEnv);

const PORT_ATTEMPTS = 5;

/**
 * Starts the built server. `env` overrides anything, including the defaults set here: a
 * sign-in limit high enough for the journeys, a quick job poll, and no demo requests.
 */
export async function startTestServer(envOrFn: TestServerEnv = {}): Promise<TestServer> {
  const database = await createDatabase();
  let child: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;
  // A Jest worker that dies without afterAll must not leave the server running.
  const killOnExit = () => child?.kill('SIGKILL');

  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', killOnExit);
      try {
        if (child) await killAndWait(child);
      } finally {
        await database.drop();
      }
    })();
    return stopping;
  };

  try {
    process.on('exit', killOnExit);
    // A free port can be taken by another process between the probe and the server's bind:
    // then the server exits with EADDRINUSE and we try another port.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const env = typeof envOrFn === 'function' ? envOrFn(baseUrl) : envOrFn;
      const started = spawnServer(port, { ...database.env }, env);
      child = started.child;
      // A server that dies under a running test leaves only "connection refused": say why.
      started.child.once('exit', (code, signal) => {
        if (!stopping && (code !== 0 || signal))
          process.stderr.write(
            `\n[test server on ${baseUrl} exited: code ${code}, signal ${signal}]\n${started.output().slice(-4000)}\n`,
          );
      });
      try {
        await waitForHealth(baseUrl, started.child, started.output);
        return { baseUrl, database: database.info, stop };
      } catch (error) {
        const portTaken = /EADDRINUSE/.test(started.output());
        await killAndWait(started.child);
        if (!portTaken || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

function spawnServer(
  port: number,
  databaseEnv: NodeJS.ProcessEnv,
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    JOB_POLL_INTERVAL_MS: '500',
    // Demo accounts, but no demo requests: queues hold only what a journey puts there.
    SEED_DEMO_REQUESTS: 'false',
    ...databaseEnv,
    ...env,
  };
  // A schema set in the outer environment must not leak into a SQLite run.
  if (!databaseEnv.DATABASE_SCHEMA && !env.DATABASE_SCHEMA) delete childEnv.DATABASE_SCHEMA;
  let log = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.on('error', (error) => (log += `\n[spawn] ${error.message}\n`));
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return { child, output: () => log };
}
