import type { INestApplication } from '@nestjs/common';
import { CSRF_HEADER } from '@privacy-desk/shared';
import type { SessionInfo } from '@privacy-desk/shared';
import request from 'supertest';
type TestAgent = ReturnType<typeof request.agent>;
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createApp } from '../../src/bootstrap.js';
import type { Clock } from '../../src/common/clock/clock.js';
import { createTestDatabase } from './test-database.js';
import type { TestDatabase } from './test-database.js';

export const DEMO_PASSWORD = 'privacy-desk-demo-test';

/**
 * For tests that move a ManualClock by hours to drive leases, mail or legal clocks: sessions
 * that outlast the jumps, since session expiry is not what those tests are about.
 */
export const LONG_SESSIONS = { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '168' };

export const DEMO_EMAILS = {
  staff: 'staff@demo.test',
  compliance_officer: 'compliance@demo.test',
  manager: 'manager@demo.test',
  admin: 'admin@demo.test',
} as const;

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  dataSource: DataSource;
  http: () => TestAgent;
  close(): Promise<void>;
}

/** The whole application on a fresh database, migrations run, demo accounts seeded. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const { app } = await createApp(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      DATABASE_URL: db.url,
      // SQLite: checkpoints beside the file (the default); PostgreSQL: a file of this schema's own.
      ...(db.schema
        ? { DATABASE_SCHEMA: db.schema, AUDIT_CHECKPOINT_FILE: db.checkpointFile }
        : {}),
      DEMO_PASSWORD,
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      SEED_DEMO_REQUESTS: 'false',
      ...env,
    },
    options,
  );
  await app.init();
  return {
    app,
    db,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    http: () => request.agent(app.getHttpServer()),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export interface SignedIn {
  agent: TestAgent;
  session: SessionInfo;
  /** Adds the CSRF header a cookie-authenticated write needs. */
  csrf: Record<string, string>;
}

export async function signIn(
  testApp: TestApp,
  email: string,
  password = DEMO_PASSWORD,
  extra: Record<string, string> = {},
): Promise<SignedIn> {
  const agent = testApp.http();
  const res = await agent.post('/api/auth/login').send({ email, password, ...extra });
  if (res.status !== 200) {
    throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const session = res.body as SessionInfo;
  return { agent, session, csrf: { [CSRF_HEADER]: session.csrfToken } };
}
