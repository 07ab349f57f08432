import type { TestServer } from './server.js';
import { updateServerRows } from './server-db.js';

/**
 * Moves the expiry of a request's package links to `at` (default: a minute ago). A spawned
 * server runs on the system clock, and no test clock reaches into it; instead of waiting days
 * (or sleeping), journeys put the expiry in the past, which is what time passing does.
 */
export function expirePackageLinks(
  server: TestServer,
  requestId: string,
  at: Date = new Date(Date.now() - 60_000),
) {
  return updateServerRows(
    server,
    'request_packages',
    { expires_at: at },
    { request_id: requestId },
  );
}
