import { createHash } from 'node:crypto';
import { SESSION_COOKIE } from '@privacy-desk/shared';
import { DEMO_EMAILS, DEMO_PASSWORD, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** The cookie's token from a Set-Cookie header, as the browser would send it back. */
function sessionToken(setCookie: string[] | string | undefined): string {
  const header = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith(SESSION_COOKIE));
  const match = header && new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(header);
  if (!match) throw new Error(`no ${SESSION_COOKIE} cookie in ${JSON.stringify(setCookie)}`);
  return decodeURIComponent(match[1]!);
}

describe('the sessions table', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('stores only the SHA-256 of the session token, never the token itself', async () => {
    const agent = testApp.http();
    const login = await agent
      .post('/api/auth/login')
      .send({ email: DEMO_EMAILS.staff, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const token = sessionToken(login.headers['set-cookie']);
    expect(token.length).toBeGreaterThanOrEqual(32);

    // Read straight from the table, every column, without the entity mapping.
    const all: Record<string, unknown>[] = await testApp.dataSource.query('SELECT * FROM sessions');
    const rows = all.filter((r) => r.user_id === login.body.user.id);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    const everyValue = Object.values(row).map((value) =>
      value instanceof Date ? value.toISOString() : String(value),
    );
    for (const value of everyValue) expect(value).not.toContain(token);
    expect(row.token_hash).toBe(createHash('sha256').update(token, 'utf8').digest('hex'));

    // The stored hash is what the cookie is checked against: the same cookie still works.
    expect((await agent.get('/api/auth/me')).status).toBe(200);
  });
});
