import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { EnvironmentVariables, loadConfig } from '../src/config/app-config.js';

/**
 * No Docker engine runs where the tests run, so docker-compose.yml, the Dockerfile and
 * .env.example are checked here against the configuration the server validates.
 */
const root = (file: string) => fileURLToPath(new URL(`../../${file}`, import.meta.url));
const KNOWN = new Set([
  ...Object.keys(new EnvironmentVariables()),
  'DATABASE_SCHEMA',
  'COOKIE_SECURE',
  'ADMIN_UI_DIST',
]);

interface ComposeService {
  build?: unknown;
  image?: string;
  ports?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  profiles?: string[];
}

const compose = parse(readFileSync(root('docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

/** Resolves `${NAME:-default}` and `${NAME:?message}` the way Compose does, from a given env. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      if (env[name] !== undefined && env[name] !== '') return env[name]!;
      if (op === '?') throw new Error(`${name} is required: ${arg}`);
      return op === '-' ? (arg ?? '') : '';
    },
  );
}

describe('docker-compose.yml', () => {
  const app = compose.services.app!;

  it('has the app, PostgreSQL with a named volume, and an optional mail catcher', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'mailcatcher', 'postgres']);
    expect(app.build).toBeDefined();
    expect(compose.services.postgres!.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(compose.volumes).toHaveProperty('postgres-data');
    expect(compose.services.mailcatcher!.profiles).toEqual(['mail']);
    expect(app.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(compose.services.postgres!.healthcheck).toBeDefined();
  });

  it('publishes the port the server listens on', () => {
    expect(app.ports).toEqual(['${PORT:-3000}:3000']);
    expect(String(app.environment!.PORT)).toBe('3000');
  });

  it('passes only variables the server knows, and a configuration the server accepts', () => {
    const unknown = Object.keys(app.environment!).filter((name) => !KNOWN.has(name));
    expect(unknown).toEqual([]);
    const env = {
      POSTGRES_PASSWORD: 'pw',
      SECRET_KEY: randomBytes(48).toString('base64'),
      BUSINESS_TIME_ZONE: 'America/New_York',
    };
    const resolved = Object.fromEntries(
      Object.entries(app.environment!).map(([name, value]) => [
        name,
        interpolate(String(value), env),
      ]),
    );
    const config = loadConfig(resolved);
    expect(config.isProduction).toBe(true);
    expect(config.databaseType).toBe('postgres');
    expect(resolved.DATABASE_URL).toBe('postgres://privacy_desk:pw@postgres:5432/privacy_desk');
  });

  it('exposes every production setting as an environment variable', () => {
    const testOnly = [
      'DATABASE_SCHEMA',
      'ADMIN_UI_DIST',
      'ENABLE_DIAGNOSTICS',
      'DIAGNOSTICS_TICK_SECONDS',
    ];
    const missing = [...KNOWN].filter(
      (name) => !testOnly.includes(name) && !(name in app.environment!),
    );
    expect(missing).toEqual([]);
  });

  it('refuses to start without the secrets from .env', () => {
    expect(() => interpolate(String(app.environment!.SECRET_KEY), {})).toThrow(
      /SECRET_KEY is required/,
    );
    expect(() => interpolate(String(app.environment!.DATABASE_URL), {})).toThrow(
      /POSTGRES_PASSWORD is required/,
    );
    expect(() => interpolate(String(app.environment!.BUSINESS_TIME_ZONE), {})).toThrow(
      /BUSINESS_TIME_ZONE is required/,
    );
  });
});

describe('.env.example and the Dockerfile', () => {
  it('lists only known settings (plus the PostgreSQL container secrets)', () => {
    const names = readFileSync(root('.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^\w+=/.test(line))
      .map((line) => line.split('=')[0]!);
    expect(names).toContain('SECRET_KEY');
    expect(names).toContain('POSTGRES_PASSWORD');
    expect(names.filter((name) => !KNOWN.has(name) && !name.startsWith('POSTGRES_'))).toEqual([]);
  });

  it('builds in two stages and runs as a non-root user with a health check', () => {
    const dockerfile = readFileSync(root('Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/health/m);
    expect(dockerfile).toMatch(/^CMD \["node", "server\/dist\/main.js"\]$/m);
    expect(readFileSync(root('.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it("copies every workspace's package.json before npm ci, which refuses a lockfile it cannot match", () => {
    const dockerfile = readFileSync(root('Dockerfile'), 'utf8');
    const { workspaces } = JSON.parse(readFileSync(root('package.json'), 'utf8')) as {
      workspaces: string[];
    };
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf('RUN npm ci'));
    expect(
      workspaces.filter((ws) => !beforeInstall.includes(`COPY ${ws}/package.json ${ws}/`)),
    ).toEqual([]);
  });
});
