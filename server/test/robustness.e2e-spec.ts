import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { REQUEST_ACTIONS, ROLES, VIOLATION_ACTIONS } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import { getMetadataStorage } from 'class-validator';
import type { Response } from 'supertest';
import { ManualClock } from '../src/common/clock/clock.js';
import { ListParamsDto } from '../src/common/http/list-params.dto.js';
import { DEMO_EMAILS, signIn, startTestApp } from './support/test-app.js';
import type { SignedIn, TestApp } from './support/test-app.js';

/**
 * No input reaches a 500, and refused input changes nothing. The routes are discovered from
 * the Nest router, so a new list or a new write is covered without touching this file (a new
 * write route only needs a base body below, and the test says so when it is missing).
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Route {
  method: Method;
  /** The path template, e.g. `/api/requests/:id/actions/:action`. */
  template: string;
  /** The path called, with every parameter filled with a real id. */
  path: string;
  /** The DTO class of its `@Body()`, when it takes one. */
  body?: new () => object;
  /** Whether it is a list (its query is the list parameters). */
  list: boolean;
}

function discoverRoutes(testApp: TestApp): Omit<Route, 'path'>[] {
  const scanner = new MetadataScanner();
  const routes: Omit<Route, 'path'>[] = [];
  for (const module of testApp.app.get(ModulesContainer).values()) {
    for (const { instance, metatype } of module.controllers.values()) {
      if (!instance || !metatype) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const prototype = Object.getPrototypeOf(instance) as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name]!;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[
          Reflect.getMetadata(METHOD_METADATA, handler) as number
        ].toLowerCase() as Method;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as (
          (new () => object) | undefined
        )[];
        const argOf = (type: RouteParamtypes) =>
          Object.entries(args).find(([key]) => key.split(':')[0] === String(type))?.[1];
        const bodyArg = argOf(RouteParamtypes.BODY);
        const queryArg = argOf(RouteParamtypes.QUERY);
        const local = [prefix, path].filter((p) => p && p !== '/').join('/');
        routes.push({
          method,
          template: (local.startsWith('privacy') ? `/${local}` : `/api/${local}`).replace(
            /\/+/g,
            '/',
          ),
          body: bodyArg ? types[bodyArg.index] : undefined,
          list: queryArg !== undefined && types[queryArg.index] === ListParamsDto,
        });
      }
    }
  }
  return routes;
}

