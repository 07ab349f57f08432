import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { cliActor } from '../src/auth/actor.js';
import { createApp } from '../src/bootstrap.js';
import { ManualClock } from '../src/common/clock/clock.js';
import { UsersService } from '../src/users/users.service.js';
import { DEMO_EMAILS, DEMO_PASSWORD, signIn, startTestApp } from './support/test-app.js';
import type { TestApp } from './support/test-app.js';

/** Item 13 of issue 7: API documentation in production, caching, and per-IP limits at scale. */
const PRODUCTION = {
  NODE_ENV: 'production',
  SECRET_KEY: randomBytes(48).toString('base64'),
  BUSINESS_TIME_ZONE: 'America/New_York',
  // supertest speaks plain HTTP: without this the Secure session cookie would never be sent back.
  COOKIE_SECURE: 'false',
};

describe('Cache-Control on API answers', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp?.close());

  it('is no-store on every API answer: signed in, the CSRF token, errors and public routes', async () => {
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const answers = {
      me: await staff.agent.get('/api/auth/me'),
      list: await staff.agent.get('/api/requests'),
      forbidden: await staff.agent.get('/api/users'),
      notSignedIn: await testApp.http().get('/api/auth/me'),
      login: await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: DEMO_EMAILS.staff, password: DEMO_PASSWORD }),
      health: await testApp.http().get('/api/health'),
      unknownRoute: await testApp.http().get('/api/no-such-thing'),
      publicForm: await testApp.http().get('/privacy'),
    };
    expect(answers.me.status).toBe(200);
    expect(answers.me.body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
    for (const [name, res] of Object.entries(answers)) {
      // No ETag either: nothing may revalidate an answer it must not keep.
      expect({ name, cacheControl: res.headers['cache-control'], etag: res.headers.etag }).toEqual({
        name,
        cacheControl: 'no-store',
        etag: undefined,
      });
    }
  });

  it('serves the API documentation without sign-in outside production', async () => {
    const res = await testApp.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.info.title).toBe('Privacy Desk API');
  });
});

describe('API documentation in production', () => {
  it('is off by default', async () => {
    const testApp = await startTestApp(PRODUCTION);
    try {
      for (const path of ['/api/docs', '/api/docs/', '/api/docs-json']) {
        const res = await testApp.http().get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    } finally {
      await testApp.close();
    }
  });

  it('with API_DOCS=true, needs a signed-in session', async () => {
    const testApp = await startTestApp({ ...PRODUCTION, API_DOCS: 'true' });
    try {
      for (const path of ['/api/docs', '/api/docs-json']) {
        const res = await testApp.http().get(path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 401,
          code: 'unauthenticated',
        });
        expect(res.text).not.toContain('Privacy Desk API');
      }
      await testApp.app.get(UsersService).create(cliActor(), {
        email: 'reader@example.com',
        name: 'Docs Reader',
        role: 'staff',
        password: 'a-long-enough-password',
      });
      const reader = await signIn(testApp, 'reader@example.com', 'a-long-enough-password');
      const json = await reader.agent.get('/api/docs-json');
      expect(json.status).toBe(200);
      expect(json.body.info.title).toBe('Privacy Desk API');
      expect((await reader.agent.get('/api/docs/')).status).toBe(200);
    } finally {
      await testApp.close();
    }
  });
});

describe('per-IP limits with several instances on one database', () => {
  const clock = new ManualClock();
  let first: TestApp;
  let second: INestApplication;

  beforeAll(async () => {
    const env = { LOGIN_RATE_LIMIT_PER_MINUTE: '3', JOBS_ENABLED: 'false' };
    first = await startTestApp(env, { clock });
    // A second instance of the server on the same database, as behind a load balancer.
    ({ app: second } = await createApp(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: first.db.url,
        ...(first.db.schema ? { DATABASE_SCHEMA: first.db.schema } : {}),
        ...env,
      },
      { clock },
    ));
    await second.init();
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('add up across instances, and a new window starts afresh', async () => {
    const attempt = (app: INestApplication) =>
      request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: 'x@example.com', password: 'wrong-password' });
    const statuses = [
      (await attempt(first.app)).status,
      (await attempt(second)).status,
      (await attempt(first.app)).status,
    ];
    expect(statuses).toEqual([401, 401, 401]);
    // Each instance has seen at most two attempts; together they have seen three.
    const limited = await attempt(second);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(first.app)).status).toBe(429);

    clock.advance(60_000);
    expect((await attempt(second)).status).toBe(401);
  });
});
