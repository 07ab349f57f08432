import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { hasPermission, ROLES } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import { ACCESS_METADATA } from '../src/auth/access.decorators.js';
import type { AccessRule } from '../src/auth/access.decorators.js';
import { User } from '../src/users/user.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from './support/test-app.js';
import type { SignedIn, TestApp } from './support/test-app.js';

interface RouteInfo {
  method: string;
  path: string;
  rule: AccessRule | undefined;
  handler: string;
}

function listRoutes(testApp: TestApp): RouteInfo[] {
  const modules = testApp.app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  const controllers = [...modules.values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const rule =
        (Reflect.getMetadata(ACCESS_METADATA, handler) as AccessRule | undefined) ??
        (Reflect.getMetadata(ACCESS_METADATA, metatype) as AccessRule | undefined);
      const local = [prefix, path].filter((p) => p && p !== '/').join('/');
      // The public form lives outside the API prefix (see bootstrap.ts).
      const full = (local.startsWith('privacy') ? `/${local}` : `/api/${local}`).replace(
        /\/+/g,
        '/',
      );
      routes.push({ method, path: full, rule, handler: `${metatype.name}.${name}` });
    }
  }
  return routes;
}

describe('access control', () => {
  let testApp: TestApp;
  let routes: RouteInfo[];
  const sessions = {} as Record<Role, SignedIn>;

  beforeAll(async () => {
    testApp = await startTestApp();
    routes = listRoutes(testApp);
    for (const role of ROLES) sessions[role] = await signIn(testApp, DEMO_EMAILS[role]);
  });
  afterAll(() => testApp.close());

  it('finds the routes through the Nest router', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/users',
        'GET /api/audit/verify',
        'GET /api/health',
        'GET /api/retention/preview',
        'POST /api/retention/run',
      ]),
    );
  });

  it('every route declares a permission, authenticated access, or that it is public', () => {
    const undeclared = routes
      .filter((r) => !r.rule)
      .map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('only sign-in, health, the public request routes and package links are public', () => {
    const publicRoutes = routes
      .filter((r) => r.rule?.kind === 'public')
      .map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual(
      [
        'GET /api/health',
        'GET /privacy',
        'GET /privacy/verify',
        'GET /api/public/packages/:token',
        'POST /api/auth/login',
        'POST /api/public/requests',
        'POST /api/public/verify',
        'POST /privacy',
      ].sort(),
    );
  });

  it('answers 401 to every non-public route without a session', async () => {
    for (const route of routes.filter((r) => r.rule?.kind !== 'public')) {
      const method = route.method.toLowerCase() as 'get';
      const res = await testApp.http()[method](route.path.replace(/:\w+/g, randomUUID())).send({});
      expect({ route: route.path, status: res.status, code: res.body.code }).toEqual({
        route: route.path,
        status: 401,
        code: 'unauthenticated',
      });
    }
  });

  it('gives each role 403 exactly where the permission matrix says', async () => {
    const permissionRoutes = routes.filter((r) => r.rule?.kind === 'permission');
    expect(permissionRoutes.length).toBeGreaterThan(5);
    const mismatches: string[] = [];
    for (const route of permissionRoutes) {
      const permission = (route.rule as { permission: Parameters<typeof hasPermission>[1] })
        .permission;
      for (const role of ROLES) {
        const { agent, csrf } = sessions[role];
        // A random id and an empty body: allowed calls end in 404/422 and change nothing.
        const res = await agent[route.method.toLowerCase() as 'get'](
          route.path.replace(/:\w+/g, randomUUID()),
        )
          .set(csrf)
          .send({});
        const denied = res.status === 403;
        if (denied !== !hasPermission(role, permission)) {
          mismatches.push(
            `${role} ${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
        if (denied) expect(res.body).toEqual({ message: expect.any(String), code: 'forbidden' });
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a cookie-authenticated write without the CSRF token, and changes nothing', async () => {
    const { agent } = sessions.admin;
    const res = await agent.post('/api/users').send({
      email: 'csrf@example.com',
      name: 'No Token',
      role: 'staff',
      password: 'a-long-password-1',
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_token_invalid');
    const wrong = await agent.post('/api/users').set('X-CSRF-Token', 'f'.repeat(64)).send({
      email: 'csrf@example.com',
      name: 'No Token',
      role: 'staff',
      password: 'a-long-password-1',
    });
    expect(wrong.status).toBe(403);
    expect(
      await testApp.dataSource.getRepository(User).countBy({ email: 'csrf@example.com' }),
    ).toBe(0);
  });

  it('rejects an unknown body field with 422 naming the field, and changes nothing', async () => {
    const { agent, csrf } = sessions.admin;
    const res = await agent.post('/api/users').set(csrf).send({
      email: 'extra@example.com',
      name: 'Extra',
      role: 'staff',
      password: 'a-long-password-1',
      isAdmin: true,
    });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      message: expect.any(String),
      code: 'validation_failed',
      errors: { isAdmin: 'The field “isAdmin” is not one this form accepts.' },
    });
    expect(
      await testApp.dataSource.getRepository(User).countBy({ email: 'extra@example.com' }),
    ).toBe(0);
  });

  it('answers 404 as JSON for an unknown API path', async () => {
    const res = await sessions.admin.agent.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