/** The properties a DTO class validates (those a client may send). */
function fieldsOf(dto: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** Routes whose body is a streamed upload (CSV or NDJSON), not JSON. */
const STREAMED_UPLOADS = new Set(['/api/suppressions/scrub']);
const STALE = 999_999;

/**
 * Columns that any authenticated call may touch (a session's and an API key's last use, to the
 * minute), whatever the request does: left out when comparing tables.
 */
const TOUCHED = new Set(['last_seen_at', 'last_used_at']);

/**
 * Tables that count attempts, refused ones included (the per-IP limits and sign-in
 * throttling): counting a hostile request is the point of them.
 */
const ATTEMPT_COUNTERS = new Set(['rate_limit_counters', 'login_throttles']);

describe('robustness: no input answers 500, and refused input changes nothing', () => {
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  const today = '2026-03-10';
  let testApp: TestApp;
  const sessions = {} as Record<Role, SignedIn>;
  let intakeSecret: string;
  let routes: Route[];
  const ids = {} as Record<'user' | 'subject' | 'request' | 'apiKey' | 'job', string>;

  /** Every table, row by row, as one comparable text per table. */
  async function snapshot(): Promise<Map<string, string>> {
    const tables = new Map<string, string>();
    for (const entity of testApp.dataSource.entityMetadatas) {
      if (ATTEMPT_COUNTERS.has(entity.tableName)) continue;
      const rows = await testApp.dataSource
        .createQueryBuilder()
        .select('*')
        .from(entity.target, 't')
        .getRawMany<Record<string, unknown>>();
      const lines = rows
        .map((row) =>
          JSON.stringify(row, (key, value: unknown) => (TOUCHED.has(key) ? undefined : value)),
        )
        .sort();
      tables.set(entity.tableName, `${rows.length}:${lines.join('\n')}`);
    }
    return tables;
  }
  const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
    [...after.keys()].filter((table) => before.get(table) !== after.get(table));

  /** Sends as a caller: a signed-in role (with its CSRF token), or the intake API key. */
  type Caller = Role | 'api_key';
  function send(caller: Caller, method: Method, path: string) {
    if (caller === 'api_key')
      return testApp.http()[method](path).set('Authorization', `Bearer ${intakeSecret}`);
    return sessions[caller].agent[method](path).set(sessions[caller].csrf);
  }
  const callerOf = new Map<string, Caller>();

  const BASE_BODIES: Record<string, () => Record<string, unknown>> = {
    'post /api/exports': () => ({ list: 'subjects', filter: '{}', sort: '["name","ASC"]' }),
    'post /api/auth/login': () => ({ email: 'nobody@example.test', password: 'not-a-password' }),
    'post /api/auth/password': () => ({
      currentPassword: 'not-the-current-password',
      newPassword: 'another-long-password-1',
    }),
    'post /api/auth/mfa/enable': () => ({ code: '000000' }),
    'post /api/auth/mfa/disable': () => ({ password: 'not-the-password' }),
    'post /api/users': () => ({
      email: 'new-user@example.com',
      name: 'New User',
      role: 'staff',
      password: 'a-long-password-1',
    }),
    'put /api/users/:id': () => ({ name: 'Renamed', role: 'staff', active: true, version: STALE }),
    'post /api/api-keys': () => ({ name: 'Another key', scopes: ['requests:create'] }),
    'post /api/subjects': () => ({ name: 'Sam Roe', email: 'sam.roe@example.com', city: 'Bonn' }),
    'put /api/subjects/:id': () => ({
      name: 'Renamed',
      email: 'renamed@example.com',
      city: 'Bonn',
      version: STALE,
    }),
    'post /api/requests': () => ({
      kind: 'access',
      channel: 'phone',
      requesterName: 'Pat Doe',
      requesterEmail: 'pat@example.com',
      receivedAt: today,
      payload: { format: 'pdf' },
    }),
    'post /api/requests/claim-next': () => ({ kind: 'access' }),
    'post /api/requests/bulk/assign': () => ({ ids: [ids.request], assigneeId: ids.user }),
    'post /api/requests/bulk/reject': () => ({ ids: [ids.request], reason: 'Not ours' }),
    'post /api/requests/:id/actions/:action': () => ({
      version: STALE,
      reason: 'A reason',
      message: 'A message',
      resolution: 'Done',
    }),
    'post /api/requests/:id/assign': () => ({ version: STALE, assigneeId: ids.user }),
    'post /api/requests/:id/extend': () => ({ version: STALE, reason: 'More time' }),
    'post /api/requests/:id/notes': () => ({ body: 'A note' }),
    'post /api/requests/:id/duplicate': () => ({ version: STALE, decision: 'keep' }),
    'post /api/requests/:id/link-subject': () => ({ version: STALE, subjectId: ids.subject }),
    'post /api/requests/:id/minor-review/erase': () => ({ version: STALE }),
    'post /api/requests/:id/minor-review/correct-dob': () => ({
      version: STALE,
      dateOfBirth: '1990-04-12',
    }),
    'put /api/requests/:id/correction': () => ({
      version: STALE,
      subjectVersion: 1,
      decisions: [{ field: 'city', decision: 'decline', reason: 'Not wrong' }],
      evidenceNotes: 'Checked',
    }),
    'post /api/requests/:id/correction/apply': () => ({ subjectVersion: 1 }),
    'post /api/requests/:id/correction/follow-ups/:followUpId': () => ({
      version: STALE,
      outcome: 'exempt',
      exemption: 'impossible',
      explanation: 'The recipient closed down',
    }),
    'post /api/requests/:id/access/send': () => ({ version: STALE }),
    'post /api/suppressions/requests/:requestId/checks/:checkId/done': () => ({
      version: STALE,
      note: 'Told the partner by email',
    }),
    'post /api/requests/:id/disclosure-report/send': () => ({ version: STALE }),
    'post /api/intake/requests': () => ({
      kind: 'access',
      requesterName: 'Ivy Doe',
      requesterEmail: 'ivy@example.com',
      payload: { format: 'pdf' },
    }),
    'post /api/public/requests': () => ({
      kind: 'access',
      requesterName: 'Max Doe',
      requesterEmail: 'max@example.com',
      payload: { format: 'pdf' },
    }),
    'post /api/public/verify': () => ({ token: 'not-a-token' }),
    'post /api/violations': () => ({
      subjectId: ids.subject,
      category: 'fraud',
      severity: 'high',
      termsClause: '4.2 Prohibited uses',
      description: 'Chargebacks',
      evidenceText: 'A report',
      evidenceLinks: ['https://example.com/case/1'],
      source: 'report',
    }),
    'put /api/violations/:id': () => ({ version: STALE, severity: 'low' }),
    'post /api/violations/:id/actions/:action': () => ({
      version: STALE,
      reason: 'A reason',
      enforcementAction: 'none',
    }),
    // The upload routes take multipart; sent as JSON they still reach validation (no file).
    'post /api/legal-process/:id/documents': () => ({ role: 'order' }),
    'post /api/disclosures/:id/documents': () => ({ role: 'evidence' }),
    'post /api/violations/:id/documents': () => ({ role: 'evidence' }),
    'post /api/disclosures': () => ({
      recipientName: 'Acme Fulfilment',
      recipientType: 'service_provider',
      basis: 'service_delivery',
      purpose: 'Ship the order',
      dataCategories: ['name'],
      disclosedAt: today,
      subjects: [{ subjectId: ids.subject }],
    }),
    'put /api/disclosures/:id': () => ({
      recipientName: 'Acme Fulfilment',
      recipientType: 'service_provider',
      basis: 'service_delivery',
      purpose: 'Ship the order',
      dataCategories: ['name'],
      disclosedAt: today,
      subjects: [{ subjectId: ids.subject }],
      version: STALE,
    }),
    'post /api/disclosures/:id/approve': () => ({ version: STALE }),
    'post /api/disclosures/:id/return': () => ({ version: STALE, reason: 'Too vague' }),
    'post /api/disclosures/:id/resubmit': () => ({ version: STALE }),
    'post /api/legal-process': () => ({
      type: 'court_order',
      issuingAuthority: 'District Court',
      jurisdiction: 'US-CA',
      receivedAt: today,
      responseDueOn: '2026-03-31',
      subjectIds: [ids.subject],
      dataCategories: ['email'],
    }),
    'put /api/legal-process/:id': () => ({ caseNumber: 'C-1', version: STALE }),
    'post /api/legal-process/:id/actions/:action': () => ({
      version: STALE,
      reason: 'A reason',
      outcome: 'no_data',
      responseSummary: 'Nothing held',
    }),
    'post /api/legal-process/:id/approve': () => ({ version: STALE }),
    'post /api/legal-process/:id/return': () => ({ version: STALE, reason: 'Fix it' }),
    'post /api/legal-process/:id/resubmit': () => ({ version: STALE }),
  };

  beforeAll(async () => {
    testApp = await startTestApp(
      { JOBS_ENABLED: 'false', PUBLIC_FORM_RATE_LIMIT_PER_HOUR: '1000000' },
      { clock },
    );
    for (const role of ROLES) sessions[role] = await signIn(testApp, DEMO_EMAILS[role]);
    const { admin, staff } = sessions;

    const key = await admin.agent
      .post('/api/api-keys')
      .set(admin.csrf)
      .send({ name: 'Partner intake', scopes: ['requests:create'] })
      .expect(201);
    intakeSecret = key.body.secret;
    const spareKey = await admin.agent
      .post('/api/api-keys')
      .set(admin.csrf)
      .send({ name: 'Spare key', scopes: ['requests:create'] })
      .expect(201);
    ids.apiKey = spareKey.body.id;
    const user = await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({
        email: 'spare@example.com',
        name: 'Spare Staff',
        role: 'staff',
        password: 'a-long-password-1',
      })
      .expect(201);
    ids.user = user.body.id;
    const subject = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({ name: 'Jane Roe', email: 'jane.roe@example.com' })
      .expect(201);
    ids.subject = subject.body.id;
    const request = await staff.agent
      .post('/api/requests')
      .set(staff.csrf)
      .send(BASE_BODIES['post /api/requests']!())
      .expect(201);
    ids.request = request.body.id;
    await testApp
      .http()
      .post('/api/intake/requests')
      .set('Authorization', `Bearer ${intakeSecret}`)
      .send(BASE_BODIES['post /api/intake/requests']!())
      .expect(201);
    const [job] = await testApp.dataSource.query<{ id: string }[]>('SELECT id FROM jobs LIMIT 1');
    ids.job = job?.id ?? randomUUID();

    const idFor: Record<string, string> = {
      users: ids.user,
      subjects: ids.subject,
      requests: ids.request,
      'api-keys': ids.apiKey,
      jobs: ids.job,
      outbox: randomUUID(),
      audit: '1',
    };
    routes = discoverRoutes(testApp).flatMap((route) => {
      const resource = route.template.split('/')[2] ?? '';
      const filled = route.template
        .replace(/:(id|seq)\b/, idFor[resource] ?? randomUUID())
        .replace(/:sha256\b/, 'a'.repeat(64))
        .replace(/:(followUpId|checkId)\b/, randomUUID())
        .replace(/:requestId\b/, ids.request)
        .replace(/:token\b/, 'b'.repeat(43));
      if (!filled.includes(':action')) return [{ ...route, path: filled }];
      const actions: readonly string[] =
        resource === 'violations' ? VIOLATION_ACTIONS : REQUEST_ACTIONS;
      return actions.map((action) => ({
        ...route,
        path: filled.replace(':action', action),
      }));
    });
    expect(routes.filter((r) => r.path.includes(':'))).toEqual([]);

    // Who may call each write: the first caller the guard lets through to validation.
    for (const route of routes.filter((r) => r.body)) {
      for (const caller of [...ROLES, 'api_key'] as Caller[]) {
        const res = await send(caller, route.method, route.path).send({ __probe__: 1 });
        if (res.status !== 401 && res.status !== 403) {
          callerOf.set(route.path, caller);
          break;
        }
      }
    }
  }, 120_000);
  afterAll(() => testApp.close());

  const contractOf = (res: Response) => ({
    status: res.status,
    message: typeof res.body?.message,
    code: res.body?.code,
  });

  it('finds the lists and the JSON writes, and reaches the validation of every write', () => {
    expect(routes.filter((r) => r.list).length).toBeGreaterThanOrEqual(7);
    const writes = routes.filter((r) => r.body);
    expect(writes.length).toBeGreaterThan(20);
    expect(writes.filter((r) => !callerOf.has(r.path)).map((r) => r.path)).toEqual([]);
    // A new write route needs a base body here, so that its hostile variants reach validation.
    expect(
      writes
        .map((r) => `${r.method} ${r.template}`)
        .filter((key) => !key.startsWith('post /privacy') && !BASE_BODIES[key]),
    ).toEqual([]);
  });

  it('refuses hostile list parameters on every list with a 422 naming the parameter', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    const expect422 = (what: string, res: Response, field: string) => {
      if (
        res.status !== 422 ||
        res.body?.code !== 'validation_failed' ||
        typeof res.body?.message !== 'string' ||
        typeof res.body?.errors?.[field] !== 'string'
      )
        failures.push(`${what}: expected 422 naming ${field}, got ${res.status} ${res.text}`);
    };
    for (const route of routes.filter((r) => r.list)) {
      // The first role that may read the list.
      let who: Role | undefined;
      for (const role of ROLES) {
        if ((await send(role, 'get', route.path)).status === 200) {
          who = role;
          break;
        }
      }
      expect({ route: route.path, readable: who !== undefined }).toEqual({
        route: route.path,
        readable: true,
      });
      const get = (query: Record<string, string>) => send(who!, 'get', route.path).query(query);

      for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
        for (const order of ['ASC', 'DESC']) {
          const sort = JSON.stringify([field, order]);
          expect422(`${route.path} sort=${sort}`, await get({ sort }), 'sort');
        }
        const filter = JSON.stringify({ [field]: 'x' });
        expect422(`${route.path} filter=${filter}`, await get({ filter }), `filter.${field}`);
      }
      for (const sort of ['["id\\u0000","ASC"]', '[["id"],"ASC"]', '["id","ASC","x"]', '"id"']) {
        expect422(`${route.path} sort=${sort}`, await get({ sort }), 'sort');
      }
      for (const range of [
        '[1e20,1e20]',
        '[1e20,100000000000000000024]',
        '[9007199254740992,9007199254740993]',
        '[2147483648,2147483672]',
        '[-25,-1]',
        '[-1,24]',
        '[0.5,24.5]',
        '[0,1e20]',
        '["0","24"]',
        '[null,null]',
        '{"0":0,"1":24}',
        `${'['.repeat(1000)}${']'.repeat(1000)}`,
      ]) {
        expect422(`${route.path} range=${range.slice(0, 40)}`, await get({ range }), 'range');
      }
      // Far but safe pages answer empty, on both databases.
      const far = await get({ range: '[1000000000,1000000024]' });
      expect({ route: route.path, status: far.status, rows: far.body }).toEqual({
        route: route.path,
        status: 200,
        rows: [],
      });

      // The filterable keys, as the list itself names them.
      const unknown = await get({ filter: '{"no_such_filter":1}' });
      expect422(`${route.path} unknown filter`, unknown, 'filter.no_such_filter');
      const keys = /filterable fields: (.*)$/
        .exec(String(unknown.body?.errors?.['filter.no_such_filter']))?.[1]
        ?.split(', ');
      expect({ route: route.path, keys: keys?.length }).toEqual({
        route: route.path,
        keys: expect.any(Number),
      });
      for (const key of [...keys!, 'view']) {
        for (const text of ['a\u0000b', 'x\ud800y', 'bell\u0007', 'two\nlines']) {
          const filter = JSON.stringify({ [key]: text });
          const res = await get({ filter });
          expect422(`${route.path} filter ${key}=${JSON.stringify(text)}`, res, `filter.${key}`);
          const inList = await get({ filter: JSON.stringify({ [key]: ['ok', text] }) });
          expect422(
            `${route.path} filter ${key}=[…${JSON.stringify(text)}]`,
            inList,
            `filter.${key}`,
          );
        }
        for (const value of [
          1e20,
          -8.64e15,
          '+275760-09-13T00:00:00.000Z',
          '-271821-04-20T00:00:00.000Z',
          '0001-01-01T00:00:00.000Z',
          '9999-12-31T23:59:59.999Z',
          { $gt: '' },
          [],
          Array.from({ length: 1000 }, (_, i) => `v${i}`),
          'z'.repeat(300),
          true,
          '%_\\',
        ]) {
          const res = await get({ filter: JSON.stringify({ [key]: value }) });
          if (res.status >= 500 || (res.status >= 400 && res.body?.code !== 'validation_failed'))
            failures.push(
              `${route.path} filter ${key}=${JSON.stringify(value).slice(0, 40)}: ${res.status} ${res.text.slice(0, 200)}`,
            );
        }
      }
      // (Node itself answers 431 to a query string over 16 KB, so 1,000 levels is near the most.)
      const deep = `{"q":${'['.repeat(1000)}${']'.repeat(1000)}}`;
      expect422(`${route.path} deep filter`, await get({ filter: deep }), 'filter');
      expect422(`${route.path} NUL filter key`, await get({ filter: '{"\\u0000":1}' }), 'filter');
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await snapshot())).toEqual([]);
  }, 180_000);

  it('refuses hostile bodies on every JSON route before they are parsed or stored', async () => {
    const failures: string[] = [];
    let current = await snapshot();
    const check = async (
      what: string,
      res: Response,
      expected: { status: number; code: string } | 'refused' | 'any',
    ) => {
      const after = await snapshot();
      const changed = changedTables(current, after);
      current = after;
      const ok =
        res.status < 500 &&
        (expected === 'any'
          ? true
          : res.status >= 400 &&
            typeof res.body?.message === 'string' &&
            typeof res.body?.code === 'string' &&
            (expected === 'refused' ||
              (res.status === expected.status && res.body.code === expected.code)));
      if (!ok)
        failures.push(`${what}: ${JSON.stringify(contractOf(res))} ${res.text.slice(0, 200)}`);
      // A refusal changes nothing (a failed sign-in may count the failure).
      if (res.status >= 400 && changed.length > 0 && !what.includes('/api/auth/login'))
        failures.push(`${what}: answered ${res.status} but changed ${changed.join(', ')}`);
    };

    const json = (caller: Caller, route: Route, text: string, type = 'application/json') =>
      send(caller, route.method, route.path).set('Content-Type', type).send(text);

    for (const route of routes.filter(
      (r) => r.method !== 'get' && !r.template.startsWith('/privacy'),
    )) {
      const caller = callerOf.get(route.path) ?? 'admin';
      const at = `${route.method.toUpperCase()} ${route.path}`;
      if (STREAMED_UPLOADS.has(route.template)) {
        // A mailing list arrives as CSV or NDJSON and is streamed to disk: JSON is no body here.
        for (const [name, text] of [
          ['nested 5000 deep', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
          ['malformed JSON', '{"a": 1,,}'],
          ['a JSON object', '{"email":"a@example.com"}'],
        ] as const)
          await check(`${at} ${name}`, await json(caller, route, text), {
            status: 415,
            code: 'unsupported_media_type',
          });
        continue;
      }
      const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
      await check(`${at} nested 5000 deep`, await json(caller, route, deep(5000)), {
        status: 400,
        code: 'too_deeply_nested',
      });
      await check(`${at} nested 33 deep`, await json(caller, route, deep(33)), {
        status: 400,
        code: 'too_deeply_nested',
      });
      await check(
        `${at} arrays 100000 deep`,
        await json(caller, route, `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
        { status: 400, code: 'too_deeply_nested' },
      );
      await check(`${at} malformed JSON`, await json(caller, route, '{"a": 1,,}'), {
        status: 400,
        code: 'bad_request',
      });
      await check(`${at} text/plain`, await json(caller, route, '{"a":1}', 'text/plain'), {
        status: 415,
        code: 'unsupported_media_type',
      });
      await check(
        `${at} a form body`,
        await json(caller, route, 'a=1', 'application/x-www-form-urlencoded'),
        { status: 415, code: 'unsupported_media_type' },
      );
      await check(
        `${at} UTF-16 JSON`,
        await json(
          caller,
          route,
          Buffer.from('{"a":1}', 'utf16le') as unknown as string,
          'application/json; charset=utf-16le',
        ),
        { status: 415, code: 'unsupported_media_type' },
      );
      await check(
        `${at} over 1 MB`,
        await json(caller, route, JSON.stringify({ a: 'y'.repeat(1_100_000) })),
        { status: 413, code: 'payload_too_large' },
      );
      if (!route.body) continue;

      // From here the body is valid JSON, so each must reach validation and be refused there.
      const base = BASE_BODIES[`${route.method} ${route.template}`]?.() ?? {};
      const raw = (text: string) => json(caller, route, text);
      for (const [name, text] of [
        ['a NUL in a field name', JSON.stringify({ ...base, 'x\u0000': 1 })],
        ['a lone surrogate in a field name', JSON.stringify({ ...base, '\ud800': 1 })],
        ['a __proto__ field', `{"__proto__":{"role":"admin"},${JSON.stringify(base).slice(1)}`],
        ['a constructor field', JSON.stringify({ ...base, constructor: { prototype: {} } })],
        ['an array', JSON.stringify([base])],
        ['a string', '"text"'],
        ['null', 'null'],
      ] as const) {
        await check(`${at} with ${name}`, await raw(text), 'refused');
      }
      for (const field of fieldsOf(route.body)) {
        for (const [name, value] of [
          ['a lone surrogate', 'x\ud800y'],
          ['a NUL', 'x\u0000y'],
          ['an escape character', 'x\u001by'],
        ] as const) {
          const res = await raw(JSON.stringify({ ...base, [field]: value }));
          await check(`${at} ${field}=${name}`, res, { status: 422, code: 'validation_failed' });
          if (res.status === 422 && typeof res.body?.errors?.[field] !== 'string')
            failures.push(`${at} ${field}=${name}: the error does not name ${field}: ${res.text}`);
        }
        await check(
          `${at} ${field}={"$ne":1}`,
          await raw(JSON.stringify({ ...base, [field]: { $ne: 1 } })),
          'refused',
        );
        await check(
          `${at} ${field}=1e20`,
          await raw(JSON.stringify({ ...base, [field]: 1e20 })),
          'refused',
        );
        // null is refused, or means "clear" where the column may be empty: never a crash.
        await check(
          `${at} ${field}=null`,
          await raw(JSON.stringify({ ...base, [field]: null })),
          'any',
        );
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers odd route parameters and query values with a 4xx, never a 500', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    const templates = [...new Set(routes.filter((r) => r.method === 'get').map((r) => r.template))];
    for (const template of templates) {
      const values = template.includes(':')
        ? [
            '99999999999999999999',
            '-1',
            '1.5',
            '0x10',
            '%00',
            '%ED%A0%80',
            'constructor',
            '__proto__',
            encodeURIComponent('😀'),
          ]
        : [''];
      for (const value of values) {
        const path = template.replace(/:\w+/g, value);
        for (const query of [
          {},
          { token: '\u0000' },
          { q: 'x\u0000', sort: 'x', range: '1', filter: '1' },
        ]) {
          const res = await send('admin', 'get', path).query(query);
          const res2 = await send('compliance_officer', 'get', path).query(query);
          for (const r of [res, res2])
            if (r.status >= 500)
              failures.push(
                `GET ${path} ${JSON.stringify(query)}: ${r.status} ${r.text.slice(0, 200)}`,
              );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await snapshot())).toEqual([]);
  }, 120_000);

  it('refuses null for a field that cannot be empty, and clears one that can', async () => {
    const { admin, staff } = sessions;
    const user = await admin.agent.get(`/api/users/${ids.user}`).expect(200);
    const before = await snapshot();
    for (const field of ['name', 'role', 'active']) {
      const res = await admin.agent
        .put(`/api/users/${ids.user}`)
        .set(admin.csrf)
        .send({ [field]: null, version: user.body.version });
      expect({ field, status: res.status, code: res.body.code, errors: res.body.errors }).toEqual({
        field,
        status: 422,
        code: 'validation_failed',
        errors: { [field]: expect.stringContaining('must not be empty') },
      });
    }
    const subject = await staff.agent.get(`/api/subjects/${ids.subject}`).expect(200);
    for (const field of ['name', 'email']) {
      const res = await staff.agent
        .put(`/api/subjects/${ids.subject}`)
        .set(staff.csrf)
        .send({ [field]: null, version: subject.body.version });
      expect({ field, status: res.status, errors: res.body.errors }).toEqual({
        field,
        status: 422,
        errors: { [field]: expect.any(String) },
      });
    }
    expect(changedTables(before, await snapshot())).toEqual([]);

    const withCity = await staff.agent
      .put(`/api/subjects/${ids.subject}`)
      .set(staff.csrf)
      .send({ city: 'Bonn', version: subject.body.version })
      .expect(200);
    const cleared = await staff.agent
      .put(`/api/subjects/${ids.subject}`)
      .set(staff.csrf)
      .send({ city: null, version: withCity.body.version })
      .expect(200);
    expect(cleared.body.city).toBeNull();
  });

  it('keeps tab and line breaks in multi-line fields only', async () => {
    const { staff } = sessions;
    const note = await staff.agent
      .post(`/api/requests/${ids.request}/notes`)
      .set(staff.csrf)
      .send({ body: 'Called back:\r\n\tleft a message' });
    expect(note.status).toBe(201);
    const before = await snapshot();
    const name = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({ name: 'Two\nLines', email: 'two.lines@example.com' });
    expect([name.status, name.body.code, name.body.errors]).toEqual([
      422,
      'validation_failed',
      { name: 'must not contain control characters' },
    ]);
    const bell = await staff.agent
      .post(`/api/requests/${ids.request}/notes`)
      .set(staff.csrf)
      .send({ body: 'ring \u0007' });
    expect([bell.status, bell.body.errors]).toEqual([
      422,
      { body: 'must not contain control characters other than tab and line breaks' },
    ]);
    const nested = await staff.agent
      .post('/api/requests')
      .set(staff.csrf)
      .send({
        ...BASE_BODIES['post /api/requests']!(),
        kind: 'correction',
        payload: { corrections: [{ field: 'name', requestedValue: 'Jane \ud800 Roe' }] },
      });
    expect([nested.status, nested.body.errors]).toEqual([
      422,
      { 'payload.corrections.0.requestedValue': 'must be valid Unicode text' },
    ]);
    expect(changedTables(before, await snapshot())).toEqual([]);
  });

  it('applies the same rule to the public HTML form', async () => {
    const form = {
      kind: 'correction',
      requesterName: 'Lee Doe',
      requesterEmail: 'lee@example.com',
      correctionField: 'name',
      details: 'Lee Doe',
    };
    const post = (values: Record<string, string>) =>
      testApp.http().post('/privacy').type('form').send(values);
    const before = await snapshot();
    for (const [field, value] of [
      ['requesterName', 'Lee\u0000Doe'],
      ['requesterName', 'Lee\u001bDoe'],
      ['requesterName', 'Lee\nDoe'],
      ['requesterEmail', 'lee\u0000@example.com'],
      ['details', 'Lee\u0000Doe'],
      ['details', 'Lee\u0007Doe'],
    ] as const) {
      const res = await post({ ...form, [field]: value });
      expect({ field, value, status: res.status, type: res.type }).toEqual({
        field,
        value,
        status: 422,
        type: 'text/html',
      });
      expect(res.text).toMatch(/must not contain control characters/);
    }
    expect(changedTables(before, await snapshot())).toEqual([]);
    // Line breaks in the multi-line details are fine.
    const ok = await post({ ...form, details: 'Lee\r\nDoe' });
    expect(ok.status).toBe(200);
  });
});
