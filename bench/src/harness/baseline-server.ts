import type { ChildServer } from './child-server.js';
import { startChildServer } from './child-server.js';
import { BASELINE_MAIN } from './paths.js';

/** The bare node:http baseline server (bench/src/baseline/server.ts) on a working database. */
export function startBaseline(databaseUrl: string): Promise<ChildServer> {
  return startChildServer(BASELINE_MAIN, { DATABASE_URL: databaseUrl }, '/health');
}
