import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { VERIFICATION_LINK_MASK } from '../../src/mail/mail.service.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { startSmtpListener } from './smtp-listener.js';
import type { SmtpListener } from './smtp-listener.js';

/**
 * Item 12 of issue 7: staff could open a requester's single-use confirmation link from the
 * outbox and confirm the request on their behalf. The outbox now keeps the body with the link
 * masked; the link is sealed beside it and rendered only into the mail that is sent.
 */
const BASE_URL = 'https://desk.example.com';

async function submit(testApp: TestApp, requesterEmail: string) {
  const res = await testApp
    .http()
    .post('/api/public/requests')
    .send({
      kind: 'access',
      requesterName: 'Val Verify',
      requesterEmail,
      jurisdiction: 'gdpr',
      payload: { format: 'json' },
    });
  expect(res.status).toBe(202);
  return testApp.dataSource.getRepository(PrivacyRequest).findOneByOrFail({ requesterEmail });
}

describe('the confirmation link, delivered over SMTP', () => {
  let smtp: SmtpListener;
  let testApp: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    // The poll loop is off: the test drives delivery with drain(), so timing decides nothing.
    testApp = await startTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_BASE_URL: BASE_URL,
      JOBS_ENABLED: 'false',
    });
  });
  afterAll(async () => {
    await testApp?.close();
    await smtp?.close();
  });

  it('is never shown to staff, admins or compliance officers, yet the delivered mail carries a link that works', async () => {
    const request = await submit(testApp, 'val@example.com');
    const outbox = testApp.dataSource.getRepository(MailMessage);
    const stored = await outbox.findOneByOrFail({
      requestId: request.id,
      template: 'verification',
    });
    expect(stored.body).toContain(VERIFICATION_LINK_MASK);
    expect(stored.sealedLink).not.toBeNull();

    await testApp.app.get(JobRunnerService).drain();
    const delivered = smtp.received.find((mail) => mail.rcptTo.includes('val@example.com'));
    expect(delivered).toBeDefined();
    const link = new RegExp(`${BASE_URL}/privacy/verify\\?token=([\\w%-]+)`).exec(delivered!.text);
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]!);
    expect(delivered!.text).not.toContain(VERIFICATION_LINK_MASK);
    // Sent: the sealed link is wiped; the body stays masked.
    const sent = await outbox.findOneByOrFail({ id: stored.id });
    expect(sent).toMatchObject({ status: 'sent', sealedLink: null });

    // Everything each role can read about this request and its mail.
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    const compliance = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    const answers = [
      await staff.agent.get('/api/outbox'),
      await staff.agent.get(`/api/outbox/${stored.id}`),
      await staff.agent
        .get('/api/outbox')
        .query({ filter: JSON.stringify({ requestId: request.id }) }),
      await staff.agent.get(`/api/requests/${request.id}`),
      await staff.agent.get(`/api/requests/${request.id}/timeline`),
      await admin.agent.get('/api/outbox'),
      await admin.agent.get(`/api/outbox/${stored.id}`),
      await admin.agent.get('/api/audit').query({ range: JSON.stringify([0, 499]) }),
      await compliance.agent.get('/api/audit').query({ range: JSON.stringify([0, 499]) }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(token);
      expect(res.text).not.toContain(encodeURIComponent(token));
      expect(res.text).not.toContain('token=');
      expect(res.text).not.toContain('sealedLink');
    }
    const shown = (await staff.agent.get(`/api/outbox/${stored.id}`)).body as { body: string };
    expect(shown.body).toContain(VERIFICATION_LINK_MASK);

    // The requester's link works, once.
    const page = await testApp.http().get('/privacy/verify').query({ token });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Your request ${request.reference} is confirmed`);
    const verified = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: request.id });
    expect(verified.status).toBe('new');
  });
});

describe('the confirmation link of held mail (no SMTP server yet)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ PUBLIC_BASE_URL: BASE_URL, JOBS_ENABLED: 'false' });
  });
  afterAll(() => testApp?.close());

  it('stays sealed beside the masked body, so that it can be rendered when the mail is released', async () => {
    const request = await submit(testApp, 'held@example.com');
    const held = await testApp.dataSource
      .getRepository(MailMessage)
      .findOneByOrFail({ requestId: request.id, template: 'verification' });
    expect(held.status).toBe('held');
    expect(held.body).toContain(VERIFICATION_LINK_MASK);
    expect(held.body).not.toContain('token=');
    // Sealed with SECRET_KEY: it holds no readable link.
    expect(held.sealedLink).toMatch(/^v2\.[0-9a-f]{8}\./);
    expect(held.sealedLink).not.toContain('privacy/verify');

    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const res = await staff.agent.get(`/api/outbox/${held.id}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('token=');
    expect(res.body).not.toHaveProperty('sealedLink');
  });
});
