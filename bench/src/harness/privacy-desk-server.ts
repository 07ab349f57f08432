import type { ChildServer } from './child-server.js';
import { startChildServer } from './child-server.js';
import { BENCH_SECRET_KEY, SERVER_MAIN } from './paths.js';

/**
 * The real server (`server/dist/main.js`) as its own process on a working database, in
 * production mode. Background jobs are off so that nothing but the scenario's load runs;
 * sign-in and intake limits are raised because every request comes from 127.0.0.1.
 */
export function startPrivacyDesk(
  databaseUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ChildServer> {
  return startChildServer(
    SERVER_MAIN,
    {
      NODE_ENV: 'production',
      SECRET_KEY: BENCH_SECRET_KEY,
      BUSINESS_TIME_ZONE: 'UTC',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      JOBS_ENABLED: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    '/api/health',
    nodeArgs,
  );
}
