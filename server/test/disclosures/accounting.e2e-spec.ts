import type { SubjectAccountingDto } from '@privacy-desk/shared';
import { ManualClock } from '../../src/common/clock/clock.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { approve, disclosureBody, insertLegalProcess, newSubject, record } from './support.js';

/**
 * A subject's accounting: the staff view marks gagged entries; the subject's view leaves them
 * out with no trace, in JSON and CSV, until the gag lapses. This file moves its own clock.
 */
describe("a subject's accounting of disclosures", () => {
  const clock = new ManualClock(new Date('2027-03-10T12:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let officer: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
  });
  afterAll(() => testApp.close());
  beforeEach(() => clock.set(new Date('2027-03-10T12:00:00Z')));

  const accounting = async (who: SignedIn, subjectId: string, query: Record<string, string> = {}) =>
    (await who.agent.get(`/api/subjects/${subjectId}/disclosures`).query(query).expect(200))
      .body as SubjectAccountingDto;
  const csv = async (who: SignedIn, subjectId: string, query: Record<string, string> = {}) => {
    const res = await who.agent
      .get(`/api/subjects/${subjectId}/disclosures`)
      .query({ ...query, format: 'csv' })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    return res.text;
  };

  it('groups repeats, omits gagged and pending entries from the subject view without a trace, until the gag lapses', async () => {
    const s = await newSubject(staff, 'Gus Gagged');
    const lp = await insertLegalProcess(testApp, staff.session.user.id, {
      gagOrder: true,
      gagUntil: '2027-04-30',
      subjectIds: [s],
    });
    const marketing = (disclosedAt: string) =>
      disclosureBody({
        basis: 'partner_marketing',
        recipientType: 'business_partner',
        recipientName: 'Acme Ads',
        purpose: 'Co-marketing newsletter',
        dataCategories: ['name', 'email'],
        subjects: [{ subjectId: s }],
        disclosedAt,
      });
    const repeats = [];
    for (const date of ['2027-01-05', '2027-03-05', '2027-02-05'])
      repeats.push(await approve(officer, await record(staff, marketing(date))));
    const once = await approve(
      officer,
      await record(
        staff,
        disclosureBody({
          recipientName: 'Parcel Co',
          subjects: [{ subjectId: s }],
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
          recipientName: 'Sealed Court of Records',
          purpose: 'Production under seal',
          legalProcessId: lp.id,
          subjects: [{ subjectId: s }],
          disclosedAt: '2027-02-20',
        }),
      ),
    );
    const pending = await record(
      staff,
      disclosureBody({
        recipientName: 'Pending Partner',
        subjects: [{ subjectId: s }],
        disclosedAt: '2027-03-01',
      }),
    );

    // Staff: everything, gag marked, review status shown, references present.
    const staffView = await accounting(staff, s);
    expect(staffView).toMatchObject({
      view: 'staff',
      periodStart: '2021-03-10',
      periodEnd: '2027-03-10',
    });
    expect(staffView.explanation).toMatch(/six years.*HIPAA §164\.528/);
    expect(staffView.entries.map((e) => [e.reference, e.gagged, e.reviewStatus])).toEqual([
      [repeats[0]!.reference, false, 'approved'],
      [repeats[2]!.reference, false, 'approved'],
      [once.reference, false, 'approved'],
      [gagged.reference, true, 'approved'],
      [pending.reference, false, 'pending_review'],
      [repeats[1]!.reference, false, 'approved'],
    ]);
    const staffCsv = await csv(staff, s);
    expect(staffCsv).toContain(gagged.reference);
    expect(staffCsv).toMatch(/Sealed Court of Records.*yes/);

    // The subject's view: no gagged entry, no pending one, no reference numbers, repeats grouped.
    const subjectView = await accounting(staff, s, { view: 'subject' });
    const text = JSON.stringify(subjectView);
    expect(text).not.toContain('Sealed Court of Records');
    expect(text).not.toContain('Pending Partner');
    expect(text).not.toMatch(/DL-\d{4}/);
    expect(text).not.toContain(lp.reference);
    expect(text).not.toContain('gagged');
    expect(subjectView.entries).toEqual([
      {
        disclosedAt: '2027-02-10',
        recipientName: 'Parcel Co',
        recipientType: 'service_provider',
        basis: 'service_delivery',
        purpose: 'Ship the order the person placed',
        dataCategories: ['name', 'addressLine1'],
      },
    ]);
    expect(subjectView.groups).toEqual([
      {
        recipientName: 'Acme Ads',
        recipientType: 'business_partner',
        basis: 'partner_marketing',
        purpose: 'Co-marketing newsletter',
        dataCategories: ['name', 'email'],
        first: '2027-01-05',
        last: '2027-03-05',
        frequency: 3,
      },
    ]);
    const subjectCsv = await csv(staff, s, { view: 'subject' });
    expect(subjectCsv).not.toContain('Sealed Court');
    expect(subjectCsv).not.toContain('Pending Partner');
    expect(subjectCsv).not.toMatch(/DL-\d{4}/);
    const lines = subjectCsv.trim().split('\n');
    expect(lines).toHaveLength(3); // header, the group, the single entry
    expect(lines[1]).toMatch(/^2027-01-05,2027-03-05,3,Acme Ads,/);
    expect(lines[2]).toMatch(/^2027-02-10,2027-02-10,1,Parcel Co,/);

    // The gag holds through 2027-04-30; on 2027-05-01 the entry appears, in every format.
    clock.set(new Date('2027-04-30T12:00:00Z'));
    const lastDay = await signIn(testApp, DEMO_EMAILS.staff);
    expect(JSON.stringify(await accounting(lastDay, s, { view: 'subject' }))).not.toContain(
      'Sealed Court',
    );
    clock.set(new Date('2027-05-01T12:00:00Z'));
    const after = await signIn(testApp, DEMO_EMAILS.staff);
    const lapsed = await accounting(after, s, { view: 'subject' });
    expect(lapsed.entries.map((e) => e.recipientName)).toEqual([
      'Parcel Co',
      'Sealed Court of Records',
    ]);
    expect(JSON.stringify(lapsed)).not.toMatch(/DL-\d{4}/);
    expect(await csv(after, s, { view: 'subject' })).toContain('Sealed Court of Records');
    expect(
      (await accounting(after, s)).entries.find((e) => e.reference === gagged.reference)?.gagged,
    ).toBe(false);
    clock.set(new Date('2027-03-10T12:00:00Z'));
  });

  it('shows an approved amendment in place of the record it corrects, in the subject view', async () => {
    const s = await newSubject(staff);
    const original = await approve(
      officer,
      await record(
        staff,
        disclosureBody({
          subjects: [{ subjectId: s }],
          recipientName: 'Wrong Name Ltd',
          disclosedAt: '2027-02-01',
        }),
      ),
    );
    const amendment = await record(staff, {
      ...disclosureBody({
        subjects: [{ subjectId: s }],
        recipientName: 'Right Name Ltd',
        disclosedAt: '2027-02-01',
      }),
      amendsId: original.id,
    });
    const names = async () =>
      (await accounting(officer, s, { view: 'subject' })).entries.map((e) => e.recipientName);
    expect(await names()).toEqual(['Wrong Name Ltd']);
    await approve(officer, amendment);
    expect(await names()).toEqual(['Right Name Ltd']);
    expect((await accounting(officer, s)).entries.map((e) => e.reference)).toEqual([
      original.reference,
      amendment.reference,
    ]);
  });

  it('covers the period asked for, and refuses a period that ends before it starts', async () => {
    const s = await newSubject(staff);
    await approve(
      officer,
      await record(
        staff,
        disclosureBody({ subjects: [{ subjectId: s }], disclosedAt: '2027-01-15' }),
      ),
    );
    await approve(
      officer,
      await record(
        staff,
        disclosureBody({
          subjects: [{ subjectId: s }],
          recipientName: 'Later Co',
          disclosedAt: '2027-02-15',
        }),
      ),
    );
    const feb = await accounting(officer, s, {
      periodStart: '2027-02-01',
      periodEnd: '2027-02-28',
    });
    expect(feb.entries.map((e) => e.recipientName)).toEqual(['Later Co']);
    const res = await officer.agent
      .get(`/api/subjects/${s}/disclosures`)
      .query({ periodStart: '2027-02-28', periodEnd: '2027-02-01' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['periodEnd']);
    // Recorded text never runs as a spreadsheet formula.
    await approve(
      officer,
      await record(
        staff,
        disclosureBody({
          subjects: [{ subjectId: s }],
          recipientName: '=HYPERLINK("x")',
          disclosedAt: '2027-02-16',
        }),
      ),
    );
    expect(await csv(officer, s, { view: 'subject' })).toContain(`"'=HYPERLINK(""x"")"`);
    const missing = await officer.agent.get(
      '/api/subjects/00000000-0000-4000-8000-000000000000/disclosures',
    );
    expect(missing.status).toBe(404);
  });
});
