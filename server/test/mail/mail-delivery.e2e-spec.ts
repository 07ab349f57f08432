import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ApiError } from '../../src/common/errors/domain-errors.js';
import { loadConfig } from '../../src/config/app-config.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { Job } from '../../src/jobs/job.entity.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { MAIL_DELIVER_JOB, MailService } from '../../src/mail/mail.service.js';
import { MailTransport } from '../../src/mail/mail-transport.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { startSmtpListener } from './smtp-listener.js';
import type { SmtpListener } from './smtp-listener.js';

describe('mail delivery over SMTP', () => {
  let smtp: SmtpListener;
  let testApp: TestApp;
  let mail: MailService;
  let tx: TransactionService;
  let runner: JobRunnerService;
  const flakyAttempts = new Map<string, number>();

  const messages = () => testApp.dataSource.getRepository(MailMessage);
  const jobs = () => testApp.dataSource.getRepository(Job);
  const deliveryJobFor = async (id: string) =>
    (await jobs().findBy({ type: MAIL_DELIVER_JOB })).find(
      (job) => (JSON.parse(job.payload) as { messageId: string }).messageId === id,
    );
  const acknowledgement = (to: string, reference: string) => ({
    to,
    template: 'acknowledgement' as const,
    data: { reference, kindLabel: 'Correction', dueDate: '2026-12-29' },
  });

  beforeAll(async () => {
    smtp = await startSmtpListener({
      refuseRecipient: (address) => {
        if (address.startsWith('bounce')) return [550, 'No such mailbox here'];
        if (address.startsWith('flaky')) {
          const seen = (flakyAttempts.get(address) ?? 0) + 1;
          flakyAttempts.set(address, seen);
          return seen === 1 ? [451, 'Try again later'] : null;
        }
        return null;
      },
    });
    // The poll loop is off: the tests drive delivery with drain(), so timing decides nothing.
    testApp = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Privacy Desk <privacy@desk.test>',
      JOBS_ENABLED: 'false',
      JOB_MAX_ATTEMPTS: '2',
      JOB_RETRY_BASE_SECONDS: '0',
    });
    mail = testApp.app.get(MailService);
    tx = testApp.app.get(TransactionService);
    runner = testApp.app.get(JobRunnerService);
    // Whatever the start-up queued (the demo desk's own mail) goes out before the tests count.
    await runner.drain();
  });
  afterAll(async () => {
    await testApp?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });

  it('delivers a queued message when its job runs, and records it as sent', async () => {
    const requestId = randomUUID();
    const queued = await tx.run(() =>
      mail.queue({ ...acknowledgement('ada@example.com', 'PR-2026-000001'), requestId }),
    );
    expect(queued.status).toBe('queued');
    const job = await deliveryJobFor(queued.id);
    expect(job).toMatchObject({ status: 'pending' });
    expect(JSON.parse(job!.payload)).toEqual({ messageId: queued.id });
    expect(smtp.received).toHaveLength(0);

    await runner.drain();

    expect(smtp.received).toHaveLength(1);
    const [arrived] = smtp.received;
    expect(arrived!.rcptTo).toEqual(['ada@example.com']);
    expect(arrived!.mailFrom).toBe('privacy@desk.test');
    expect(arrived!.headers.from).toBe('Privacy Desk <privacy@desk.test>');
    expect(arrived!.headers.to).toBe('ada@example.com');
    expect(arrived!.headers.subject).toBe('We have received your privacy request PR-2026-000001');
    expect(arrived!.headers['content-type']).toMatch(/^text\/plain/);
    expect(arrived!.text).toContain('We have recorded it under reference PR-2026-000001.');
    expect(arrived!.text).toContain('Tuesday 29 December 2026');
    expect(arrived!.text).toContain('Privacy Desk');

    const stored = await messages().findOneByOrFail({ id: queued.id });
    expect(stored).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      requestId,
      template: 'acknowledgement',
      messageId: arrived!.headers['message-id'],
    });
    expect(stored.sentAt).toBeInstanceOf(Date);
    expect(await deliveryJobFor(queued.id)).toMatchObject({ status: 'succeeded' });

    // Audited with the change, without the address.
    const entry = await testApp.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'mail.queued', entityId: queued.id });
    expect(entry).toMatchObject({
      entityType: 'mail',
      actorType: 'system',
      summary: 'Queued acknowledgement email',
    });
    // The job payload and the audit trail hold the id, never the address.
    expect(JSON.stringify(job)).not.toContain('ada@');
    expect(JSON.stringify(entry)).not.toContain('ada@');
  });

  it('sends nothing when the transaction that queued the message rolls back', async () => {
    const jobsBefore = await jobs().countBy({ type: MAIL_DELIVER_JOB });
    await expect(
      tx.run(async () => {
        await mail.queue(acknowledgement('grace@example.com', 'PR-2026-000002'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await messages().countBy({ to: 'grace@example.com' })).toBe(0);
    expect(await jobs().countBy({ type: MAIL_DELIVER_JOB })).toBe(jobsBefore);
    await runner.drain();
    expect(smtp.received).toHaveLength(0);
  });

  it('must be called inside a transaction, and refuses an address that is not one', async () => {
    await expect(mail.queue(acknowledgement('ada@example.com', 'PR-2026-000003'))).rejects.toThrow(
      /inside TransactionService.run/,
    );
    const refusal = await tx
      .run(() => mail.queue(acknowledgement('not an address', 'PR-2026-000003')))
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).getStatus()).toBe(422);
    expect((refusal as ApiError).errors).toEqual({ to: expect.any(String) });
  });

  it('keeps the error of a refused message, retries it, then marks it failed', async () => {
    const queued = await tx.run(() =>
      mail.queue({
        to: 'bounce@example.com',
        template: 'rejection',
        data: { reference: 'PR-2026-000004', reason: 'We could not confirm your identity.' },
      }),
    );

    await runner.drain();

    expect(smtp.received).toHaveLength(0);
    const stored = await messages().findOneByOrFail({ id: queued.id });
    expect(stored).toMatchObject({ status: 'failed', attempts: 2, sentAt: null });
    expect(stored.lastError).toMatch(/550/);
    expect(stored.lastError).toMatch(/No such mailbox here/);
    const job = await deliveryJobFor(queued.id);
    expect(job).toMatchObject({ status: 'dead', attempts: 2 });
    // The jobs table stays free of personal data: the SMTP codes, not the server's text.
    expect(job!.lastError).toMatch(/^MailDeliveryError: SMTP delivery failed/);
    expect(job!.lastError).not.toContain('bounce@');
  });

  it('delivers on a later attempt after a temporary refusal', async () => {
    const queued = await tx.run(() =>
      mail.queue({
        to: 'flaky@example.com',
        template: 'request_info',
        data: { reference: 'PR-2026-000005', message: 'Which address should we correct?' },
      }),
    );

    await runner.drain();

    expect(smtp.received.map((m) => m.rcptTo)).toEqual([['flaky@example.com']]);
    expect(smtp.received[0]!.text).toContain('Which address should we correct?');
    expect(await messages().findOneByOrFail({ id: queued.id })).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    });
  });

  it('sends each message of a transaction once, however often the runner runs', async () => {
    const ids = await tx.run(async () => [
      (await mail.queue(acknowledgement('one@example.com', 'PR-2026-000006'))).id,
      (await mail.queue(acknowledgement('two@example.com', 'PR-2026-000007'))).id,
    ]);
    await runner.drain();
    await runner.drain();
    expect(smtp.received.map((m) => m.rcptTo[0]).sort()).toEqual([
      'one@example.com',
      'two@example.com',
    ]);
    for (const id of ids) {
      expect(await messages().findOneByOrFail({ id })).toMatchObject({ status: 'sent' });
    }
  });
});

