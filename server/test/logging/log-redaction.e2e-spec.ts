import { startServerProcess } from '../support/server-process.js';
import type { ServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

/**
 * The README's promise about logs, checked on the real log lines of a real server: the built
 * server runs as its own process at LOG_LEVEL=info, gets requests that carry personal data in
 * the query string, the body and the headers, and its whole output is searched for it.
 */

// Distinctive values, so that a hit can only come from these requests.
const MARK = {
  password: 'Pw-Zq7Marker-Secret',
  wrongPassword: 'Wrong-Pw-Kx3Marker',
  unknownEmail: 'nobody.kx3marker@example.com',
  searchedEmail: 'ada.qv9marker@example.com',
  requesterName: 'Adalind Qv9Marker',
  requesterEmail: 'adalind.qv9marker@example.com',
  subjectName: 'Bertrand Wz4Marker',
  subjectEmail: 'bertrand.wz4marker@example.com',
  subjectPhone: '+14155550199',
  subjectAddress: '7 Wz4Marker Lane',
  apiRequesterName: 'Cordelia Yt2Marker',
  apiRequesterEmail: 'cordelia.yt2marker@example.com',
};

interface LogLine {
  msg?: string;
  req?: { id?: string; method?: string; path?: string; url?: string };
  res?: { statusCode?: number };
  [key: string]: unknown;
}

describe('request logs of a running server', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let cookie = '';
  let csrf = '';
  let apiKey = '';
  const answers: { method: string; path: string; status: number; requestId: string | null }[] = [];

  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    answers.push({
      method,
      path: path.split('?')[0],
      status: response.status,
      requestId: response.headers.get('x-request-id'),
    });
    return {
      status: response.status,
      body: text ? JSON.parse(text) : null,
      headers: response.headers,
    };
  }

  async function signInAs(email: string, password: string) {
    cookie = '';
    csrf = '';
    const res = await call('POST', '/api/auth/login', { email, password });
    expect(res.status).toBe(200);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    csrf = (res.body as { csrfToken: string }).csrfToken;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServerProcess({
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}),
      AUDIT_CHECKPOINT_FILE: db.checkpointFile,
      DEMO_PASSWORD: MARK.password,
      SEED_DEMO_REQUESTS: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });

    expect(
      (
        await call('POST', '/api/auth/login', {
          email: MARK.unknownEmail,
          password: MARK.wrongPassword,
        })
      ).status,
    ).toBe(401);

    await signInAs('admin@demo.test', MARK.password);
    const key = await call('POST', '/api/api-keys', {
      name: 'Log test',
      scopes: ['requests:create'],
    });
    expect(key.status).toBe(201);
    apiKey = (key.body as { secret: string }).secret;

    await signInAs('staff@demo.test', MARK.password);
    const filter = encodeURIComponent(JSON.stringify({ q: MARK.searchedEmail }));
    expect((await call('GET', `/api/requests?filter=${filter}`)).status).toBe(200);
    expect((await call('GET', `/api/subjects?filter=${filter}`)).status).toBe(200);
    const subject = await call('POST', '/api/subjects', {
      name: MARK.subjectName,
      email: MARK.subjectEmail,
      phone: MARK.subjectPhone,
      addressLine1: MARK.subjectAddress,
    });
    expect(subject.status).toBe(201);
    const entered = await call('POST', '/api/requests', {
      kind: 'access',
      channel: 'phone',
      jurisdiction: 'gdpr',
      requesterName: MARK.requesterName,
      requesterEmail: MARK.requesterEmail,
      receivedAt: new Date().toISOString().slice(0, 10),
      payload: { format: 'pdf' },
    });
    expect(entered.status).toBe(201);

    const [savedCookie, savedCsrf] = [cookie, csrf];
    cookie = '';
    csrf = '';
    const viaApi = await call(
      'POST',
      '/api/intake/requests',
      {
        kind: 'access',
        requesterName: MARK.apiRequesterName,
        requesterEmail: MARK.apiRequesterEmail,
        payload: { format: 'pdf' },
      },
      { Authorization: `Bearer ${apiKey}` },
    );
    expect(viaApi.status).toBe(201);
    const publicForm = await call('POST', '/api/public/requests', {
      kind: 'access',
      requesterName: MARK.requesterName,
      requesterEmail: MARK.requesterEmail,
      jurisdiction: 'gdpr',
      payload: { format: 'json' },
    });
    expect(publicForm.status).toBe(202);
    [cookie, csrf] = [savedCookie, savedCsrf];
    // Sign-out is the last request: the session cookie it carries must not reach the log either.
    expect((await call('POST', '/api/auth/logout')).status).toBeLessThan(300);
    // SIGTERM flushes pino's buffered lines before the process exits.
    await server.kill();
  });

  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  const jsonLines = () =>
    server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  const requestLines = () => jsonLines().filter((line) => line.req !== undefined);

  it('logs one line per request, with its method, its path without the query and its request id', () => {
    const lines = requestLines();
    expect(answers.length).toBeGreaterThanOrEqual(10);
    for (const answer of answers) {
      expect(answer.requestId).toMatch(/^[\w.-]{1,64}$/);
      const line = lines.find((l) => l.req?.id === answer.requestId);
      expect(line).toBeDefined();
      expect(line!.req).toEqual({ id: answer.requestId, method: answer.method, path: answer.path });
      expect(line!.res?.statusCode).toBe(answer.status);
    }
    const filtered = lines.filter((l) => l.req?.path === '/api/requests' && l.req.method === 'GET');
    expect(filtered).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('?filter');
  });

  it('keeps personal data, passwords, cookies, CSRF tokens and API keys out of the whole output', () => {
    const output = server.output();
    const secrets = [
      ...Object.values(MARK),
      apiKey,
      csrf,
      ...cookie.split('; ').map((c) => c.split('=')[1]),
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect({ secret, found: output.includes(secret) }).toEqual({ secret, found: false });
    }
    // The search term, URL-encoded as it travelled in the query string, is not there either.
    expect(output).not.toContain('qv9marker');
    // The demo banner names the demo accounts; no JSON log line does.
    const json = JSON.stringify(jsonLines());
    expect(json).not.toMatch(/@demo\.test/);
  });
});
