import { ManualClock } from '../../src/common/clock/clock.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { DOWNLOAD_LINK_MASK } from '../../src/mail/mail.service.js';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { RequestPackage } from '../../src/request-packages/request-package.entity.js';
import { RequestPackagesService } from '../../src/request-packages/request-packages.service.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { startSmtpListener } from '../mail/smtp-listener.js';
import type { SmtpListener } from '../mail/smtp-listener.js';
import { enterRequest } from '../requests/support.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

/**
 * The delivery infrastructure on its own (the access kind and the disclosure report use it):
 * a stored package, sent as a link that expires and works a limited number of times.
 */
const BASE_URL = 'https://desk.example.com';
const START = new Date('2026-11-30T10:00:00Z');

describe('request packages: store, send, download', () => {
  let smtp: SmtpListener;
  let testApp: TestApp;
  let staff: SignedIn;
  const clock = new ManualClock(START);

  beforeAll(async () => {
    smtp = await startSmtpListener();
    testApp = await startTestApp(
      {
        SMTP_URL: smtp.url,
        PUBLIC_BASE_URL: BASE_URL,
        JOBS_ENABLED: 'false',
        PACKAGE_LINK_EXPIRY_MINUTES: '60',
        PACKAGE_LINK_MAX_DOWNLOADS: '3',
        ...LONG_SESSIONS,
      },
      { clock },
    );
    staff = await signIn(testApp, DEMO_EMAILS.staff);
  });
  afterAll(async () => {
    await testApp?.close();
    await smtp?.close();
  });

  async function sendPackage(email: string) {
    const entered = await enterRequest(staff, {
      requesterEmail: email,
      receivedAt: START.toISOString().slice(0, 10),
    });
    const request = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: entered.id });
    const service = testApp.app.get(RequestPackagesService);
    const actor = { type: 'user' as const, id: staff.session.user.id, label: 'Staff' };
    const content = {
      purpose: 'access' as const,
      json: { hello: 'world' },
      html: '<p>Hello</p>',
      pdf: Buffer.from('%PDF-1.3 test'),
    };
    const draft = await service.store(actor, request, { ...content, json: { draft: 1 } });
    const pkg = await testApp.app
      .get(TransactionService)
      .run(() => service.storeAndSend(actor, request, content));
    await testApp.app.get(JobRunnerService).drain();
    const link = new RegExp(`${BASE_URL}/api/public/packages/([\\w-]+)`);
    const mail = smtp.received.find((m) => m.rcptTo.includes(email) && link.test(m.text));
    const match = link.exec(mail?.text ?? '');
    return { request, pkg, draft, mail, token: match?.[1] };
  }

  it('keeps one copy (the draft replaced), mails the link sealed, and serves each format', async () => {
    const { request, pkg, draft, mail, token } = await sendPackage('pat@example.com');
    expect(token).toBeDefined();
    expect(mail!.text).not.toContain(DOWNLOAD_LINK_MASK);
    const kept = await testApp.dataSource
      .getRepository(RequestPackage)
      .findBy({ requestId: request.id });
    expect(kept.map((p) => p.id)).toEqual([pkg.id]);
    expect(kept.map((p) => p.id)).not.toContain(draft.id);
    expect(kept[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(kept[0]!.tokenHash).not.toBe(token);
    const stored = await testApp.dataSource
      .getRepository(MailMessage)
      .findOneByOrFail({ requestId: request.id, template: 'package_ready' });
    expect(stored.body).not.toContain(token!);
    expect(stored.body).toContain(DOWNLOAD_LINK_MASK);

    const landing = await testApp.http().get(`/api/public/packages/${token}`);
    expect(landing.status).toBe(200);
    expect(landing.text).toContain(request.reference);
    expect(landing.text).toContain('?format=pdf');

    const json = await testApp
      .http()
      .get(`/api/public/packages/${token}`)
      .query({ format: 'json' });
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toEqual({ hello: 'world' });
    const pdf = await testApp
      .http()
      .get(`/api/public/packages/${token}`)
      .query({ format: 'pdf' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).toString('latin1')).toBe('%PDF-1.3 test');

    const html = await testApp
      .http()
      .get(`/api/public/packages/${token}`)
      .query({ format: 'html' });
    expect(html.status).toBe(200);
    expect(html.text).toBe('<p>Hello</p>');

    // Three downloads allowed: the fourth is refused, and the landing page too.
    const fourth = await testApp
      .http()
      .get(`/api/public/packages/${token}`)
      .query({ format: 'json' });
    expect(fourth.status).toBe(410);
    expect(fourth.text).toContain('used as many times as it allows');
    expect((await testApp.http().get(`/api/public/packages/${token}`)).status).toBe(410);

    const audits = await testApp.dataSource
      .getRepository(AuditEntry)
      .findBy({ action: 'request_package.downloaded', entityId: pkg.id });
    expect(audits.map((a) => a.summary).sort()).toEqual(
      [
        `${request.reference}: access package downloaded as html (3 of 3)`,
        `${request.reference}: access package downloaded as json (1 of 3)`,
        `${request.reference}: access package downloaded as pdf (2 of 3)`,
      ].sort(),
    );
    for (const a of audits) expect(a.summary).not.toContain('pat@example.com');

    const status = await staff.agent.get(`/api/requests/${request.id}/packages`);
    expect(status.status).toBe(200);
    expect(status.body).toEqual([
      expect.objectContaining({ id: pkg.id, downloadCount: 3, maxDownloads: 3, linkLive: false }),
    ]);
    expect(JSON.stringify(status.body)).not.toContain('tokenHash');
  });

  it('stops working once it expires (410), and an unknown link is a 404', async () => {
    const { token } = await sendPackage('quinn@example.com');
    clock.advance(59 * 60_000);
    expect((await testApp.http().get(`/api/public/packages/${token}`)).status).toBe(200);
    clock.advance(60_000);
    const expired = await testApp
      .http()
      .get(`/api/public/packages/${token}`)
      .query({ format: 'pdf' });
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('has expired');
    const unknown = await testApp.http().get(`/api/public/packages/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('not valid');
    expect((await testApp.http().get(`/api/public/packages/${token}?format=exe`)).status).toBe(404);
  });

  it('refuses to send a package twice', async () => {
    const { request, pkg } = await sendPackage('robin@example.com');
    const service = testApp.app.get(RequestPackagesService);
    const actor = { type: 'user' as const, id: staff.session.user.id, label: 'Staff' };
    await expect(service.send(actor, request, pkg.id)).rejects.toMatchObject({
      status: 409,
      code: 'package_already_sent',
    });
  });
});
