import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { User } from '../src/users/user.entity.js';
import { createTestDatabase } from './support/test-database.js';
import { DEMO_EMAILS, signIn, startTestApp } from './support/test-app.js';
import type { TestApp } from './support/test-app.js';
import { routerRoutes } from './support/router-routes.js';

const SERVER_DIST = fileURLToPath(new URL('../dist/', import.meta.url));

function runNode(script: string, env: Record<string, string | undefined>, args: string[] = []) {
  if (!existsSync(SERVER_DIST + script))
    throw new Error(`Build the server first (npm run build): ${script} missing`);
  return spawnSync(process.execPath, [SERVER_DIST + script, ...args], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up', () => {
  it('stops with a message naming the variable when configuration is bad', () => {
    const port = runNode('main.js', { PORT: 'eighty' });
    expect(port.status).toBe(1);
    expect(port.stderr).toMatch(/^\s*PORT: /m);
    const db = runNode('main.js', { DATABASE_URL: 'mysql://nope' });
    expect(db.status).toBe(1);
    expect(db.stderr).toMatch(/DATABASE_URL: must be sqlite:<path> or postgres:/);
    const secret = runNode('main.js', { NODE_ENV: 'production' });
    expect(secret.status).toBe(1);
    expect(secret.stderr).toMatch(/SECRET_KEY: /);
  });

  it('does not start in production until BUSINESS_TIME_ZONE is set, and says why', () => {
    const zoneless = runNode('main.js', {
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(48).toString('base64'),
      DATABASE_URL: 'sqlite::memory:',
    });
    expect(zoneless.status).toBe(1);
    expect(zoneless.stderr).toMatch(/^\s*BUSINESS_TIME_ZONE: must be set in production/m);
    expect(zoneless.stderr).toContain(
      'a US desk left on UTC turns evening requests into the next day',
    );
    // The only problem named: the rest of this configuration is fine.
    expect(zoneless.stderr).not.toMatch(/^\s*SECRET_KEY: /m);
  });

  it('does not start in production with the diagnostics routes enabled', () => {
    const diagnostics = runNode('main.js', {
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(48).toString('base64'),
      BUSINESS_TIME_ZONE: 'Europe/Berlin',
      DATABASE_URL: 'sqlite::memory:',
      ENABLE_DIAGNOSTICS: 'true',
    });
    expect(diagnostics.status).toBe(1);
    expect(diagnostics.stderr).toMatch(/^\s*ENABLE_DIAGNOSTICS: must be off in production$/m);
    // The only problem named, and nothing served.
    expect(diagnostics.stderr.match(/^\s+[A-Z_]+: /gm)).toHaveLength(1);
    expect(diagnostics.stdout).not.toMatch(/is serving/);
  });

  it('creates no demo account in production', async () => {
    const testApp = await startTestApp({
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(48).toString('base64'),
      BUSINESS_TIME_ZONE: 'America/Los_Angeles',
    });
    try {
      expect(await testApp.dataSource.getRepository(User).count()).toBe(0);
      const res = await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: DEMO_EMAILS.admin, password: 'privacy-desk-demo' });
      expect(res.status).toBe(401);
    } finally {
      await testApp.close();
    }
  });

  it('creates the first admin from the command line, who must then enrol a second factor', async () => {
    const db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: db.schema,
      AUDIT_CHECKPOINT_FILE: db.checkpointFile,
      PRIVACY_DESK_PASSWORD: 'first-admin-password',
    };
    const args = ['--email', 'First@Example.com', '--name', 'First Admin', '--role', 'admin'];
    const created = runNode('cli/create-user.js', env, args);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/Created admin account first@example.com/);
    expect(created.stdout).not.toContain('first-admin-password');

    const again = runNode('cli/create-user.js', env, args);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const badRole = runNode('cli/create-user.js', env, [
      '--email',
      'x@example.com',
      '--role',
      'boss',
    ]);
    expect(badRole.status).toBe(1);
    expect(badRole.stderr).toMatch(/Usage/);

    const testApp = await startTestApp({
      DATABASE_URL: db.url,
      ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}),
    });
    try {
      // The CLI made a user, so the demo seed leaves this database alone.
      expect(await testApp.dataSource.getRepository(User).count()).toBe(1);
      const admin = await signIn(testApp, 'first@example.com', 'first-admin-password');
      expect(admin.session.mfaEnrolmentRequired).toBe(true);
    } finally {
      await testApp.close();
    }
  });
});

describe('health, docs and unexpected errors', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('reports health with a database check and security headers', async () => {
    const res = await testApp.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
    expect(res.headers['x-request-id']).toBeDefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('documents every route at /api/docs', async () => {
    const res = await testApp.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    const documented = Object.entries(res.body.paths as Record<string, object>)
      .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m} ${path}`))
      .sort();
    const served = routerRoutes(testApp.app)
      // Not API routes: /api/docs* is the documentation itself (Swagger UI and the document),
      // /privacy is the public HTML form (outside the /api prefix), and the console's
      // static files are served for every other path.
      .filter(({ path }) => path.startsWith('/api/') && !/^\/api\/docs(\/|-|$)/.test(path))
      .map(({ method, path }) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(served.length).toBeGreaterThan(100);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !served.includes(route))).toEqual([]);
    expect(res.body.components.schemas).toHaveProperty('CreateUserDto');
    expect(res.body.components.schemas).toHaveProperty('RetentionReportDto');
    expect((await testApp.http().get('/api/docs')).status).toBe(200);
  });

  it('answers an unexpected failure with a generic 500 and a correlation id, never a stack', async () => {
    const officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    await testApp.dataSource.query('ALTER TABLE audit_entries RENAME TO audit_entries_gone');
    try {
      const res = await officer.agent.get('/api/audit').set('X-Request-Id', 'trace-me-123');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        message: expect.stringContaining('Something went wrong'),
        code: 'internal_error',
        correlationId: 'trace-me-123',
      });
      expect(JSON.stringify(res.body)).not.toMatch(/at |audit_entries|SQL/i);
    } finally {
      await testApp.dataSource.query('ALTER TABLE audit_entries_gone RENAME TO audit_entries');
    }
  });

  it('answers malformed JSON with a 400 in the error contract', async () => {
    const res = await testApp
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{oops');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'The request body is not valid JSON.',
      code: 'bad_request',
    });
  });
});
