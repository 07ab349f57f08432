import { REQUEST_STATUSES } from '@privacy-desk/shared';
import type { RequestStatus, SessionInfo } from '@privacy-desk/shared';
import { startServerProcess } from '../support/server-process.js';
import type { ServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

/**
 * The demo desk as `npm start` leaves it on a fresh database (every other test turns the demo
 * requests off): the built server, started as its own process in development with the
 * README's defaults, then booted once more on the same database.
 */

// The README's demo accounts and their default password.
const README_ACCOUNTS = {
  'staff@demo.test': 'staff',
  'compliance@demo.test': 'compliance_officer',
  'manager@demo.test': 'manager',
  'admin@demo.test': 'admin',
} as const;
const README_PASSWORD = 'privacy-desk-demo';

type Counts = { users: number; subjects: number; requests: Record<RequestStatus, number> };

type Reader = 'manager@demo.test' | 'admin@demo.test';

/** Rows the demo seeds, counted through the API (users by the admin, the rest by the manager). */
async function countDesk(
  get: (path: string, as: Reader) => Promise<{ status: number; total: number }>,
): Promise<Counts> {
  const total = async (path: string, as: Reader) => {
    const res = await get(`${path}?range=${encodeURIComponent('[0,0]')}`, as);
    expect(res.status).toBe(200);
    return res.total;
  };
  const requests = {} as Record<RequestStatus, number>;
  for (const status of REQUEST_STATUSES) {
    const filter = encodeURIComponent(JSON.stringify({ status }));
    const res = await get(
      `/api/requests?filter=${filter}&range=${encodeURIComponent('[0,0]')}`,
      'manager@demo.test',
    );
    expect(res.status).toBe(200);
    requests[status] = res.total;
  }
  return {
    users: await total('/api/users', 'admin@demo.test'),
    subjects: await total('/api/subjects', 'manager@demo.test'),
    requests,
  };
}

const totalOf = (contentRange: string | null | undefined) =>
  Number(/\/(\d+)$/.exec(contentRange ?? '')?.[1] ?? Number.NaN);

/** Signs in as every README account; answers each one's session cookie. */
async function signInAll(baseUrl: string): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  for (const [email, role] of Object.entries(README_ACCOUNTS)) {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: README_PASSWORD }),
    });
    expect({ email, status: res.status }).toEqual({ email, status: 200 });
    const session = (await res.json()) as SessionInfo;
    expect(session.user.role).toBe(role);
    // Trying the demo stays one step: no second factor to enrol, no password to change.
    expect(session.mfaEnrolmentRequired).toBe(false);
    expect(session.passwordChangeRequired).toBe(false);
    cookies[email] = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }
  return cookies;
}

const reader =
  (baseUrl: string, cookies: Record<string, string>) => async (path: string, as: Reader) => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookies[as] } });
    return { status: res.status, total: totalOf(res.headers.get('content-range')) };
  };

describe('the demo desk on a fresh database', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // What `npm start` runs with: development, demo data and demo requests on by default.
    env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}),
      AUDIT_CHECKPOINT_FILE: db.checkpointFile,
      // The background jobs would add rows between the two counts.
      JOBS_ENABLED: 'false',
    };
    server = await startServerProcess(env);
  });
  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('seeds one account per role with the README password, requests in several states, and nothing twice', async () => {
    const cookies = await signInAll(server!.baseUrl);
    const first = await countDesk(reader(server!.baseUrl, cookies));
    expect(first.users).toBeGreaterThanOrEqual(4);
    expect(first.subjects).toBeGreaterThan(0);
    // Requests in every state of the life cycle.
    const states = REQUEST_STATUSES.filter((status) => first.requests[status] > 0);
    expect(states).toEqual([...REQUEST_STATUSES]);
    expect(server!.output()).toContain('Seeded demo accounts');

    // The demo's customers came from the company's records, written through the same service.
    const query = encodeURIComponent(JSON.stringify({ q: 'ada.byron@example.com' }));
    const found = await fetch(`${server!.baseUrl}/api/subjects?filter=${query}`, {
      headers: { cookie: cookies['manager@demo.test']! },
    });
    const [ada] = (await found.json()) as { id: string }[];
    const history = await fetch(`${server!.baseUrl}/api/subjects/${ada!.id}/history`, {
      headers: { cookie: cookies['manager@demo.test']! },
    });
    expect(history.status).toBe(200);
    const changes = (await history.json()) as { changedBy: string; reason: string }[];
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((c) => `${c.changedBy} / ${c.reason}`))).toEqual(
      new Set(['Customer records import / Imported from the customer records']),
    );

    // A restart on the same database: the desk is not empty, so seeding is not even tried
    // (a retry would only stop on the first duplicate and say so in the log).
    await server!.kill();
    server = await startServerProcess(env);
    const again = await signInAll(server.baseUrl);
    expect(await countDesk(reader(server.baseUrl, again))).toEqual(first);
    expect(server.output()).not.toMatch(/DemoSeed|Seeded demo/);
  });
});
