import type { DisclosureDto } from '@privacy-desk/shared';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { DisclosureSubject } from '../../src/disclosures/disclosure-subject.entity.js';
import { Disclosure } from '../../src/disclosures/disclosure.entity.js';
import { ViolationFlag } from '../../src/violations/violation-flag.entity.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import {
  approve,
  disclosureBody,
  insertCompletedOptOut,
  insertFlag,
  insertLegalProcess,
  newOfficer,
  newSubject,
  record,
} from './support.js';

describe('disclosures: basis rules, four eyes, immutability, amendments', () => {
  const clock = new ManualClock(new Date('2027-03-10T12:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let officer: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    admin = await signIn(testApp, DEMO_EMAILS.admin);
  });
  afterAll(() => testApp.close());

  const post = (body: Record<string, unknown>) =>
    staff.agent.post('/api/disclosures').set(staff.csrf).send(body);
  const count = () => testApp.dataSource.getRepository(Disclosure).count();
  const row = (id: string) => testApp.dataSource.getRepository(Disclosure).findOneByOrFail({ id });

  /** A refused write answers 422 naming the field, and stores nothing. */
  async function refused(body: Record<string, unknown>, field: string, message?: RegExp) {
    const before = await count();
    const res = await post(body);
    expect({
      status: res.status,
      code: res.body.code,
      fields: Object.keys(res.body.errors ?? {}),
    }).toEqual({
      status: 422,
      code: 'validation_failed',
      fields: [field],
    });
    if (message) expect(res.body.errors[field]).toMatch(message);
    expect(await count()).toBe(before);
  }

  describe('every basis rule is refused with a 422 naming the field', () => {
    it('consent cites its evidence (a request, a document or a dated note)', async () => {
      const s = await newSubject(staff);
      const consent = disclosureBody({ basis: 'consent', subjects: [{ subjectId: s }] });
      await refused(consent, 'consentRequestId', /evidence/);
      await refused({ ...consent, consentNote: 'Agreed on the phone' }, 'consentGivenOn');
      await refused(
        { ...consent, consentRequestId: '00000000-0000-4000-8000-000000000000' },
        'consentRequestId',
        /No such request/,
      );
      await refused({ ...consent, consentDocumentSha256: 'a'.repeat(64) }, 'consentDocumentSha256');
      const ok = await record(staff, {
        ...consent,
        consentNote: 'Agreed on the phone',
        consentGivenOn: '2027-02-20',
      });
      expect(ok).toMatchObject({
        basis: 'consent',
        consentGivenOn: '2027-02-20',
        consentNote: 'Agreed on the phone',
      });
    });

    it('legal process links an existing legal-process record', async () => {
      const s = await newSubject(staff);
      const body = disclosureBody({
        basis: 'legal_process',
        recipientType: 'court',
        subjects: [{ subjectId: s }],
      });
      await refused(body, 'legalProcessId', /Link the legal-process record/);
      await refused(
        { ...body, legalProcessId: '00000000-0000-4000-8000-000000000000' },
        'legalProcessId',
        /No such legal-process record/,
      );
      const lp = await insertLegalProcess(testApp, staff.session.user.id);
      const ok = await record(staff, { ...body, legalProcessId: lp.id });
      expect(ok.legalProcess).toEqual({ id: lp.id, reference: lp.reference });
    });

    it('a ToS violation cites a confirmed flag for every subject; the 422 names the one lacking it', async () => {
      const flagged = await newSubject(staff, 'Fay Flagged');
      const other = await newSubject(staff, 'Otto Other');
      const confirmed = await insertFlag(testApp, flagged, staff.session.user.id, {
        decidedById: officer.session.user.id,
      });
      const open = await insertFlag(testApp, other, staff.session.user.id, { status: 'open' });
      const body = (subjects: unknown[]) =>
        disclosureBody({ basis: 'tos_violation', recipientType: 'law_enforcement', subjects });
      await refused(
        body([{ subjectId: flagged, violationFlagId: confirmed.id }, { subjectId: other }]),
        'subjects.1.violationFlagId',
        /Otto Other/,
      );
      // An open (not confirmed) flag is not enough, nor is another subject's confirmed flag.
      await refused(
        body([{ subjectId: other, violationFlagId: open.id }]),
        'subjects.0.violationFlagId',
        /not a confirmed violation flag of Otto Other/,
      );
      await refused(
        body([{ subjectId: other, violationFlagId: confirmed.id }]),
        'subjects.0.violationFlagId',
      );
      const ok = await record(staff, body([{ subjectId: flagged, violationFlagId: confirmed.id }]));
      expect(ok.subjects).toEqual([
        expect.objectContaining({
          id: flagged,
          violationFlag: { id: confirmed.id, reference: confirmed.reference },
        }),
      ]);
    });

    it('partner marketing is refused for a subject who opted out of partner sharing', async () => {
      const optedOut = await newSubject(staff, 'Pia Private');
      const marketingOnly = await newSubject(staff, 'Mo Marketing');
      await insertCompletedOptOut(testApp, optedOut, ['marketing_contact', 'partner_sharing']);
      await insertCompletedOptOut(testApp, marketingOnly, ['marketing_contact']);
      const body = disclosureBody({
        basis: 'partner_marketing',
        recipientType: 'business_partner',
        recipientName: 'Partner Ads Ltd',
        subjects: [{ subjectId: marketingOnly }, { subjectId: optedOut }],
      });
      await refused(
        body,
        'subjects.1.subjectId',
        /Pia Private opted out of sharing with business partners/,
      );
      await record(staff, { ...body, subjects: [{ subjectId: marketingOnly }] });
    });

    it('aggregated statistics name no subject, and anything else names at least one', async () => {
      const s = await newSubject(staff);
      await refused(
        disclosureBody({ aggregated: true, subjects: [{ subjectId: s }] }),
        'subjects',
        /Aggregated/,
      );
      await refused(disclosureBody({ subjects: [] }), 'subjects', /at least one subject/);
      await refused(
        disclosureBody({ subjects: [{ subjectId: '00000000-0000-4000-8000-000000000000' }] }),
        'subjects.0.subjectId',
      );
      const ok = await record(staff, disclosureBody({ aggregated: true, subjects: [] }));
      expect(ok).toMatchObject({ aggregated: true, subjectCount: 0 });
    });

    it('data categories are required, and the date may not be in the future', async () => {
      const s = await newSubject(staff);
      await refused(
        disclosureBody({ subjects: [{ subjectId: s }], dataCategories: [] }),
        'dataCategories',
      );
      await refused(
        disclosureBody({ subjects: [{ subjectId: s }], disclosedAt: '2027-03-11' }),
        'disclosedAt',
        /future/,
      );
      await refused(
        disclosureBody({ subjects: [{ subjectId: s }], dataCategories: ['shoe_size'] }),
        'dataCategories',
      );
    });
  });

  it('records with a DL- reference, pending review, audited by reference only', async () => {
    const s = await newSubject(staff, 'Ann Audit');
    const d = await record(staff, disclosureBody({ subjects: [{ subjectId: s }] }));
    expect(d).toMatchObject({
      reference: expect.stringMatching(/^DL-2027-\d{6}$/),
      review: { status: 'pending_review', actions: [] },
      recordedBy: { id: staff.session.user.id },
      disclosedAt: '2027-03-01T00:00:00.000Z',
      subjectCount: 1,
    });
    const stored = await row(d.id);
    expect(stored).toMatchObject({
      reviewStatus: 'pending_review',
      recordedById: staff.session.user.id,
    });
    const audit = await testApp.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ entityId: d.id, action: 'disclosure.recorded' });
    expect(audit.summary).toContain(d.reference);
    expect(audit.summary).not.toContain('Ann Audit');
  });

  describe('four eyes, enforced by the server', () => {
    it('the recorder cannot approve (even calling the API directly)', async () => {
      const s = await newSubject(staff);
      const d = await record(staff, disclosureBody({ subjects: [{ subjectId: s }] }));
      const res = await staff.agent
        .post(`/api/disclosures/${d.id}/approve`)
        .set(staff.csrf)
        .send({ version: d.version });
      expect(res.status).toBe(403);
      expect((await row(d.id)).reviewStatus).toBe('pending_review');
      const shown = (await staff.agent.get(`/api/disclosures/${d.id}`).expect(200))
        .body as DisclosureDto;
      expect(shown.review.actions).not.toContain('approve');
    });

    it('an officer who decided a flag the disclosure cites cannot approve it; another officer can', async () => {
      const decider = await newOfficer(testApp, admin);
      const s = await newSubject(staff);
      const flag = await insertFlag(testApp, s, staff.session.user.id, {
        decidedById: decider.session.user.id,
      });
      const d = await record(
        staff,
        disclosureBody({
          basis: 'tos_violation',
          recipientType: 'law_enforcement',
          subjects: [{ subjectId: s, violationFlagId: flag.id }],
        }),
      );
      const seen = (await decider.agent.get(`/api/disclosures/${d.id}`).expect(200))
        .body as DisclosureDto;
      expect(seen.review.actions).toEqual(['return']);
      expect(seen.review.approvalBlockedReason).toMatch(/decided a violation flag/);
      const res = await decider.agent
        .post(`/api/disclosures/${d.id}/approve`)
        .set(decider.csrf)
        .send({ version: d.version });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 'four_eyes',
        message: expect.stringMatching(/decided a violation flag/),
      });
      expect(await row(d.id)).toMatchObject({
        reviewStatus: 'pending_review',
        reviewedById: null,
        version: 1,
      });

      const other = (await officer.agent.get(`/api/disclosures/${d.id}`).expect(200))
        .body as DisclosureDto;
      expect(other.review).toMatchObject({
        actions: ['approve', 'return'],
        approvalBlockedReason: null,
      });
      const approved = await approve(officer, d);
      expect(approved.review).toMatchObject({
        status: 'approved',
        reviewedBy: { id: officer.session.user.id },
      });
      expect(await row(d.id)).toMatchObject({
        reviewStatus: 'approved',
        reviewedById: officer.session.user.id,
        version: 2,
      });
    });

    it('an officer who decided the appeal of a cited flag cannot approve it either', async () => {
      const appealDecider = await newOfficer(testApp, admin);
      const s = await newSubject(staff);
      const flag = await insertFlag(testApp, s, staff.session.user.id, {
        decidedById: officer.session.user.id,
      });
      await testApp.dataSource
        .getRepository(ViolationFlag)
        .update(
          { id: flag.id },
          { appealStatus: 'upheld', appealDecidedById: appealDecider.session.user.id },
        );
      const d = await record(
        staff,
        disclosureBody({
          basis: 'tos_violation',
          recipientType: 'law_enforcement',
          subjects: [{ subjectId: s, violationFlagId: flag.id }],
        }),
      );
      for (const who of [appealDecider, officer]) {
        const res = await who.agent
          .post(`/api/disclosures/${d.id}/approve`)
          .set(who.csrf)
          .send({ version: 1 });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('four_eyes');
      }
      expect((await row(d.id)).reviewStatus).toBe('pending_review');
    });
  });

  it('return needs a reason; a returned record is corrected and resubmitted', async () => {
    const s = await newSubject(staff);
    const d = await record(staff, disclosureBody({ subjects: [{ subjectId: s }] }));
    const noReason = await officer.agent
      .post(`/api/disclosures/${d.id}/return`)
      .set(officer.csrf)
      .send({ version: 1 });
    expect(noReason.status).toBe(422);
    expect(Object.keys(noReason.body.errors)).toEqual(['reason']);
    const returned = await officer.agent
      .post(`/api/disclosures/${d.id}/return`)
      .set(officer.csrf)
      .send({ version: 1, reason: 'The purpose is too vague' })
      .expect(200);
    expect(returned.body.review).toMatchObject({
      status: 'returned',
      note: 'The purpose is too vague',
    });
    const edited = await staff.agent
      .put(`/api/disclosures/${d.id}`)
      .set(staff.csrf)
      .send({
        ...disclosureBody({ subjects: [{ subjectId: s }] }),
        purpose: 'Ship order 1234',
        version: 2,
      })
      .expect(200);
    expect(edited.body).toMatchObject({ purpose: 'Ship order 1234', version: 3 });
    const stale = await staff.agent
      .put(`/api/disclosures/${d.id}`)
      .set(staff.csrf)
      .send({ ...disclosureBody({ subjects: [{ subjectId: s }] }), version: 2 });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
    const resubmitted = await staff.agent
      .post(`/api/disclosures/${d.id}/resubmit`)
      .set(staff.csrf)
      .send({ version: 3 })
      .expect(200);
    expect(resubmitted.body.review.status).toBe('pending_review');
    expect(await row(d.id)).toMatchObject({
      reviewStatus: 'pending_review',
      purpose: 'Ship order 1234',
      version: 4,
    });
  });

  it('no route changes an approved record', async () => {
    const s = await newSubject(staff);
    const d = await approve(
      officer,
      await record(staff, disclosureBody({ subjects: [{ subjectId: s }] })),
    );
    const before = await row(d.id);
    const linksBefore = await testApp.dataSource
      .getRepository(DisclosureSubject)
      .findBy({ disclosureId: d.id });
    const attempts = [
      [
        'PUT',
        staff.agent
          .put(`/api/disclosures/${d.id}`)
          .set(staff.csrf)
          .send({
            ...disclosureBody({ subjects: [{ subjectId: s }] }),
            purpose: 'Rewritten',
            version: d.version,
          }),
      ],
      [
        'approve',
        officer.agent
          .post(`/api/disclosures/${d.id}/approve`)
          .set(officer.csrf)
          .send({ version: d.version }),
      ],
      [
        'return',
        officer.agent
          .post(`/api/disclosures/${d.id}/return`)
          .set(officer.csrf)
          .send({ version: d.version, reason: 'Again' }),
      ],
      [
        'resubmit',
        staff.agent
          .post(`/api/disclosures/${d.id}/resubmit`)
          .set(staff.csrf)
          .send({ version: d.version }),
      ],
    ] as const;
    for (const [name, call] of attempts) {
      const res = await call;
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 409,
        code: 'disclosure_approved',
      });
    }
    expect(await row(d.id)).toEqual(before);
    expect(
      await testApp.dataSource.getRepository(DisclosureSubject).findBy({ disclosureId: d.id }),
    ).toEqual(linksBefore);
  });

  it('an amendment links to the approved original, and the history shows both ways', async () => {
    const s = await newSubject(staff);
    const pending = await record(staff, disclosureBody({ subjects: [{ subjectId: s }] }));
    const early = await post({
      ...disclosureBody({ subjects: [{ subjectId: s }] }),
      amendsId: pending.id,
    });
    expect(early.status).toBe(422);
    expect(Object.keys(early.body.errors)).toEqual(['amendsId']);

    const original = await approve(officer, pending);
    const amendment = await record(staff, {
      ...disclosureBody({ subjects: [{ subjectId: s }] }),
      dataCategories: ['name', 'addressLine1', 'phone'],
      amendsId: original.id,
    });
    expect(amendment.amends).toEqual({ id: original.id, reference: original.reference });
    expect(amendment.review.status).toBe('pending_review');
    const history = (await officer.agent.get(`/api/disclosures/${original.id}`).expect(200))
      .body as DisclosureDto;
    expect(history.amendedBy).toEqual([
      { id: amendment.id, reference: amendment.reference, reviewStatus: 'pending_review' },
    ]);
    expect(history.review.status).toBe('approved');
    expect((await row(original.id)).amendsId).toBeNull();
    expect((await row(amendment.id)).amendsId).toBe(original.id);
  });

  it('lists with filters: basis, subject, review status, search, dates, gag', async () => {
    const s = await newSubject(staff);
    const lp = await insertLegalProcess(testApp, staff.session.user.id, {
      gagOrder: true,
      gagUntil: '2027-06-30',
    });
    const gagged = await record(
      staff,
      disclosureBody({
        basis: 'legal_process',
        recipientType: 'court',
        recipientName: 'Listing Court',
        legalProcessId: lp.id,
        subjects: [{ subjectId: s }],
        disclosedAt: '2027-02-01',
      }),
    );
    const plain = await record(
      staff,
      disclosureBody({
        recipientName: 'Listing Shipper',
        subjects: [{ subjectId: s }],
        disclosedAt: '2027-03-02',
      }),
    );
    const list = async (filter: Record<string, unknown>) => {
      const res = await officer.agent
        .get('/api/disclosures')
        .query({ filter: JSON.stringify(filter), range: '[0,99]' })
        .expect(200);
      return (res.body as DisclosureDto[]).map((d) => d.reference);
    };
    expect(await list({ subjectId: s })).toEqual([plain.reference, gagged.reference]);
    expect(await list({ subjectId: s, gag: true })).toEqual([gagged.reference]);
    expect(await list({ subjectId: s, gag: false })).toEqual([plain.reference]);
    expect(await list({ subjectId: s, basis: 'legal_process' })).toEqual([gagged.reference]);
    expect(await list({ q: 'listing shipper' })).toEqual([plain.reference]);
    expect(
      await list({ subjectId: s, disclosedFrom: '2027-03-02', disclosedTo: '2027-03-02' }),
    ).toEqual([plain.reference]);
    expect(await list({ subjectId: s, reviewStatus: 'approved' })).toEqual([]);
    const shown = (await officer.agent.get(`/api/disclosures/${gagged.id}`).expect(200))
      .body as DisclosureDto;
    expect(shown.gagged).toBe(true);
    const res = await officer.agent.get('/api/disclosures').query({ filter: '{"gag":"maybe"}' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['filter.gag']);
  });
});
