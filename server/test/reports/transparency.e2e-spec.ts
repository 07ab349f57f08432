import { randomUUID } from 'node:crypto';
import { LegalProcess } from '../../src/legal-process/legal-process.entity.js';
import { LegalProcessSubject } from '../../src/legal-process/legal-process-subject.entity.js';
import { insertLegalProcess, newSubject } from '../disclosures/support.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { csvRows } from './support.js';

const NO_OUTCOMES = {
  produced_in_full: 0,
  produced_in_part: 0,
  narrowed: 0,
  rejected: 0,
  no_data: 0,
  pending: 0,
};

describe('transparency report on legal process', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  let officer: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    const [s1, s2, s3] = [
      await newSubject(staff),
      await newSubject(staff),
      await newSubject(staff),
    ];
    const by = staff.session.user.id;
    const lp = (options: Parameters<typeof insertLegalProcess>[2]) =>
      insertLegalProcess(testApp, by, options);
    const at = (iso: string) => new Date(iso);
    // Court orders in 2025-H1: 3 received, 3 distinct subjects, 1 produced, 2 gagged.
    await lp({
      type: 'court_order',
      status: 'responded',
      outcome: 'produced_in_full',
      receivedAt: at('2025-01-15T10:00:00Z'),
      subjectIds: [s1!, s2!],
    });
    await lp({
      type: 'court_order',
      status: 'rejected',
      outcome: 'rejected',
      gagOrder: true,
      receivedAt: at('2025-03-01T10:00:00Z'),
      subjectIds: [s2!],
    });
    await lp({
      type: 'court_order',
      status: 'received',
      gagOrder: true,
      receivedAt: at('2025-06-30T23:00:00Z'),
      subjectIds: [s3!],
    });
    // The next half-year, and the one before.
    await lp({
      type: 'court_order',
      status: 'received',
      receivedAt: at('2025-07-01T00:00:00Z'),
      subjectIds: [s1!],
    });
    await lp({ type: 'subpoena', status: 'received', receivedAt: at('2024-12-31T23:59:00Z') });
    // Subpoenas: 2 received, 1 subject, 1 produced in part.
    await lp({
      type: 'subpoena',
      status: 'responded',
      outcome: 'produced_in_part',
      receivedAt: at('2025-02-01T10:00:00Z'),
      subjectIds: [s1!],
    });
    await lp({
      type: 'subpoena',
      status: 'responded',
      outcome: 'no_data',
      receivedAt: at('2025-02-02T10:00:00Z'),
    });
    // 260 national security letters, all naming one subject: reported only in bands.
    const now = new Date('2025-04-01T10:00:00Z');
    const nsls = Array.from({ length: 260 }, (_, i) => ({
      id: randomUUID(),
      reference: `LP-N-${i}`,
      type: 'national_security_letter' as const,
      status: 'responded' as const,
      outcome: 'produced_in_full' as const,
      issuingAuthority: 'FBI',
      jurisdiction: 'US',
      receivedAt: now,
      responseDueAt: now,
      dataCategories: ['email' as const],
      gagOrder: true,
      recordedById: by,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    await testApp.dataSource.getRepository(LegalProcess).insert(nsls);
    await testApp.dataSource.getRepository(LegalProcessSubject).insert(
      nsls.map((n) => ({
        legalProcessId: n.id,
        subjectId: s1!,
        noticeRequestId: null,
        notifiedAt: null,
      })),
    );
  });
  afterAll(() => testApp.close());

  it('counts each process type of the half-year, and bands national-security process', async () => {
    const res = await officer.agent.get('/api/reports/transparency?period=2025-H1').expect(200);
    expect(res.body).toMatchObject({ period: '2025-H1', from: '2025-01-01', to: '2025-06-30' });
    const byType = Object.fromEntries(res.body.types.map((t: { type: string }) => [t.type, t]));
    expect(byType.court_order).toEqual({
      type: 'court_order',
      banded: false,
      received: 3,
      subjectsCovered: 3,
      producedSharePercent: 33.3,
      outcomes: { ...NO_OUTCOMES, produced_in_full: 1, rejected: 1, pending: 1 },
      underGagOrder: 2,
    });
    expect(byType.subpoena).toEqual({
      type: 'subpoena',
      banded: false,
      received: 2,
      subjectsCovered: 1,
      producedSharePercent: 50,
      outcomes: { ...NO_OUTCOMES, produced_in_part: 1, no_data: 1 },
      underGagOrder: 0,
    });
    expect(byType.search_warrant).toMatchObject({
      received: 0,
      subjectsCovered: 0,
      producedSharePercent: null,
      underGagOrder: 0,
    });
    expect(byType.national_security_letter).toEqual({
      type: 'national_security_letter',
      banded: true,
      received: '250–499',
      subjectsCovered: '0–249',
      producedSharePercent: null,
      outcomes: null,
      underGagOrder: null,
    });
    expect(byType.fisa_order).toMatchObject({ banded: true, received: '0–249' });
    // The exact count of banded process appears nowhere in the answer.
    expect(JSON.stringify(res.body)).not.toContain('260');
  });

  it('counts the second half-year apart', async () => {
    const res = await manager.agent.get('/api/reports/transparency?period=2025-H2').expect(200);
    const court = res.body.types.find((t: { type: string }) => t.type === 'court_order');
    expect(court).toMatchObject({ received: 1, subjectsCovered: 1, producedSharePercent: 0 });
  });

  it('exports the figures as CSV, with bands and blanks for what is not reported', async () => {
    const res = await officer.agent.get('/api/reports/transparency?period=2025-H1&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = csvRows(res.text);
    expect(rows[0]).toEqual([
      'Process type',
      'Requests received',
      'Subjects covered',
      'Some data produced (%)',
      'Outcome: Produced in full',
      'Outcome: Produced in part',
      'Outcome: Narrowed',
      'Outcome: Rejected',
      'Outcome: No data held',
      'Outcome: Pending',
      'Under a gag order',
    ]);
    expect(rows).toContainEqual([
      'Court order',
      '3',
      '3',
      '33.3',
      '1',
      '0',
      '0',
      '1',
      '0',
      '1',
      '2',
    ]);
    expect(rows).toContainEqual(['Subpoena', '2', '1', '50', '0', '1', '0', '0', '1', '0', '0']);
    expect(rows).toContainEqual([
      'National security letter',
      '250–499',
      '0–249',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  it('refuses staff (403) and a bad period (422)', async () => {
    await staff.agent.get('/api/reports/transparency?period=2025-H1').expect(403);
    for (const period of ['2025-H3', '2025', 'H1-2025', '']) {
      const res = await manager.agent
        .get('/api/reports/transparency')
        .query({ period })
        .expect(422);
      expect(res.body.errors).toEqual({ period: expect.stringContaining('half-year') });
    }
    await manager.agent.get('/api/reports/transparency?period=2025-H1&format=pdf').expect(422);
  });
});
