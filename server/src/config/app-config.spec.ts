import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, secretKeyProblem } from './app-config.js';

/** What `openssl rand -base64 48` prints: the key the error message tells operators to make. */
const RANDOM_KEY = randomBytes(48).toString('base64');
/** A production setting with what production requires besides the key. */
const ZONE = { BUSINESS_TIME_ZONE: 'America/New_York' };

const problems = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('has working defaults for trying the app', () => {
    const config = loadConfig({});
    expect(config.env.PORT).toBe(3000);
    expect(config.databaseType).toBe('sqlite');
    expect(config.env.SESSION_IDLE_MINUTES).toBe(30);
    expect(config.env.SESSION_ABSOLUTE_HOURS).toBe(12);
    expect(config.cookieSecure).toBe(false);
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/pd',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      SEED_DEMO_DATA: 'false',
    });
    expect(config.env.PORT).toBe(8080);
    expect(config.databaseType).toBe('postgres');
    expect(config.env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.env.SEED_DEMO_DATA).toBe(false);
  });

  it('names each bad variable', () => {
    const message = problems({
      PORT: 'x',
      DATABASE_URL: 'mysql://a',
      LOG_LEVEL: 'loud',
      CORS_ORIGINS: 'not a url',
    });
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'CORS_ORIGINS']) {
      expect(message).toMatch(new RegExp(`^\\s*${name}: `, 'm'));
    }
  });

  it('requires a real SECRET_KEY in production and turns the Secure cookie on', () => {
    expect(problems({ NODE_ENV: 'production' })).toMatch(/SECRET_KEY/);
    const config = loadConfig({ NODE_ENV: 'production', SECRET_KEY: RANDOM_KEY, ...ZONE });
    expect(config.cookieSecure).toBe(true);
  });

  it('refuses a production SECRET_KEY without real entropy, and says how to make one', () => {
    const weak = [
      's'.repeat(32),
      'ab'.repeat(20),
      'password1234'.repeat(3),
      'abcdefghijklmnopqrstuvwxyz012345',
      'change-me-to-at-least-32-random-characters',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab',
      '1111111122222222333333334444444455555555',
      'axqaxqqaxaqxxaqaqxaxqxaqaxqqxaxq',
    ];
    for (const key of weak) {
      const message = problems({ NODE_ENV: 'production', SECRET_KEY: key });
      expect({ key, message }).toEqual({
        key,
        message: expect.stringMatching(/^\s*SECRET_KEY: .*openssl rand -base64 48/m),
      });
    }
    expect(secretKeyProblem('axqaxqqaxaqxxaqaqxaxqxaqaxqqxaxq')).toMatch(/too little entropy/);
    // Random keys pass: base64 of 48 bytes, 32 random bytes in hex, and 32 random hex digits,
    // including the least even draw of 32 hex digits seen in three million (it scores 87 bits).
    expect(secretKeyProblem('8c6c18d5c8cd1d8d85d13bdbd8c8cfdd')).toBeNull();
    for (let i = 0; i < 20; i++) {
      expect(secretKeyProblem(randomBytes(48).toString('base64'))).toBeNull();
      expect(secretKeyProblem(randomBytes(32).toString('hex'))).toBeNull();
      expect(secretKeyProblem(randomBytes(16).toString('hex'))).toBeNull();
    }
    // Outside production the rule does not apply (the development default is no secret).
    expect(loadConfig({ NODE_ENV: 'development', SECRET_KEY: 's'.repeat(32) }).env.SECRET_KEY).toBe(
      's'.repeat(32),
    );
  });

  it('refuses production without BUSINESS_TIME_ZONE, and says why', () => {
    const message = problems({ NODE_ENV: 'production', SECRET_KEY: RANDOM_KEY });
    expect(message).toMatch(/^\s*BUSINESS_TIME_ZONE: must be set in production/m);
    expect(message).toContain('a US desk left on UTC turns evening requests into the next day');
    // Set explicitly, any valid zone will do, UTC included; outside production UTC is the default.
    expect(
      loadConfig({ NODE_ENV: 'production', SECRET_KEY: RANDOM_KEY, BUSINESS_TIME_ZONE: 'UTC' })
        .clockSettings.timeZone,
    ).toBe('UTC');
    expect(loadConfig({}).clockSettings.timeZone).toBe('UTC');
    expect(
      problems({ NODE_ENV: 'production', SECRET_KEY: RANDOM_KEY, BUSINESS_TIME_ZONE: 'Mars/Base' }),
    ).toMatch(/BUSINESS_TIME_ZONE: must be an IANA time zone/);
  });

  it('refuses the diagnostics routes in production, and allows them elsewhere', () => {
    const production = { NODE_ENV: 'production', SECRET_KEY: RANDOM_KEY, ...ZONE };
    expect(problems({ ...production, ENABLE_DIAGNOSTICS: 'true' })).toBe(
      'Invalid configuration:\n  ENABLE_DIAGNOSTICS: must be off in production',
    );
    expect(loadConfig({ ...production, ENABLE_DIAGNOSTICS: 'false' }).env.ENABLE_DIAGNOSTICS).toBe(
      false,
    );
    expect(
      loadConfig({ NODE_ENV: 'test', ENABLE_DIAGNOSTICS: 'true' }).env.ENABLE_DIAGNOSTICS,
    ).toBe(true);
  });

  it('reads the desk’s target margin for the legal clocks', () => {
    expect(loadConfig({}).clockSettings.targetMarginBusinessDays).toBe(3);
    expect(
      loadConfig({ CLOCK_TARGET_MARGIN_BUSINESS_DAYS: '5' }).clockSettings.targetMarginBusinessDays,
    ).toBe(5);
    expect(problems({ CLOCK_TARGET_MARGIN_BUSINESS_DAYS: '-1' })).toMatch(
      /CLOCK_TARGET_MARGIN_BUSINESS_DAYS: /,
    );
  });

  it('reads the retention periods, and refuses any shorter than the law requires', () => {
    expect(loadConfig({}).retention).toEqual({ requestMonths: 24, disclosureYears: 6 });
    expect(
      loadConfig({ RETENTION_REQUEST_MONTHS: '36', RETENTION_DISCLOSURE_YEARS: '10' }).retention,
    ).toEqual({ requestMonths: 36, disclosureYears: 10 });
    const message = problems({ RETENTION_REQUEST_MONTHS: '12', RETENTION_DISCLOSURE_YEARS: '5' });
    expect(message).toMatch(/^\s*RETENTION_REQUEST_MONTHS: must be at least 24 \(.*§7101/m);
    expect(message).toMatch(/^\s*RETENTION_DISCLOSURE_YEARS: must be at least 6 \(.*§164\.528/m);
    expect(problems({ RETENTION_REQUEST_MONTHS: 'two years' })).toMatch(
      /RETENTION_REQUEST_MONTHS: /,
    );
  });

  it('serves the API documentation outside production, and in production only when asked', () => {
    expect(loadConfig({}).apiDocsEnabled).toBe(true);
    expect(
      loadConfig({ NODE_ENV: 'production', SECRET_KEY: RANDOM_KEY, ...ZONE }).apiDocsEnabled,
    ).toBe(false);
    const on = loadConfig({
      NODE_ENV: 'production',
      SECRET_KEY: RANDOM_KEY,
      API_DOCS: 'true',
      ...ZONE,
    });
    expect(on.apiDocsEnabled).toBe(true);
    expect(on.apiDocsNeedSignIn).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }).apiDocsEnabled).toBe(false);
  });
});
