import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { RequestPackage } from '../../src/request-packages/request-package.entity.js';
import { startSmtpListener } from '../mail/smtp-listener.js';
import type { SmtpListener } from '../mail/smtp-listener.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, enterRequest } from './support.js';
import type { RequestRecord } from './support.js';

/**
 * Issue 9, Access: staff assemble the subject's package (fields and history, requests and
 * answers, suppressions, accounting), preview it, and send it: the copy is kept, the link is
 * mailed, the request completes. The link expires, works a limited number of times, and every
 * download is audited.
 */
const BASE_URL = 'https://desk.example.com';
const START = new Date('2026-11-30T10:00:00Z');
const LINK = new RegExp(`${BASE_URL}/api/public/packages/([\\w-]+)`);

interface AccessJson {
  reference: string;
  fields: { field: string; value: string | null }[];
  fieldHistory: { field: string; oldValue: string | null; newValue: string | null }[];
  requests: {
    reference: string;
    request: unknown;
    resolution: string | null;
    timeline: { type: string; summary: string; message: string | null }[];
  }[];
  suppressions: unknown[];
  disclosures: { entries: unknown[]; groups: unknown[] };
}

describe('the access package', () => {
  let smtp: SmtpListener;
  let testApp: TestApp;
  let staff: SignedIn;
  const clock = new ManualClock(START);
  let counter = 0;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    testApp = await startTestApp(
      {
        SMTP_URL: smtp.url,
        PUBLIC_BASE_URL: BASE_URL,
        JOBS_ENABLED: 'false',
        PACKAGE_LINK_EXPIRY_MINUTES: String(7 * 24 * 60),
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

  /** A subject whose city was corrected once, and an access request of theirs, claimed. */
  async function claimedAccessRequest(): Promise<{ request: RequestRecord; email: string }> {
    counter += 1;
    const email = `ada-${counter}@example.com`;
    const created = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({
        name: `Ada <b>Lovelace</b> ${counter}`,
        email,
        city: 'London',
        phone: '+442071234567',
      });
    expect(created.status).toBe(201);
    const edited = await staff.agent
      .put(`/api/subjects/${created.body.id}`)
      .set(staff.csrf)
      .send({ version: created.body.version, city: 'Marylebone' });
    expect(edited.status).toBe(200);
    const entered = await enterRequest(staff, {
      requesterEmail: email,
      requesterName: 'Ada Lovelace',
      subjectId: created.body.id,
      receivedAt: START.toISOString().slice(0, 10),
      payload: { format: 'pdf' },
    });
    const note = await staff.agent
      .post(`/api/requests/${entered.id}/notes`)
      .set(staff.csrf)
      .send({ body: 'Internal: caller sounded unsure' });
    expect(note.status).toBe(201);
    const refused = await staff.agent
      .post(`/api/requests/${entered.id}/access/send`)
      .set(staff.csrf)
      .send({ version: entered.version + 0 });
    // Not yet claimed: sending (which completes) is not allowed from `new`.
    expect([refused.status, refused.body.code]).toEqual([409, 'illegal_transition']);
    const current = (await staff.agent.get(`/api/requests/${entered.id}`)).body as RequestRecord;
    const claimed = await act(staff, current, 'claim');
    expect(claimed.status).toBe(200);
    return { request: claimed.body as RequestRecord, email };
  }

  async function linkFor(email: string): Promise<string> {
    await testApp.app.get(JobRunnerService).drain();
    const mail = smtp.received.find((m) => m.rcptTo.includes(email) && LINK.test(m.text));
    expect(mail).toBeDefined();
    expect(mail!.headers.subject).toContain('is ready');
    return LINK.exec(mail!.text)![1]!;
  }

  const download = (token: string, format?: string) => {
    const req = testApp.http().get(`/api/public/packages/${token}`);
    return format ? req.query({ format }) : req;
  };

  it('cannot complete before the package is sent; the preview holds current values and history and stores nothing', async () => {
    const { request } = await claimedAccessRequest();

    const blocked = await act(staff, request, 'complete', { resolution: 'Done' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('completion_blocked');
    expect(blocked.body.message).toContain('send the access package first');

    const preview = await staff.agent.get(`/api/requests/${request.id}/access/preview`);
    expect(preview.status).toBe(200);
    const json = preview.body as AccessJson;
    expect(json.reference).toBe(request.reference);
    const value = (field: string) => json.fields.find((f) => f.field === field)?.value;
    expect(value('city')).toBe('Marylebone');
    expect(value('phone')).toBe('+442071234567');
    expect(json.fieldHistory).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'city', oldValue: 'London', newValue: 'Marylebone' }),
      ]),
    );
    const own = json.requests.find((r) => r.reference === request.reference)!;
    expect(own.request).toEqual({ format: 'pdf' });
    expect(JSON.stringify(own.timeline)).not.toContain('caller sounded unsure');
    expect(own.timeline.map((t) => t.type)).not.toContain('note');
    expect(json.suppressions).toEqual([]);
    expect(json.disclosures).toEqual(expect.objectContaining({ entries: [], groups: [] }));

    const html = await staff.agent.get(`/api/requests/${request.id}/access/preview?format=html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Marylebone');
    expect(html.text).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt;');
    expect(html.text).not.toContain('<b>Lovelace</b>');

    const pdf = await staff.agent
      .get(`/api/requests/${request.id}/access/preview?format=pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    expect(
      await testApp.dataSource.getRepository(RequestPackage).countBy({ requestId: request.id }),
    ).toBe(0);
  });

  it('sends: keeps the package, mails the link, completes the request; each download is audited, and the limit holds', async () => {
    const { request, email } = await claimedAccessRequest();

    const stale = await staff.agent
      .post(`/api/requests/${request.id}/access/send`)
      .set(staff.csrf)
      .send({ version: request.version - 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);

    const sent = await staff.agent
      .post(`/api/requests/${request.id}/access/send`)
      .set(staff.csrf)
      .send({ version: request.version });
    expect(sent.status).toBe(200);
    expect(sent.body.request).toMatchObject({ id: request.id, status: 'completed' });
    expect(sent.body.package).toMatchObject({
      purpose: 'access',
      downloadCount: 0,
      maxDownloads: 3,
    });

    const again = await staff.agent
      .post(`/api/requests/${request.id}/access/send`)
      .set(staff.csrf)
      .send({ version: sent.body.request.version });
    expect([again.status, again.body.code]).toEqual([409, 'illegal_transition']);

    const kept = await testApp.dataSource
      .getRepository(RequestPackage)
      .findOneByOrFail({ requestId: request.id });
    expect(kept.sentAt).not.toBeNull();
    const keptJson = JSON.parse(kept.json) as AccessJson;
    expect(keptJson.fields.find((f) => f.field === 'city')?.value).toBe('Marylebone');

    const token = await linkFor(email);
    const landing = await download(token);
    expect(landing.status).toBe(200);
    expect(landing.text).toContain(request.reference);

    const json = await download(token, 'json');
    expect(json.status).toBe(200);
    const delivered = JSON.parse(json.text) as AccessJson;
    expect(delivered.fields.find((f) => f.field === 'city')?.value).toBe('Marylebone');
    expect(delivered.fieldHistory).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ oldValue: 'London', newValue: 'Marylebone' }),
      ]),
    );
    expect((await download(token, 'html')).text).toContain('Marylebone');
    expect((await download(token, 'pdf')).headers['content-type']).toBe('application/pdf');

    const usedUp = await download(token, 'json');
    expect(usedUp.status).toBe(410);
    expect(usedUp.text).toContain('used as many times as it allows');

    const audits = await testApp.dataSource
      .getRepository(AuditEntry)
      .findBy({ action: 'request_package.downloaded', entityId: kept.id });
    expect(audits).toHaveLength(3);
    for (const a of audits) {
      expect(a.summary).toContain(request.reference);
      expect(a.summary).not.toContain(email);
      expect(a.summary).not.toContain('Ada');
    }

    const status = await staff.agent.get(`/api/requests/${request.id}/packages`);
    expect(status.body[0]).toMatchObject({ downloadCount: 3, linkLive: false });
    const timeline = (await staff.agent.get(`/api/requests/${request.id}/timeline`)).body as {
      type: string;
    }[];
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['package_sent', 'package_downloaded', 'status_changed']),
    );
  });

  it('stops working once the link expires (410); an unknown link is a 404', async () => {
    const { request, email } = await claimedAccessRequest();
    const sent = await staff.agent
      .post(`/api/requests/${request.id}/access/send`)
      .set(staff.csrf)
      .send({ version: request.version });
    expect(sent.status).toBe(200);
    const token = await linkFor(email);
    clock.advance(7 * 24 * 3600_000 - 60_000);
    expect((await download(token, 'json')).status).toBe(200);
    clock.advance(60_000);
    const expired = await download(token, 'pdf');
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('has expired');
    expect((await download(token)).status).toBe(410);
    expect((await download('A'.repeat(43), 'pdf')).status).toBe(404);
  });

  it('refuses a request with no subject linked, and a request of another kind', async () => {
    // The clock moved a week in the test before: a fresh session.
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    const bare = await enterRequest(staff, { receivedAt: START.toISOString().slice(0, 10) });
    const claimed = (await act(staff, bare, 'claim')).body as RequestRecord;
    const noSubject = await staff.agent
      .post(`/api/requests/${claimed.id}/access/send`)
      .set(staff.csrf)
      .send({ version: claimed.version });
    expect(noSubject.status).toBe(409);
    expect(noSubject.body.code).toBe('no_subject');
    expect((await staff.agent.get(`/api/requests/${claimed.id}/access/preview`)).body.code).toBe(
      'no_subject',
    );

    const other = await enterRequest(staff, {
      kind: 'disclosure_report',
      receivedAt: START.toISOString().slice(0, 10),
      payload: { periodStart: '2026-01-01', periodEnd: '2026-06-30' },
    });
    const wrongKind = await staff.agent
      .post(`/api/requests/${other.id}/access/send`)
      .set(staff.csrf)
      .send({ version: other.version });
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body.code).toBe('not_an_access_request');
  });
});