describe('SMTP_URL credentials', () => {
  let smtp: SmtpListener;

  beforeAll(async () => {
    smtp = await startSmtpListener({ credentials: { user: 'desk', pass: 'p@ss/word' } });
  });
  afterAll(() => smtp.close());

  const transportFor = (auth: string) =>
    new MailTransport(loadConfig({ SMTP_URL: `smtp://${auth}@127.0.0.1:${smtp.port}` }));

  it('signs in with the user and (URL-encoded) password of the URL', async () => {
    const transport = transportFor(`desk:${encodeURIComponent('p@ss/word')}`);
    const messageId = await transport.send({
      to: 'ada@example.com',
      subject: 'Signed in',
      text: 'Hello',
    });
    transport.onApplicationShutdown();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ user: 'desk', rcptTo: ['ada@example.com'] });
    expect(smtp.received[0]!.headers['message-id']).toBe(messageId);
  });

  it('fails, sending nothing, when the server refuses the credentials', async () => {
    smtp.received.length = 0;
    const transport = transportFor('desk:wrong');
    await expect(
      transport.send({ to: 'ada@example.com', subject: 'No', text: 'No' }),
    ).rejects.toMatchObject({ code: 'EAUTH' });
    transport.onApplicationShutdown();
    expect(smtp.received).toHaveLength(0);
  });
});
