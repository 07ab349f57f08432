import { ConfigError, loadConfig } from '../../src/config/app-config.js';

const problemsOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('mail settings', () => {
  it('hold mail by default, with a sender and a base URL that work locally', () => {
    const { env } = loadConfig({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe('Privacy Desk <privacy@localhost>');
    expect(env.PUBLIC_BASE_URL).toBe('http://localhost:3000');
    // Compose passes an unset variable as an empty string: that means "not set".
    expect(loadConfig({ SMTP_URL: '' }).env.SMTP_URL).toBeUndefined();
  });

  it.each([
    'smtp://127.0.0.1:2525',
    'smtp://mailcatcher:1025',
    'smtps://user:p%40ss@mail.example.com:465',
    'smtp://user:pass@mail.example.com:587?tls.rejectUnauthorized=true',
  ])('accepts SMTP_URL %s', (url) => {
    expect(loadConfig({ SMTP_URL: url }).env.SMTP_URL).toBe(url);
  });

  it.each(['http://mail.example.com', 'mail.example.com:25', 'smtp://', 'smtp:relay'])(
    'refuses SMTP_URL %s, naming it',
    (url) => {
      expect(problemsOf({ SMTP_URL: url })).toMatch(/^\s*SMTP_URL: must be an smtp:\/\//m);
    },
  );

  it('accepts a plain or named sender and refuses anything else', () => {
    expect(loadConfig({ MAIL_FROM: 'privacy@example.com' }).env.MAIL_FROM).toBe(
      'privacy@example.com',
    );
    expect(loadConfig({ MAIL_FROM: 'Acme Privacy <privacy@acme.example>' }).env.MAIL_FROM).toBe(
      'Acme Privacy <privacy@acme.example>',
    );
    for (const from of ['Privacy Desk', 'a@b\r\nBcc: c@d', '<privacy@example.com']) {
      expect(problemsOf({ MAIL_FROM: from })).toMatch(/^\s*MAIL_FROM: /m);
    }
  });

  it('wants PUBLIC_BASE_URL as an http(s) URL without a trailing slash', () => {
    for (const url of ['https://privacy.example.com', 'http://10.0.0.5:8080/desk']) {
      expect(loadConfig({ PUBLIC_BASE_URL: url }).env.PUBLIC_BASE_URL).toBe(url);
    }
    for (const url of [
      'https://privacy.example.com/',
      'ftp://privacy.example.com',
      'privacy.example.com',
      'https://privacy.example.com/?next=1',
    ]) {
      expect(problemsOf({ PUBLIC_BASE_URL: url })).toMatch(/^\s*PUBLIC_BASE_URL: /m);
    }
  });
});
