import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { act, enterRequest } from '../requests/support.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { csvRows, insertRequest } from './support.js';

const NONE = {
  identity_not_verified: 0,
  exemption_applies: 0,
  no_data_held: 0,
  manifestly_unfounded: 0,
  other: 0,
  not_recorded: 0,
};

describe('CCPA §7102 metrics', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  let officer: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);

    const r = (spec: Parameters<typeof insertRequest>[1]) => insertRequest(testApp, spec);
    // Access: 6 received in 2025; responded in 10, 3, 0 and 7 days.
    await r({
      kind: 'access',
      status: 'completed',
      receivedAt: '2025-01-10T15:00:00Z',
      closedAt: '2025-01-20T09:00:00Z',
    });
    await r({
      kind: 'access',
      status: 'completed',
      receivedAt: '2025-03-01T08:00:00Z',
      closedAt: '2025-03-04T17:00:00Z',
    });
    await r({
      kind: 'access',
      status: 'rejected',
      denialReason: 'identity_not_verified',
      receivedAt: '2025-05-05T08:00:00Z',
      closedAt: '2025-05-05T18:00:00Z',
    });
    await r({
      kind: 'access',
      status: 'rejected',
      denialReason: null,
      receivedAt: '2025-06-01T08:00:00Z',
      closedAt: '2025-06-08T08:00:00Z',
    });
    await r({ kind: 'access', status: 'in_progress', receivedAt: '2025-12-31T23:30:00Z' });
    await r({
      kind: 'access',
      status: 'withdrawn',
      receivedAt: '2025-02-02T08:00:00Z',
      closedAt: '2025-05-10T08:00:00Z',
    });
    // Outside the year, on both sides of it.
    await r({
      kind: 'access',
      status: 'completed',
      receivedAt: '2024-12-31T23:59:00Z',
      closedAt: '2025-01-02T08:00:00Z',
    });
    await r({
      kind: 'access',
      status: 'completed',
      receivedAt: '2026-01-01T00:00:00Z',
      closedAt: '2026-01-02T08:00:00Z',
    });
    // Corrections: two complied with in part (a field declined), one in whole, one denied.
    await r({
      kind: 'correction',
      status: 'completed',
      decisions: ['accept', 'decline'],
      receivedAt: '2025-04-01T08:00:00Z',
      closedAt: '2025-04-15T09:00:00Z',
    });
    await r({
      kind: 'correction',
      status: 'completed',
      decisions: ['accept', 'accept'],
      receivedAt: '2025-04-02T08:00:00Z',
      closedAt: '2025-04-05T08:00:00Z',
    });
    await r({
      kind: 'correction',
      status: 'completed',
      decisions: ['decline', 'decline'],
      receivedAt: '2025-07-01T08:00:00Z',
      closedAt: '2025-07-02T08:00:00Z',
    });
    await r({
      kind: 'correction',
      status: 'rejected',
      denialReason: 'exemption_applies',
      receivedAt: '2025-08-01T08:00:00Z',
      closedAt: '2025-08-31T08:00:00Z',
    });
    // Opt-outs: responded in 0, 2, 1 and 10 days.
    await r({
      kind: 'opt_out',
      status: 'completed',
      receivedAt: '2025-09-01T08:00:00Z',
      closedAt: '2025-09-01T09:00:00Z',
    });
    await r({
      kind: 'opt_out',
      status: 'completed',
      receivedAt: '2025-09-02T08:00:00Z',
      closedAt: '2025-09-04T08:00:00Z',
    });
    await r({
      kind: 'opt_out',
      status: 'rejected',
      denialReason: 'manifestly_unfounded',
      receivedAt: '2025-09-03T08:00:00Z',
      closedAt: '2025-09-04T08:00:00Z',
    });
    await r({
      kind: 'opt_out',
      status: 'completed',
      receivedAt: '2025-06-20T08:00:00Z',
      closedAt: '2025-06-30T23:00:00Z',
    });
    // A disclosure report, and an internal kind the metrics leave out.
    await r({
      kind: 'disclosure_report',
      status: 'completed',
      receivedAt: '2025-05-01T08:00:00Z',
      closedAt: '2025-05-02T08:00:00Z',
    });
    await r({
      kind: 'minor_review',
      status: 'completed',
      receivedAt: '2025-05-01T08:00:00Z',
      closedAt: '2025-05-09T08:00:00Z',
    });
  });
  afterAll(() => testApp.close());

  it('counts every figure of the year, per kind, from the fixture', async () => {
    const res = await officer.agent.get('/api/reports/ccpa-metrics?year=2025').expect(200);
    expect(res.body.year).toBe(2025);
    expect(res.body.from).toBe('2025-01-01');
    expect(res.body.to).toBe('2025-12-31');
    expect(res.body.kinds).toEqual([
      {
        kind: 'access',
        received: 6,
        compliedInWhole: 2,
        compliedInPart: 0,
        denied: 2,
        deniedByReason: { ...NONE, identity_not_verified: 1, not_recorded: 1 },
        responded: 4,
        medianDaysToRespond: 5,
        meanDaysToRespond: 5,
      },
      {
        kind: 'correction',
        received: 4,
        compliedInWhole: 1,
        compliedInPart: 2,
        denied: 1,
        deniedByReason: { ...NONE, exemption_applies: 1 },
        responded: 4,
        medianDaysToRespond: 8.5,
        meanDaysToRespond: 12,
      },
      {
        kind: 'opt_out',
        received: 4,
        compliedInWhole: 3,
        compliedInPart: 0,
        denied: 1,
        deniedByReason: { ...NONE, manifestly_unfounded: 1 },
        responded: 4,
        medianDaysToRespond: 1.5,
        meanDaysToRespond: 3.3,
      },
      {
        kind: 'disclosure_report',
        received: 1,
        compliedInWhole: 1,
        compliedInPart: 0,
        denied: 0,
        deniedByReason: NONE,
        responded: 1,
        medianDaysToRespond: 1,
        meanDaysToRespond: 1,
      },
    ]);
    expect(res.body.rules.map((r: { figure: string }) => r.figure)).toContain(
      'Complied with in part',
    );
  });

  it('shows an empty year as zeros, without days', async () => {
    const res = await manager.agent.get('/api/reports/ccpa-metrics?year=2023').expect(200);
    for (const k of res.body.kinds) {
      expect(k).toMatchObject({ received: 0, denied: 0, medianDaysToRespond: null });
      expect(k.meanDaysToRespond).toBeNull();
    }
  });

  it('exports the same figures as CSV, uncached, and audits who exported what', async () => {
    const before = await testApp.dataSource
      .getRepository(AuditEntry)
      .countBy({ action: 'report.exported' });
    const res = await officer.agent.get('/api/reports/ccpa-metrics?year=2025&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('ccpa-metrics-year-2025.csv');
    const rows = csvRows(res.text);
    expect(rows[0]).toEqual([
      'Request kind',
      'Received',
      'Complied with in whole',
      'Complied with in part',
      'Denied',
      'Denied: Could not verify identity',
      'Denied: An exemption applies',
      'Denied: Not a consumer, or no data held',
      'Denied: Manifestly unfounded or excessive',
      'Denied: Other',
      'Denied: Reason not recorded',
      'Responded',
      'Median days to respond',
      'Mean days to respond',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        'Access (copy of my information)',
        '6',
        '2',
        '0',
        '2',
        '1',
        '0',
        '0',
        '0',
        '0',
        '1',
        '4',
        '5',
        '5',
      ],
      ['Correction', '4', '1', '2', '1', '0', '1', '0', '0', '0', '0', '4', '8.5', '12'],
      ['Opt-out of contact', '4', '3', '0', '1', '0', '0', '0', '1', '0', '0', '4', '1.5', '3.3'],
      ['Disclosure report', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '1', '1', '1'],
    ]);
    const entries = await testApp.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'report.exported' }, order: { seq: 'ASC' } });
    expect(entries).toHaveLength(before + 1);
    const entry = entries[entries.length - 1]!;
    expect(entry.actorId).toBe(officer.session.user.id);
    expect(entry.entityId).toBe('ccpa-metrics');
    expect(entry.summary).toContain('year=2025');
    expect(entry.summary).toContain('CSV');
  });

  it('exports a PDF of the year', async () => {
    const res = await manager.agent
      .get('/api/reports/ccpa-metrics?year=2025&format=pdf')
      .buffer(true)
      .parse((stream, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The document's subject names the parameters in plain text (the pages are compressed).
    expect(pdf.toString('latin1')).toContain('(year=2025 \\(2025-01-01 to 2025-12-31, UTC\\))');
  });

  it('refuses staff (403), and a bad year or format (422)', async () => {
    await staff.agent.get('/api/reports/ccpa-metrics?year=2025').expect(403);
    await staff.agent.get('/api/reports/ccpa-metrics?year=2025&format=csv').expect(403);
    for (const year of ['', '20x5', '1999', '2025-01', '12025']) {
      const res = await manager.agent.get('/api/reports/ccpa-metrics').query({ year }).expect(422);
      expect(res.body.errors).toEqual({ year: expect.stringContaining('must be a year') });
    }
    await manager.agent.get('/api/reports/ccpa-metrics').expect(422);
    const format = await manager.agent.get('/api/reports/ccpa-metrics?year=2025&format=xlsx');
    expect(format.status).toBe(422);
    expect(format.body.errors.format).toBeDefined();
  });

  it('counts a rejection by the reason code chosen with it; a bad code is a 422', async () => {
    const request = await enterRequest(staff);
    const bad = await act(staff, request, 'reject', {
      reason: 'We could not match the details',
      denialReason: 'bored',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.denialReason).toContain('must be one of');

    const ok = await act(staff, request, 'reject', {
      reason: 'We could not match the details',
      denialReason: 'identity_not_verified',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.denialReason).toBe('identity_not_verified');
    const stored = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: request.id });
    expect(stored.denialReason).toBe('identity_not_verified');

    const year = stored.receivedAt.getUTCFullYear();
    const res = await officer.agent.get(`/api/reports/ccpa-metrics?year=${year}`).expect(200);
    const access = res.body.kinds.find((k: { kind: string }) => k.kind === 'access');
    expect(access.denied).toBe(1);
    expect(access.deniedByReason.identity_not_verified).toBe(1);

    const other = await enterRequest(staff);
    const plain = await act(staff, other, 'reject', { reason: 'Duplicate of a request by post' });
    expect(plain.status).toBe(200);
    expect(plain.body.denialReason).toBe('other');
  });
});
