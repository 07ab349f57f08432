import { randomBytes } from 'node:crypto';
import { defaultPublicBaseUrl, loadConfig } from '../src/config/app-config.js';
import { MailMessage } from '../src/mail/mail-message.entity.js';
import { MailService } from '../src/mail/mail.service.js';
import { startTestApp } from './support/test-app.js';
import type { TestApp } from './support/test-app.js';

describe('PUBLIC_BASE_URL follows HOST and PORT unless set', () => {
  it.each([
    [{}, 'http://localhost:3000'],
    [{ PORT: '4100' }, 'http://localhost:4100'],
    [{ HOST: '0.0.0.0', PORT: '4100' }, 'http://localhost:4100'],
    [{ HOST: '::', PORT: '4100' }, 'http://localhost:4100'],
    [{ HOST: 'localhost', PORT: '8080' }, 'http://localhost:8080'],
    [{ HOST: '192.168.1.20', PORT: '4100' }, 'http://192.168.1.20:4100'],
    [{ HOST: 'desk.internal', PORT: '80' }, 'http://desk.internal:80'],
    [{ HOST: 'fd00::5', PORT: '4100' }, 'http://[fd00::5]:4100'],
    [
      { PORT: '4100', PUBLIC_BASE_URL: 'https://privacy.example.com' },
      'https://privacy.example.com',
    ],
  ] as [Record<string, string>, string][])('%j gives %s', (env, expected) => {
    expect(loadConfig(env).env.PUBLIC_BASE_URL).toBe(expected);
  });

  it('is the same function the README describes', () => {
    expect(defaultPublicBaseUrl('0.0.0.0', 4100)).toBe('http://localhost:4100');
  });

  it('puts the seeded demo verification link on the configured port', async () => {
    const testApp = await startTestApp({ PORT: '4100', SEED_DEMO_REQUESTS: 'true' });
    try {
      const mail = await testApp.dataSource
        .getRepository(MailMessage)
        .findOneByOrFail({ template: 'verification' });
      // The outbox keeps the link masked; it is put in when the mail is sent.
      const sent = testApp.app.get(MailService).renderForDelivery(mail);
      expect(sent).toContain('http://localhost:4100/privacy/verify?token=');
      expect(sent).not.toContain('localhost:3000');
    } finally {
      await testApp.close();
    }
  });
});

describe('HTTPS upgrades only where the server is behind TLS', () => {
  const headersOf = async (testApp: TestApp) => {
    const res = await testApp.http().get('/api/health');
    expect(res.status).toBeLessThan(500);
    return {
      csp: String(res.headers['content-security-policy'] ?? ''),
      hsts: res.headers['strict-transport-security'] as string | undefined,
    };
  };

  it('over plain HTTP (development, test): no upgrade-insecure-requests, no HSTS', async () => {
    const plain: Record<string, string>[] = [
      {},
      { NODE_ENV: 'development' },
      { COOKIE_SECURE: 'false' },
    ];
    for (const env of plain) {
      const testApp = await startTestApp(env);
      try {
        const { csp, hsts } = await headersOf(testApp);
        expect(csp).toContain("default-src 'self'");
        expect(csp).not.toContain('upgrade-insecure-requests');
        expect(hsts).toBeUndefined();
      } finally {
        await testApp.close();
      }
    }
  });

  it('behind TLS (COOKIE_SECURE=true, or production): both are sent', async () => {
    const behindTls: Record<string, string>[] = [
      { COOKIE_SECURE: 'true' },
      {
        NODE_ENV: 'production',
        SECRET_KEY: randomBytes(32).toString('base64url'),
        BUSINESS_TIME_ZONE: 'UTC',
      },
    ];
    for (const env of behindTls) {
      const testApp = await startTestApp(env);
      try {
        const { csp, hsts } = await headersOf(testApp);
        expect(csp).toContain('upgrade-insecure-requests');
        expect(hsts).toMatch(/^max-age=\d+/);
      } finally {
        await testApp.close();
      }
    }
  });
});
