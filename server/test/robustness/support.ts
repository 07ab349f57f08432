import { randomUUID } from 'node:crypto';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ROLES } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import { getMetadataStorage } from 'class-validator';
import { ManualClock } from '../../src/common/clock/clock.js';
import { ListParamsDto } from '../../src/common/http/list-params.dto.js';
import { controllerHandlers } from '../support/router-routes.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

/**
 * The desk the robustness specs share: no input reaches a 500, and refused input changes
 * nothing. The routes are discovered from the Nest router, so a new list or a new write is
 * covered without touching the specs (a new write route only needs a base body below, and
 * routes.e2e-spec.ts says so when it is missing).
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: Method;
  /** The path template, e.g. `/api/requests/:id/actions/:action`. */
  template: string;
  /** The path called, with every parameter filled with a real id. */
  path: string;
  /** The DTO class of its `@Body()`, when it takes one. */
  body?: new () => object;
  /** Whether it is a list (its query is the list parameters). */
  list: boolean;
  /** The names its `:action` parameter takes, as the route documents them (`@ApiParam`). */
  actions?: string[];
}

/** Where `@ApiParam` keeps a handler's parameters (@nestjs/swagger's DECORATORS.API_PARAMETERS). */
const SWAGGER_PARAMETERS = 'swagger/apiParameters';

function discoverRoutes(testApp: TestApp): Omit<Route, 'path'>[] {
  return controllerHandlers(testApp.app).map(
    ({ method, path, controller, name, prototype, handler }) => {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
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
      return {
        method: method as Method,
        template: path,
        body: bodyArg ? types[bodyArg.index] : undefined,
        list: queryArg !== undefined && types[queryArg.index] === ListParamsDto,
        actions: actionNames(handler),
      };
    },
  );
}

/** The properties a DTO class validates (those a client may send). */
export function fieldsOf(dto: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** Routes whose body is a streamed upload (CSV or NDJSON), not JSON. */
export const STREAMED_UPLOADS = new Set(['/api/suppressions/scrub']);
export const STALE = 999_999;

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

function actionNames(handler: object): string[] | undefined {
  const params = (Reflect.getMetadata(SWAGGER_PARAMETERS, handler) ?? []) as {
    name?: string;
    enum?: unknown;
    schema?: { enum?: unknown };
  }[];
  const action = params.find((p) => p.name === 'action');
  const names = action?.enum ?? action?.schema?.enum;
  return Array.isArray(names) ? names.map(String) : undefined;
}

export type Caller = Role | 'api_key';

/** The whole application on a fresh database with one of each thing the routes need. */
export async function startRobustnessDesk() {
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  const today = '2026-03-10';
  const sessions = {} as Record<Role, SignedIn>;
  const ids = {} as Record<'user' | 'subject' | 'request' | 'apiKey' | 'job', string>;
  let intakeSecret = '';
  let routes: Route[] = [];
  const testApp = await startTestApp(
    { JOBS_ENABLED: 'false', PUBLIC_FORM_RATE_LIMIT_PER_HOUR: '1000000' },
    { clock },
  );

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
  function send(caller: Caller, method: Method, path: string) {
    if (caller === 'api_key')
      return testApp.http()[method](path).set('Authorization', `Bearer ${intakeSecret}`);
    return sessions[caller].agent[method](path).set(sessions[caller].csrf);
  }
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
    const actions = route.actions;
    if (!actions?.length) throw new Error(`${route.template} documents no action names`);
    return actions.map((action) => ({
      ...route,
      path: filled.replace(':action', action),
    }));
  });
  const unfilled = routes.filter((r) => r.path.includes(':')).map((r) => r.path);
  if (unfilled.length > 0) throw new Error(`Parameters left unfilled: ${unfilled.join(', ')}`);

  /** Who may call each write: the first caller the guard lets through to validation. */
  async function probeCallers(): Promise<Map<string, Caller>> {
    const callerOf = new Map<string, Caller>();
    for (const route of routes.filter((r) => r.body)) {
      for (const caller of [...ROLES, 'api_key'] as Caller[]) {
        const res = await send(caller, route.method, route.path).send({ __probe__: 1 });
        if (res.status !== 401 && res.status !== 403) {
          callerOf.set(route.path, caller);
          break;
        }
      }
    }
    return callerOf;
  }

  return {
    testApp,
    sessions,
    ids,
    routes,
    today,
    intakeSecret,
    baseBodies: BASE_BODIES,
    send,
    snapshot,
    changedTables,
    probeCallers,
    close: () => testApp.close(),
  };
}

export type RobustnessDesk = Awaited<ReturnType<typeof startRobustnessDesk>>;
