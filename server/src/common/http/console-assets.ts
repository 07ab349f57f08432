import { join, sep } from 'node:path';
import type express from 'express';
import expressStaticGzip from 'express-static-gzip';

/** A year: the file names carry a hash of their content, so a changed file is a new name. */
const IMMUTABLE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The console's hashed scripts and styles under /assets, as the brotli or gzip file the build
 * made beside each one when the browser accepts it, and cached for good. Anything else under
 * /assets falls through to the console's own static serving.
 */
export function consoleAssets(uiDist: string): express.RequestHandler {
  return expressStaticGzip(join(uiDist, 'assets'), {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: { immutable: true, maxAge: IMMUTABLE_MAX_AGE_MS },
  }) as express.RequestHandler;
}

/** index.html names the current hashed files, so the browser must ask again every time. */
export function setConsolePageHeaders(res: express.Response, path: string): void {
  if (!path.includes(`${sep}assets${sep}`)) res.setHeader('Cache-Control', 'no-cache');
}
