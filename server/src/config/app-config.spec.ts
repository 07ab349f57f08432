import { ConfigError, loadConfig } from './app-config.js';

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
    const config = loadConfig({ NODE_ENV: 'production', SECRET_KEY: 's'.repeat(32) });
    expect(config.cookieSecure).toBe(true);
  });
});
