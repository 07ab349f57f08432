import type { TestServer } from './server.js';
import { updateServerRows } from './server-db.js';

/**
 * Moves a closed request's `closed_at` back to `at`. A spawned server runs on the system clock;
 * instead of waiting two years for the retention period to pass, a journey dates the closing
 * in the past in the server's database, which is what time passing does.
 */
export function closeRequestLongAgo(server: TestServer, requestId: string, at: Date) {
  return updateServerRows(server, 'privacy_requests', { closed_at: at }, { id: requestId });
}
