import { inflateSync } from 'node:zlib';
import type { Test } from 'supertest';
import type { DisclosureReportDto } from '@privacy-desk/shared';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { GagLapseJob } from '../../src/legal-process/gag-lapse.job.js';
import { pdfText } from '../../src/letters/pdf-text.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { RequestEvent } from '../../src/requests/request-event.entity.js';
import {
  approve,
  disclosureBody,
  insertLegalProcess,
  newSubject,
  record,
} from '../disclosures/support.js';
import { startSmtpListener } from '../mail/smtp-listener.js';
import type { SmtpListener } from '../mail/smtp-listener.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, enterRequest } from './support.js';
import type { RequestRecord } from './support.js';

/** The text a pdfkit PDF shows, its content streams inflated first. */
function pdfPlainText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const parts: string[] = [];
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const raw = Buffer.from(match[1]!, 'latin1');
    try {
      parts.push(inflateSync(raw).toString('latin1'));
    } catch {
      parts.push(match[1]!);
    }
  }
  return pdfText(Buffer.from(parts.join('\n'), 'latin1'));
}

/** What must never reach the subject while the gag order holds. */
const SEALED = ['Sealed Court of Records', 'Production under seal'];

/**
 * The disclosure report: the subject's accounting for the request's period, in the view meant
 * for the subject, as JSON, HTML and PDF. A gagged disclosure never appears in any of them;
 * repeats are grouped; sending keeps the copy and completes the request; when the gag lapses,
 * the earlier report is marked incomplete and a follow-up is queued. This file moves its clock.
 */
