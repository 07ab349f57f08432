/**
 * The accounts and the intake API key, made through the server's real services (argon2id
 * passwords, a SHA-256 of the key, an audit entry each), on an app started in-process on the
 * data set's database. Starting the app also runs the server's real migrations.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { BENCH_SECRET_KEY, REPO_ROOT } from '../harness/paths.js';
import type { DemoAccount } from '../types.js';
import type { Accounts, Person } from './generate.js';

/** How many extra staff accounts the concurrent claim callers sign in as. */
export const EXTRA_STAFF = 50;

interface ServerUser {
  id: string;
  name: string;
}
interface NestApp {
  init(): Promise<unknown>;
  close(): Promise<void>;
  get<T>(token: unknown): T;
}
interface BootstrapModule {
  createApp(env: Record<string, string>): Promise<{ app: NestApp }>;
}
interface ServiceModule {
  [name: string]: unknown;
}
interface ActorModule {
  cliActor(): unknown;
}
interface UsersService {
  create(
    actor: unknown,
    input: { email: string; name: string; role: string; password: string },
  ): Promise<ServerUser>;
}
interface ApiKeysService {
  create(
    actor: unknown,
    input: { name: string; scopes: string[] },
  ): Promise<{ key: { id: string; name: string }; secret: string }>;
}

const serverModule = async <T>(path: string): Promise<T> =>
  (await import(pathToFileURL(join(REPO_ROOT, 'server', 'dist', path)).href)) as T;

/** The app in-process on `databaseUrl`, quiet and without jobs or demo data (not yet init). */
async function startApp(databaseUrl: string): Promise<NestApp> {
  const { createApp } = await serverModule<BootstrapModule>('bootstrap.js');
  const { app } = await createApp({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SECRET_KEY: BENCH_SECRET_KEY,
    DATABASE_URL: databaseUrl,
    BUSINESS_TIME_ZONE: 'UTC',
    SEED_DEMO_DATA: 'false',
    JOBS_ENABLED: 'false',
  });
  return app;
}

export interface MadeAccounts {
  accounts: Accounts;
  users: { staff: DemoAccount; manager: DemoAccount };
  staff: DemoAccount[];
  apiKey: string;
}

/** Starts the app on `databaseUrl` (migrating it), makes the accounts and the key, closes it. */
export async function makeAccounts(databaseUrl: string): Promise<MadeAccounts> {
  const usersModule = await serverModule<ServiceModule>('users/users.service.js');
  const keysModule = await serverModule<ServiceModule>('api-keys/api-keys.service.js');
  const { cliActor } = await serverModule<ActorModule>('auth/actor.js');
  const app = await startApp(databaseUrl);
  try {
    await app.init();
    const users = app.get<UsersService>(usersModule.UsersService);
    const keys = app.get<ApiKeysService>(keysModule.ApiKeysService);
    const actor = cliActor();
    const make = async (email: string, name: string, role: string, password: string) => {
      const user = await users.create(actor, { email, name, role, password });
      return {
        person: { id: user.id, name: user.name } satisfies Person,
        login: { email, password },
      };
    };
    const staff = await make('staff@bench.test', 'Bench Staff', 'staff', 'bench-staff-password-1');
    const manager = await make(
      'manager@bench.test',
      'Bench Manager',
      'manager',
      'bench-manager-password-1',
    );
    // Reviews the generated disclosures; a role with MFA, so the benchmark never signs in as it.
    const reviewer = await make(
      'reviewer@bench.test',
      'Bench Reviewer',
      'compliance_officer',
      'bench-reviewer-password-1',
    );
    // argon2 dominates: a few at a time (the service serialises its own transactions).
    const extra: Awaited<ReturnType<typeof make>>[] = [];
    for (let i = 1; i <= EXTRA_STAFF; i += 4) {
      const group = [i, i + 1, i + 2, i + 3].filter((n) => n <= EXTRA_STAFF);
      extra.push(
        ...(await Promise.all(
          group.map((i) => {
            const n = String(i).padStart(2, '0');
            return make(`staff${n}@bench.test`, `Staff ${n}`, 'staff', `bench-staff${n}-password`);
          }),
        )),
      );
    }
    const { key, secret } = await keys.create(actor, {
      name: 'Bench intake',
      scopes: ['requests:create', 'suppressions:read'],
    });
    return {
      accounts: {
        staff: [staff.person, ...extra.map((e) => e.person)],
        manager: manager.person,
        reviewer: reviewer.person,
        apiKey: { id: key.id, name: key.name },
      },
      users: { staff: staff.login, manager: manager.login },
      staff: extra.map((e) => e.login),
      apiKey: secret,
    };
  } finally {
    await app.close();
  }
}

/**
 * Starts the app on `databaseUrl` and closes it: the server runs its pending migrations at start,
 * so a data set cached before a new migration is brought to the current schema.
 */
export async function migrate(databaseUrl: string): Promise<void> {
  const app = await startApp(databaseUrl);
  try {
    await app.init();
  } finally {
    await app.close();
  }
}
