import { RequestMethod } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ACCESS_METADATA } from '../../src/auth/access.decorators.js';
import type { AccessRule } from '../../src/auth/access.decorators.js';

export interface RouterRoute {
  /** Lower case, as Express keeps it: `get`, `post`… */
  method: string;
  /** As Express matches it: `/api/users/:id`. */
  path: string;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Express answers every method on a route mounted with `all`: no route of ours is. */
const ALL_METHODS = 20;

/**
 * Every route the running server answers, read from the Express router itself rather than from
 * Nest's metadata: a module loaded under a flag, or a route mounted by hand, is listed too.
 */
export function routerRoutes(app: INestApplication): RouterRoute[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: ExpressLayer[] };
    _router?: { stack: ExpressLayer[] };
  };
  const stack = (express.router ?? express._router)?.stack;
  if (!stack) throw new Error('The Express router has no stack to read');
  return stack.flatMap(({ route }) => {
    if (!route) return [];
    const methods = Object.keys(route.methods).filter((m) => route.methods[m]);
    if (methods.length >= ALL_METHODS) return [{ method: 'all', path: route.path }];
    return methods.map((method) => ({ method, path: route.path }));
  });
}

export interface ControllerHandler {
  /** Lower case, as Express keeps it: `get`, `post`… */
  method: string;
  /** The full path as the router matches it: `/api/users/:id`, `/privacy/verify`. */
  path: string;
  /** The controller class and the handler's name on it. */
  controller: Function;
  name: string;
  prototype: Record<string, object>;
  handler: object;
}

/** Every route handler of every controller Nest has loaded, with its full path. */
export function controllerHandlers(app: INestApplication): ControllerHandler[] {
  const scanner = new MetadataScanner();
  const handlers: ControllerHandler[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { instance, metatype } of module.controllers.values()) {
      if (!instance || !metatype) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const prototype = Object.getPrototypeOf(instance) as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name]!;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const local = [prefix, path].filter((p) => p && p !== '/').join('/');
        // The public form lives outside the API prefix (see bootstrap.ts).
        const full = (local.startsWith('privacy') ? `/${local}` : `/api/${local}`).replace(
          /\/+/g,
          '/',
        );
        handlers.push({
          method: method.toLowerCase(),
          path: full,
          controller: metatype,
          name,
          prototype,
          handler,
        });
      }
    }
  }
  return handlers;
}

/**
 * The access rule each controller handler declares (`@RequirePermission`, `@Authenticated`,
 * `@Public`, on the handler or its class), keyed `method path` as the router lists them.
 */
export function declaredAccessRules(app: INestApplication): Map<string, AccessRule | undefined> {
  return new Map(
    controllerHandlers(app).map(({ method, path, handler, controller }) => [
      `${method} ${path}`,
      (Reflect.getMetadata(ACCESS_METADATA, handler) as AccessRule | undefined) ??
        (Reflect.getMetadata(ACCESS_METADATA, controller) as AccessRule | undefined),
    ]),
  );
}
