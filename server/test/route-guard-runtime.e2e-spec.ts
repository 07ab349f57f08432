import { randomUUID } from 'node:crypto';
import { Controller, Get, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { DEMO_PASSWORD, startTestApp } from './support/test-app.js';
import type { TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import type { TestDatabase } from './support/test-database.js';
import { declaredAccessRules, routerRoutes } from './support/router-routes.js';

/**
 * The guard denies, at run time, any route that declares no access rule. The routes come from
 * the Express router of a running server, so a module mounted only under a flag
 * (ENABLE_DIAGNOSTICS) is checked like any other.
 */

const NO_RULE = 'This route declares no access rule.';

/** A route a careless change could add: no @RequirePermission, @Authenticated or @Public. */
@Controller('undeclared-probe')
class UndeclaredController {
  @Get()
  read() {
    return { leaked: true };
  }

  @Post('write')
  write() {
    return { leaked: true };
  }
}

/**
 * Router entries that are not Nest controller routes, so no access rule can be declared on them:
 * the OpenAPI documentation (mounted by SwaggerModule; gated by API_DOCS and, in production, by
 * a session, see http-hardening.e2e-spec.ts) and the console's static files.
 */
const NOT_CONTROLLER_ROUTES = [/^\/api\/docs(\/|-|$)/, /^\{\*any\}$/];

interface Finding {
  route: string;
  declared: string | undefined;
  status: number;
  message: unknown;
}

/** Calls every route anonymously and reads what the guard answered. */
async function probeEveryRoute(app: INestApplication): Promise<Finding[]> {
  const rules = declaredAccessRules(app);
  const findings: Finding[] = [];
  for (const { method, path } of routerRoutes(app)) {
    if (NOT_CONTROLLER_ROUTES.some((pattern) => pattern.test(path))) continue;
    const route = `${method} ${path}`;
    const verb = (method === 'all' ? 'delete' : method) as 'get';
    const http = request(app.getHttpServer());
    const res = await http[verb](path.replace(/:\w+/g, randomUUID()))
      .set('Content-Type', 'application/json')
      .send('{}');
    findings.push({
      route,
      declared: rules.get(route)?.kind,
      status: res.status,
      message: res.body?.message,
    });
  }
  return findings;
}

/**
 * A route that declares nothing and still answers. Nest's own not-found handler is mounted on
 * every method at the paths kept outside the /api prefix (`all /privacy`): it declares nothing
 * and answers 404 to any method the form does not serve.
 */
const openToAnyone = (f: Finding) =>
  f.declared === undefined &&
  !(f.status === 403 && f.message === NO_RULE) &&
  !(f.route.startsWith('all ') && f.status === 404);

describe('the guard at run time, with the diagnostics routes mounted', () => {
  let testApp: TestApp;
  let findings: Finding[];

  beforeAll(async () => {
    testApp = await startTestApp({ ENABLE_DIAGNOSTICS: 'true', JOBS_ENABLED: 'false' });
    findings = await probeEveryRoute(testApp.app);
  });
  afterAll(() => testApp.close());

  it('lists the flag-only routes from the router', () => {
    expect(findings.length).toBeGreaterThan(100);
    expect(findings.find((f) => f.route === 'post /api/diagnostics/probes')).toMatchObject({
      declared: 'permission',
      status: 401,
    });
  });

  it('finds every route declaring an access rule, or denied by the guard', () => {
    expect(findings.filter(openToAnyone)).toEqual([]);
    expect(findings.filter((f) => f.declared === undefined).map((f) => f.route)).toEqual([
      'all /privacy',
      'all /privacy/verify',
    ]);
  });
});

describe('the guard at run time, with a route that declares nothing', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let findings: Finding[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      ...(db.schema
        ? { DATABASE_SCHEMA: db.schema, AUDIT_CHECKPOINT_FILE: db.checkpointFile }
        : {}),
      DEMO_PASSWORD,
      SEED_DEMO_REQUESTS: 'false',
      JOBS_ENABLED: 'false',
      ENABLE_DIAGNOSTICS: 'true',
    });
    // The whole application plus one controller only this test registers.
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config)],
      controllers: [UndeclaredController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('api', { exclude: ['privacy', 'privacy/verify'] });
    await app.init();
    findings = await probeEveryRoute(app);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('refuses it with a 403 naming the missing rule, and runs nothing', () => {
    const undeclared = findings.filter((f) => f.route.includes('undeclared-probe'));
    expect(undeclared).toEqual([
      { route: 'get /api/undeclared-probe', declared: undefined, status: 403, message: NO_RULE },
      {
        route: 'post /api/undeclared-probe/write',
        declared: undefined,
        status: 403,
        message: NO_RULE,
      },
    ]);
    expect(findings.filter(openToAnyone)).toEqual([]);
  });

  it('refuses it to a signed-in admin too', async () => {
    const admin = request.agent(app.getHttpServer());
    await admin
      .post('/api/auth/login')
      .send({ email: 'admin@demo.test', password: DEMO_PASSWORD })
      .expect(200);
    const res = await admin.get('/api/undeclared-probe');
    expect({ status: res.status, body: res.body }).toEqual({
      status: 403,
      body: { message: NO_RULE, code: 'forbidden' },
    });
  });
});
