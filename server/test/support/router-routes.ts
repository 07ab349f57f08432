import type { INestApplication } from '@nestjs/common';

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
