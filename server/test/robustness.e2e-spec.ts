import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ROLES } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import { DEMO_EMAILS, signIn, startTestApp } from './support/test-app.js';
import type { SignedIn, TestApp } from './support/test-app.js';

/** Every POST and PUT route, with the path the client calls. */
function writeRoutes(testApp: TestApp): { method: 'post' | 'put'; path: string }[] {
  const scanner = new MetadataScanner();
  const routes: { method: 'post' | 'put'; path: string }[] = [];
  for (const module of testApp.app.get(ModulesContainer).values()) {
    for (const { instance, metatype } of module.controllers.values()) {
      if (!instance || !metatype) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const prototype = Object.getPrototypeOf(instance) as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name]!;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        if (path === undefined || (method !== 'POST' && method !== 'PUT')) continue;
        const local = [prefix, path].filter((p) => p && p !== '/').join('/');
        routes.push({
          method: method.toLowerCase() as 'post' | 'put',
          path: (local.startsWith('privacy') ? `/${local}` : `/api/${local}`).replace(/\/+/g, '/'),
        });
      }
    }
  }
  return routes;
}

const LONG = 'x'.repeat(200_000);
const HOSTILE_BODIES: [string, unknown][] = [
  [
    'wrong types',
    {
      email: 12,
      name: ['a'],
      role: { $ne: 1 },
      version: 'one',
      ids: 'all',
      payload: 'x',
      code: 123456,
      kind: 7,
      receivedAt: true,
      password: null,
      body: {},
      scopes: 'requests:create',
      token: [],
    },
  ],
  [
    'over-long strings',
    {
      email: `${LONG}@example.com`,
      name: LONG,
      password: LONG,
      reason: LONG,
      message: LONG,
      body: LONG,
      requesterName: LONG,
      requesterEmail: LONG,
      token: LONG,
      code: LONG,
      kind: LONG,
    },
  ],
  ['an array', [1, 2, 3]],
  ['null', null],
  ['deep nesting', JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`)],
];

describe('robustness: no route answers 500 to bad input', () => {
  let testApp: TestApp;
  const sessions = {} as Record<Role, SignedIn>;

  beforeAll(async () => {
    testApp = await startTestApp({
      JOBS_ENABLED: 'false',
      PUBLIC_FORM_RATE_LIMIT_PER_HOUR: '100000',
    });
    for (const role of ROLES) sessions[role] = await signIn(testApp, DEMO_EMAILS[role]);
  });
  afterAll(() => testApp.close());

  it('answers malformed JSON, wrong types, over-long strings and odd shapes with a 4xx in the error contract', async () => {
    const routes = writeRoutes(testApp);
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of routes) {
      if (route.path === '/api/auth/logout') continue;
      const path = route.path
        .replace(/:\w+/g, randomUUID())
        .replace('/actions/' + randomUUID(), '/actions/claim');
      for (const role of ROLES) {
        const { agent, csrf } = sessions[role];
        const attempts: [string, () => ReturnType<typeof agent.post>][] = [
          [
            'malformed JSON',
            () =>
              agent[route.method](path)
                .set(csrf)
                .set('Content-Type', 'application/json')
                .send('{"email": "a@b.c",,}'),
          ],
          [
            'a body over 1 MB',
            () =>
              agent[route.method](path)
                .set(csrf)
                .set('Content-Type', 'application/json')
                .send(JSON.stringify({ name: 'y'.repeat(1_100_000) })),
          ],
          ...HOSTILE_BODIES.map(
            ([name, body]) =>
              [
                name,
                () =>
                  agent[route.method](path)
                    .set(csrf)
                    .set('Content-Type', 'application/json')
                    .send(JSON.stringify(body)),
              ] as [string, () => ReturnType<typeof agent.post>],
          ),
        ];
        for (const [name, send] of attempts) {
          const res = await send();
          const contract =
            route.path.startsWith('/privacy') ||
            (typeof res.body?.message === 'string' && typeof res.body?.code === 'string');
          // Starting enrolment takes no input, so whatever body comes with it is ignored.
          const takesNoBody = route.path === '/api/auth/mfa/setup' && res.status === 200;
          if (!takesNoBody && (res.status >= 500 || res.status < 400 || !contract)) {
            failures.push(
              `${role} ${route.method.toUpperCase()} ${route.path} with ${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers bad list parameters with 422, never 500', async () => {
    const { agent } = sessions.manager;
    for (const query of [
      { sort: '["dueAt"]' },
      { sort: '{"a":1}' },
      { range: '[0,"x"]' },
      { filter: '{"view":{"$gt":1}}' },
      { filter: `{"q":"${'z'.repeat(300)}"}` },
      { filter: '{"status":[{}]}' },
      { filter: '[]' },
    ]) {
      const res = await agent.get('/api/requests').query(query);
      expect({ query, status: res.status }).toEqual({ query, status: 422 });
    }
  });
});