describe('the disclosure report', () => {
  const clock = new ManualClock(new Date('2027-03-10T12:00:00Z'));
  const BASE_URL = 'https://desk.example.com';
  let smtp: SmtpListener;
  let testApp: TestApp;
  let staff: SignedIn;
  let officer: SignedIn;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    testApp = await startTestApp(
      { SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE_URL, JOBS_ENABLED: 'false', ...LONG_SESSIONS },
      { clock },
    );
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
  });
  afterAll(async () => {
    await testApp?.close();
    await smtp?.close();
  });

  /** The answer's body as bytes, whatever its content type. */
  const bytes = async (test: Test): Promise<Buffer> =>
    (
      await test
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
  /** The report as the person receives it: the emailed link, in each format. */
  async function delivered(requesterEmail: string) {
    await testApp.app.get(JobRunnerService).drain();
    const link = new RegExp(`${BASE_URL}/api/public/packages/([\\w-]+)`);
    const mail = smtp.received.find((m) => m.rcptTo.includes(requesterEmail) && link.test(m.text));
    expect(mail).toBeDefined();
    const token = link.exec(mail!.text)![1]!;
    const get = (format: string) =>
      bytes(testApp.http().get(`/api/public/packages/${token}`).query({ format }));
    return {
      mail: mail!.text,
      json: await get('json'),
      html: await get('html'),
      pdf: await get('pdf'),
    };
  }

  const preview = async (r: { id: string }) =>
    (await staff.agent.get(`/api/requests/${r.id}/disclosure-report`).expect(200))
      .body as DisclosureReportDto;
  /** The kept copy that was sent, in one format (staff read it through the packages API). */
  const copy = async (r: { id: string }, format: 'json' | 'html' | 'pdf') => {
    const packageId = (await preview(r)).sent!.packageId;
    return bytes(staff.agent.get(`/api/request-packages/${packageId}/content`).query({ format }));
  };
  const reload = async (r: { id: string }) =>
    (await staff.agent.get(`/api/requests/${r.id}`).expect(200)).body as RequestRecord;
  const timeline = (requestId: string) =>
    testApp.dataSource
      .getRepository(RequestEvent)
      .find({ where: { requestId }, order: { id: 'ASC' } });

  /** A subject with three repeats, one single, one gagged and one pending disclosure. */
  async function gaggedSubject(gagUntil = '2027-04-30') {
    const subjectId = await newSubject(staff, 'Gale Report');
    const lp = await insertLegalProcess(testApp, staff.session.user.id, {
      gagOrder: true,
      gagUntil,
      subjectIds: [subjectId],
    });
    for (const disclosedAt of ['2027-01-05', '2027-03-05', '2027-02-05'])
      await approve(
        officer,
        await record(
          staff,
          disclosureBody({
            basis: 'partner_marketing',
            recipientType: 'business_partner',
            recipientName: 'Acme Ads',
            purpose: 'Co-marketing newsletter',
            dataCategories: ['name', 'email'],
            subjects: [{ subjectId }],
            disclosedAt,
          }),
        ),
      );
    await approve(
      officer,
      await record(
        staff,
        disclosureBody({
          recipientName: 'Parcel Co',
          subjects: [{ subjectId }],
          disclosedAt: '2027-02-10',
        }),
      ),
    );
    const gagged = await approve(
      officer,
      await record(
        staff,
        disclosureBody({
          basis: 'legal_process',
          recipientType: 'court',
          recipientName: SEALED[0],
          purpose: SEALED[1],
          legalProcessId: lp.id,
          subjects: [{ subjectId }],
          disclosedAt: '2027-02-20',
        }),
      ),
    );
    await record(
      staff,
      disclosureBody({
        recipientName: 'Pending Partner',
        subjects: [{ subjectId }],
        disclosedAt: '2027-03-01',
      }),
    );
    return { subjectId, lp, gagged };
  }

  const reportRequest = (subjectId: string, periodStart: string, periodEnd: string) =>
    enterRequest(staff, {
      kind: 'disclosure_report',
      subjectId,
      receivedAt: '2027-03-10',
      payload: { periodStart, periodEnd },
    });

  async function claimAndSend(r: RequestRecord): Promise<DisclosureReportDto> {
    const claimed = await act(staff, r, 'claim');
    expect(claimed.status).toBe(200);
    const res = await staff.agent
      .post(`/api/requests/${r.id}/disclosure-report/send`)
      .set(staff.csrf)
      .send({ version: claimed.body.version });
    if (res.status !== 200) throw new Error(`send: ${res.status} ${res.text}`);
    return res.body as DisclosureReportDto;
  }

  function expectNothingSealed(text: string, lpReference: string, gaggedReference: string) {
    for (const s of SEALED) expect(text).not.toContain(s);
    expect(text).not.toContain(lpReference);
    expect(text).not.toContain(gaggedReference);
    expect(text).not.toMatch(/DL-\d{4}/);
    expect(text).not.toMatch(/gag/i);
    expect(text).not.toContain('Pending Partner');
    // No hint that anything was left out.
    expect(text).not.toMatch(/withheld|omitted|left out|redacted|incomplete/i);
  }

  it('leaves a gagged disclosure out of the report in every format, groups repeats, and sending keeps the copy and completes the request', async () => {
    clock.set(new Date('2027-03-10T12:00:00Z'));
    const { subjectId, lp, gagged } = await gaggedSubject();
    const r = await reportRequest(subjectId, '2027-01-01', '2027-03-10');

    // The preview: the subject's view, repeats grouped as first, last and frequency.
    const before = await preview(r);
    expect(before.sent).toBeNull();
    expect(before.content.rows.map((x) => [x.recipientName, x.first, x.last, x.frequency])).toEqual(
      [
        ['Acme Ads', '2027-01-05', '2027-03-05', 3],
        ['Parcel Co', '2027-02-10', '2027-02-10', 1],
      ],
    );
    expect(before.content.rows[0]).toMatchObject({
      recipientTypeLabel: 'Business partner',
      dataCategoryLabels: ['Name', 'Email'],
    });
    // What the person will read (the staff DTO around it names its own fields).
    expectNothingSealed(
      JSON.stringify([before.content, before.html]),
      lp.reference,
      gagged.reference,
    );
    expect(before.html).toContain('Acme Ads');
    expect(before.html).toContain('Parcel Co');

    // Completing without sending is refused: the report must go out first.
    const claimed = await act(staff, r, 'claim');
    const refused = await act(staff, claimed.body as RequestRecord, 'complete', {
      resolution: 'Done',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('completion_blocked');
    expect(refused.body.message).toMatch(/send the disclosure report/i);

    // A stale version is refused and nothing is kept.
    const stale = await staff.agent
      .post(`/api/requests/${r.id}/disclosure-report/send`)
      .set(staff.csrf)
      .send({ version: r.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect((await preview(r)).sent).toBeNull();

    const current = await reload(r);
    const sendRes = await staff.agent
      .post(`/api/requests/${r.id}/disclosure-report/send`)
      .set(staff.csrf)
      .send({ version: current.version });
    expect(sendRes.status).toBe(200);
    const sent = sendRes.body as DisclosureReportDto;
    expect(sent.sent?.sentAt).toBe('2027-03-10T12:00:00.000Z');
    const done = await reload(r);
    expect(done.status).toBe('completed');
    expect(done.resolution).toMatch(/2027-01-01 to 2027-03-10/);

    // The kept copy, in each format, holds the report and nothing sealed.
    const json = (await copy(r, 'json')).toString('utf8');
    const html = (await copy(r, 'html')).toString('utf8');
    const pdfBytes = await copy(r, 'pdf');
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = pdfPlainText(pdfBytes);
    for (const text of [json, html, pdf]) {
      expect(text).toContain('Acme Ads');
      expect(text).toContain('Parcel Co');
      expectNothingSealed(text, lp.reference, gagged.reference);
    }
    expect(pdf).toMatch(/Number of disclosures/);
    expect(JSON.parse(json)).toMatchObject({ reference: r.reference, periodEnd: '2027-03-10' });

    // What the person receives: the email with its link, and each format behind the link.
    const received = await delivered(r.requesterEmail as string);
    expect(received.json.equals(Buffer.from(json))).toBe(true);
    expect(received.pdf.equals(pdfBytes)).toBe(true);
    for (const text of [received.html.toString('utf8'), pdfPlainText(received.pdf)]) {
      expect(text).toContain('Acme Ads');
      expectNothingSealed(text, lp.reference, gagged.reference);
    }
    expectNothingSealed(received.mail, lp.reference, gagged.reference);
    const outbox = await testApp.dataSource
      .getRepository(MailMessage)
      .find({ where: { requestId: r.id } });
    expect(outbox.map((m) => m.template)).toContain('package_ready');
    for (const m of outbox)
      expectNothingSealed(`${m.subject}\n${m.body}`, lp.reference, gagged.reference);

    // Once sent, the preview is the copy that was sent, not a fresh accounting.
    await approve(
      officer,
      await record(
        staff,
        disclosureBody({
          recipientName: 'Later Partner',
          subjects: [{ subjectId }],
          disclosedAt: '2027-03-08',
        }),
      ),
    );
    const kept = await preview(r);
    expect(kept.sent?.packageId).toBe(sent.sent?.packageId);
    expect(JSON.stringify(kept.content)).not.toContain('Later Partner');

    // Sending twice is refused.
    const again = await staff.agent
      .post(`/api/requests/${r.id}/disclosure-report/send`)
      .set(staff.csrf)
      .send({ version: done.version });
    expect([again.status, again.body.code]).toEqual([409, 'illegal_transition']);
  });

  it('refuses a request that is not a disclosure report, and one not held by the sender', async () => {
    clock.set(new Date('2027-03-10T12:00:00Z'));
    const access = await enterRequest(staff, { receivedAt: '2027-03-10' });
    await staff.agent.get(`/api/requests/${access.id}/disclosure-report`).expect(404);
    const subjectId = await newSubject(staff, 'Nora Held');
    const r = await reportRequest(subjectId, '2027-01-01', '2027-03-10');
    const notClaimed = await staff.agent
      .post(`/api/requests/${r.id}/disclosure-report/send`)
      .set(staff.csrf)
      .send({ version: r.version });
    expect(notClaimed.status).toBe(409);
    expect(notClaimed.body.code).toBe('illegal_transition');
    expect((await preview(r)).sent).toBeNull();
  });

  it('when the gag lapses, marks the earlier report incomplete, audits it, and queues a follow-up that includes the disclosure', async () => {
    clock.set(new Date('2027-03-10T12:00:00Z'));
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    const { subjectId, lp, gagged } = await gaggedSubject('2027-03-20');
    const covering = await reportRequest(subjectId, '2027-02-01', '2027-02-28');
    await claimAndSend(covering);
    // A sent report whose period did not cover the gagged disclosure needs no follow-up.
    const elsewhere = await reportRequest(subjectId, '2027-01-01', '2027-01-31');
    await claimAndSend(elsewhere);
    // Another subject's report is not touched.
    const other = await gaggedSubject('2027-05-31');
    const otherReport = await reportRequest(other.subjectId, '2027-02-01', '2027-02-28');
    await claimAndSend(otherReport);

    const followUps = () =>
      testApp.dataSource
        .getRepository(PrivacyRequest)
        .find({ where: { kind: 'disclosure_report', subjectId, status: 'new' } });
    const run = () => testApp.app.get(GagLapseJob).run();

    clock.set(new Date('2027-03-20T23:00:00Z')); // the order's last day (UTC desk)
    await run();
    expect(await followUps()).toHaveLength(0);

    clock.set(new Date('2027-03-21T00:30:00Z'));
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    expect(await run()).toBe(1); // the gag notice to the subject
    const queued = await followUps();
    expect(queued).toHaveLength(1);
    const followUp = queued[0]!;
    expect(followUp).toMatchObject({ channel: 'staff', status: 'new', subjectId });
    expect(JSON.parse(followUp.payload)).toMatchObject({
      periodStart: '2027-02-01',
      periodEnd: '2027-02-28',
      followUpOfId: covering.id,
      followUpOfReference: covering.reference,
    });

    const lines = (await timeline(covering.id)).filter((e) => e.type === 'report_incomplete');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.summary).toContain(lp.reference);
    expect(lines[0]!.summary).toContain(followUp.reference);
    expect(lines[0]!.summary).toMatch(/incomplete.*gag order/);
    expect((await timeline(elsewhere.id)).some((e) => e.type === 'report_incomplete')).toBe(false);
    expect((await timeline(otherReport.id)).some((e) => e.type === 'report_incomplete')).toBe(
      false,
    );
    const audited = await testApp.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'request.report_incomplete', entityId: covering.id } });
    expect(audited).toHaveLength(1);
    expect((await preview(covering)).incomplete).toEqual([lines[0]!.summary]);

    // The follow-up's report now includes the disclosure the gag held back.
    const corrected = await preview(followUp);
    expect(corrected.content.followUpOf).toBe(covering.reference);
    expect(corrected.content.rows.map((x) => x.recipientName)).toContain(SEALED[0]);
    expect(corrected.html).toContain(SEALED[0]);
    expect(corrected.html).toContain(covering.reference);
    expect(JSON.stringify(corrected)).not.toContain(gagged.reference);

    // The lapse is handled once: a second run queues nothing more.
    expect(await run()).toBe(0);
    expect(await followUps()).toHaveLength(1);
    expect(
      (await timeline(covering.id)).filter((e) => e.type === 'report_incomplete'),
    ).toHaveLength(1);
  });
});
