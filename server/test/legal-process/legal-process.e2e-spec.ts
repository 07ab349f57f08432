import { randomUUID } from 'node:crypto';
import type { LegalProcessDto } from '@privacy-desk/shared';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { DocumentAttachment } from '../../src/documents/document-attachment.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { DisclosureSubject } from '../../src/disclosures/disclosure-subject.entity.js';
import { Disclosure } from '../../src/disclosures/disclosure.entity.js';
import { LegalProcessSubject } from '../../src/legal-process/legal-process-subject.entity.js';
import { LegalProcess } from '../../src/legal-process/legal-process.entity.js';
import { User } from '../../src/users/user.entity.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, createSubject, processBody, production, recordProcess, tag } from './support.js';

/** A small, well-formed PDF. */
const TINY_PDF =
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';

describe('legal process', () => {
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let compliance: SignedIn;
  let manager: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    compliance = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    admin = await signIn(testApp, DEMO_EMAILS.admin);
  });
  afterAll(() => testApp.close());

  const row = (id: string) =>
    testApp.dataSource.getRepository(LegalProcess).findOneByOrFail({ id });
  const disclosuresOf = (legalProcessId: string) =>
    testApp.dataSource.getRepository(Disclosure).find({
      where: { legalProcessId },
      order: { reference: 'ASC' },
    });
  const count = () => testApp.dataSource.getRepository(LegalProcess).count();
  const staffId = () => staff.session.user.id;

  async function underReview(subjectIds: string[], overrides: Record<string, unknown> = {}) {
    const recorded = await recordProcess(staff, subjectIds, overrides);
    const res = await act(staff, recorded, 'start_review', { legalReviewerId: staffId() });
    expect(res.status).toBe(200);
    return res.body as LegalProcessDto;
  }

  /** A staff member of its own, who can later be promoted to compliance officer. */
  async function newStaffMember(): Promise<{ id: string; signed: SignedIn; email: string }> {
    const email = `${tag('staffer').toLowerCase()}@example.com`;
    const res = await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({ email, name: 'Temp Staffer', role: 'staff', password: 'a-long-password-1' });
    expect(res.status).toBe(201);
    return {
      id: res.body.id,
      email,
      signed: await signIn(testApp, email, 'a-long-password-1'),
    };
  }

  async function promote(id: string, email: string): Promise<SignedIn> {
    const user = await admin.agent.get(`/api/users/${id}`).expect(200);
    await admin.agent
      .put(`/api/users/${id}`)
      .set(admin.csrf)
      .send({ role: 'compliance_officer', version: user.body.version })
      .expect(200);
    // Compliance officers must enrol in MFA; like the demo accounts, this one is exempt (not
    // what this test is about).
    await testApp.dataSource.getRepository(User).update({ id }, { isDemo: true });
    return signIn(testApp, email, 'a-long-password-1');
  }

  describe('recording', () => {
    it('records a court order naming its subjects, with a reference, due date and gag order', async () => {
      const a = await createSubject(staff, 'Alice Named');
      const b = await createSubject(staff, 'Bob Named');
      const res = await staff.agent
        .post('/api/legal-process')
        .set(staff.csrf)
        .send(processBody([a, b, a], { gagOrder: true, gagUntil: '2026-06-30' }));
      expect(res.status).toBe(201);
      const body = res.body as LegalProcessDto;
      expect(body.reference).toMatch(/^LP-2026-\d{6}$/);
      expect(body).toMatchObject({
        type: 'court_order',
        status: 'received',
        outcome: null,
        responseDueOn: '2026-03-30',
        subjectCount: 2,
        review: null,
        actions: expect.arrayContaining(['start_review', 'withdraw']),
        gag: { gagOrder: true, gagUntil: '2026-06-30', inForce: true },
        due: { dueDate: '2026-03-30', deadline: 'on_track' },
        recordedBy: { id: staffId() },
      });
      expect(body.due.explanation).toContain('stated on the legal process');
      expect(body.subjects?.map((s) => s.id).sort()).toEqual([a, b].sort());
      expect(body.subjects?.every((s) => s.noticeRequest === null && s.notifiedAt === null)).toBe(
        true,
      );

      const stored = await row(body.id);
      expect(stored).toMatchObject({ status: 'received', gagOrder: true, gagUntil: '2026-06-30' });
      expect(stored.receivedAt.toISOString()).toBe('2026-03-09T00:00:00.000Z');
      const links = await testApp.dataSource
        .getRepository(LegalProcessSubject)
        .findBy({ legalProcessId: body.id });
      expect(links.map((l) => l.subjectId).sort()).toEqual([a, b].sort());
      const audit = await testApp.dataSource
        .getRepository(AuditEntry)
        .findOneByOrFail({ action: 'legal_process.recorded', entityId: body.id });
      expect(audit.summary).toContain(body.reference);
      expect(audit.summary).not.toMatch(/Alice|Bob/);
    });

    it('answers 422 naming each field it refuses, and stores nothing', async () => {
      const subject = await createSubject(staff);
      const before = await count();
      const post = (body: Record<string, unknown>) =>
        staff.agent.post('/api/legal-process').set(staff.csrf).send(body);
      const cases: [Record<string, unknown>, string][] = [
        [processBody([subject], { subjectIds: [randomUUID()] }), 'subjectIds'],
        [processBody([subject], { subjectIds: [] }), 'subjectIds'],
        [processBody([subject], { responseDueOn: '2026-03-08' }), 'responseDueOn'],
        [processBody([subject], { responseDueOn: '2026-02-30' }), 'responseDueOn'],
        [processBody([subject], { receivedAt: '2026-03-11' }), 'receivedAt'],
        [processBody([subject], { receivedAt: '2026-03-10T12:00:00.000Z' }), 'receivedAt'],
        [processBody([subject], { periodEnd: '2024-12-31' }), 'periodEnd'],
        [processBody([subject], { gagUntil: '2026-05-01' }), 'gagUntil'],
        [processBody([subject], { type: 'letter' }), 'type'],
        [processBody([subject], { dataCategories: ['shoe_size'] }), 'dataCategories'],
      ];
      for (const [body, field] of cases) {
        const res = await post(body);
        expect({ field, status: res.status, errors: res.body.errors }).toEqual({
          field,
          status: 422,
          errors: expect.objectContaining({ [field]: expect.any(String) }),
        });
      }
      const { issuingAuthority: _drop, ...withoutAuthority } = processBody([subject]);
      const missing = await post(withoutAuthority);
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual({ issuingAuthority: 'Authority is required.' });
      expect(await count()).toBe(before);
    });

    it('edits while received, refuses a stale version, and keeps the subject list in step', async () => {
      const a = await createSubject(staff);
      const b = await createSubject(staff);
      const recorded = await recordProcess(staff, [a]);
      const res = await staff.agent
        .put(`/api/legal-process/${recorded.id}`)
        .set(staff.csrf)
        .send({
          version: recorded.version,
          subjectIds: [b],
          caseNumber: 'EDITED-1',
          gagOrder: true,
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        caseNumber: 'EDITED-1',
        version: recorded.version + 1,
        gag: { gagOrder: true, gagUntil: null, inForce: true },
      });
      expect(res.body.subjects.map((s: { id: string }) => s.id)).toEqual([b]);
      const stale = await staff.agent
        .put(`/api/legal-process/${recorded.id}`)
        .set(staff.csrf)
        .send({ version: recorded.version, caseNumber: 'STALE' });
      expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
      expect((await row(recorded.id)).caseNumber).toBe('EDITED-1');
    });
  });

  describe('the list', () => {
    it('filters by q, type, status, gag, view and subject, and sorts by the whitelist', async () => {
      const subject = await createSubject(staff);
      const other = await createSubject(staff);
      const prefix = tag('LIST');
      const overdue = await recordProcess(staff, [subject], {
        caseNumber: `${prefix}-overdue`,
        receivedAt: '2026-03-01',
        responseDueOn: '2026-03-05',
        type: 'subpoena',
      });
      const soon = await recordProcess(staff, [subject], {
        caseNumber: `${prefix}-soon`,
        responseDueOn: '2026-03-12',
        gagOrder: true,
        gagUntil: '2026-12-31',
      });
      const later = await recordProcess(staff, [other], {
        caseNumber: `${prefix}-later`,
        responseDueOn: '2026-04-30',
        gagOrder: true,
        gagUntil: '2026-03-01',
      });
      const list = async (filter: Record<string, unknown>, sort?: [string, string]) => {
        const res = await compliance.agent.get('/api/legal-process').query({
          filter: JSON.stringify({ q: prefix, ...filter }),
          ...(sort ? { sort: JSON.stringify(sort) } : {}),
        });
        expect(res.status).toBe(200);
        return res;
      };
      const refs = (res: { body: LegalProcessDto[] }) => res.body.map((p) => p.reference);

      const all = await list({}, ['responseDueAt', 'ASC']);
      expect(refs(all)).toEqual([overdue.reference, soon.reference, later.reference]);
      expect(all.headers['content-range']).toBe('legal-process 0-2/3');
      expect(all.body[0].subjects).toBeUndefined();
      expect(all.body[0].subjectCount).toBe(1);
      expect(refs(await list({}, ['responseDueAt', 'DESC']))).toEqual([
        later.reference,
        soon.reference,
        overdue.reference,
      ]);
      expect(refs(await list({ type: 'subpoena' }))).toEqual([overdue.reference]);
      expect(refs(await list({ view: 'overdue' }))).toEqual([overdue.reference]);
      expect(refs(await list({ view: 'due_soon' }))).toEqual([soon.reference]);
      expect(refs(await list({ gag: true }))).toEqual([soon.reference]);
      expect(refs(await list({ gag: false }, ['reference', 'ASC']))).toEqual([
        overdue.reference,
        later.reference,
      ]);
      expect(refs(await list({ subjectId: other }))).toEqual([later.reference]);
      expect(refs(await list({ status: 'under_review' }))).toEqual([]);
      expect((await list({ view: 'overdue' })).body[0].due.deadline).toBe('overdue');
      expect((await list({ view: 'due_soon' })).body[0].due.deadline).toBe('due_soon');

      for (const [query, field] of [
        [{ filter: JSON.stringify({ view: 'mine' }) }, 'filter.view'],
        [{ filter: JSON.stringify({ gag: 'maybe' }) }, 'filter.gag'],
        [{ filter: JSON.stringify({ subjectId: 'nobody' }) }, 'filter.subjectId'],
        [{ sort: JSON.stringify(['issuingAuthority', 'ASC']) }, 'sort'],
      ] as const) {
        const res = await compliance.agent.get('/api/legal-process').query(query);
        expect([res.status, Object.keys(res.body.errors ?? {})]).toEqual([422, [field]]);
      }
    });
  });

  describe('the life cycle', () => {
    it('refuses illegal transitions with a 409 naming the allowed actions', async () => {
      const subject = await createSubject(staff);
      const recorded = await recordProcess(staff, [subject]);
      const early = await act(staff, recorded, 'respond', {
        outcome: 'no_data',
        responseSummary: 'Nothing held',
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('illegal_transition');
      expect(early.body.message).toBe(
        '“Respond” is not possible while the legal process is received; possible now: Start legal review or Withdrawn.',
      );
      const unknown = await act(staff, recorded, 'approve');
      expect([unknown.status, Object.keys(unknown.body.errors)]).toEqual([422, ['action']]);
      const byManager = await act(manager, recorded, 'start_review', {
        legalReviewerId: staffId(),
      });
      expect(byManager.status).toBe(403);
      expect((await row(recorded.id)).status).toBe('received');
    });

    it('starts review only with an active legal reviewer', async () => {
      const subject = await createSubject(staff);
      const recorded = await recordProcess(staff, [subject]);
      const none = await act(staff, recorded, 'start_review');
      expect([none.status, none.body.errors]).toEqual([
        422,
        { legalReviewerId: 'Legal reviewer is required for this action.' },
      ]);
      const nobody = await act(staff, recorded, 'start_review', { legalReviewerId: randomUUID() });
      expect([nobody.status, nobody.body.errors]).toEqual([
        422,
        { legalReviewerId: 'Legal reviewer must be an active user.' },
      ]);
      const ok = await act(staff, recorded, 'start_review', {
        legalReviewerId: compliance.session.user.id,
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        status: 'under_review',
        legalReviewer: { id: compliance.session.user.id, name: expect.any(String) },
        actions: expect.arrayContaining(['respond', 'reject', 'withdraw']),
      });
    });

    it('rejects (outcome rejected, pending review) and withdraws, then allows nothing more', async () => {
      const subject = await createSubject(staff);
      const reviewing = await underReview([subject], { type: 'subpoena' });
      const rejected = await act(staff, reviewing, 'reject', { reason: 'Overbroad subpoena' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        outcome: 'rejected',
        responseSummary: 'Overbroad subpoena',
        review: { status: 'pending_review' },
        actions: [],
        due: { deadline: null },
      });
      const again = await act(staff, rejected.body, 'withdraw', { reason: 'x' });
      expect([again.status, again.body.code]).toEqual([409, 'illegal_transition']);
      expect(again.body.message).toContain('possible now: nothing.');

      const other = await recordProcess(staff, [subject]);
      const withdrawn = await act(staff, other, 'withdraw', { reason: 'The agency withdrew it' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', review: null });
      const edit = await staff.agent
        .put(`/api/legal-process/${other.id}`)
        .set(staff.csrf)
        .send({ version: withdrawn.body.version, caseNumber: 'LATE' });
      expect([edit.status, edit.body.code]).toEqual([409, 'not_editable']);
    });
  });

  describe('responding and producing', () => {
    it('a producing response creates its linked disclosures in the same transaction', async () => {
      const a = await createSubject(staff);
      const b = await createSubject(staff);
      const reviewing = await underReview([a, b]);
      const res = await act(staff, reviewing, 'respond', {
        outcome: 'produced_in_part',
        responseSummary: 'Produced names and emails; refused the rest.',
        productions: [
          production([a, b]),
          production([b], {
            recipientName: 'Example Police',
            recipientType: 'law_enforcement',
            dataCategories: ['email'],
          }),
        ],
      });
      expect(res.status).toBe(200);
      const body = res.body as LegalProcessDto;
      expect(body).toMatchObject({
        status: 'responded',
        outcome: 'produced_in_part',
        review: { status: 'pending_review' },
      });
      expect(body.disclosures).toHaveLength(2);
      const rows = await disclosuresOf(body.id);
      expect(rows.map((d) => d.reference)).toEqual(body.disclosures!.map((d) => d.reference));
      for (const d of rows) {
        expect(d.reference).toMatch(/^DL-2026-\d{6}$/);
        expect(d).toMatchObject({
          basis: 'legal_process',
          legalProcessId: body.id,
          reviewStatus: 'pending_review',
          recordedById: staffId(),
        });
      }
      const links = await testApp.dataSource
        .getRepository(DisclosureSubject)
        .findBy({ disclosureId: rows.find((d) => d.recipientType === 'court')!.id });
      expect(links.map((l) => l.subjectId).sort()).toEqual([a, b].sort());
      const audits = await testApp.dataSource
        .getRepository(AuditEntry)
        .findBy({ action: 'disclosure.recorded' });
      expect(audits.filter((e) => rows.some((d) => d.id === e.entityId))).toHaveLength(2);
    });

    it('a failing production leaves no process change and no disclosure', async () => {
      const a = await createSubject(staff);
      const stranger = await createSubject(staff);
      const reviewing = await underReview([a]);
      const before = await row(reviewing.id);
      const res = await act(staff, reviewing, 'respond', {
        outcome: 'produced_in_full',
        responseSummary: 'All of it',
        productions: [production([a]), production([stranger])],
      });
      expect([res.status, res.body.errors]).toEqual([
        422,
        {
          'productions.1.subjectIds':
            'Subjects must be among the subjects this legal process names.',
        },
      ]);
      const after = await row(reviewing.id);
      expect(after).toEqual(before);
      expect(await disclosuresOf(reviewing.id)).toEqual([]);
    });

    it('matches productions to the outcome', async () => {
      const a = await createSubject(staff);
      const reviewing = await underReview([a]);
      const noProductions = await act(staff, reviewing, 'respond', {
        outcome: 'produced_in_full',
        responseSummary: 'All',
      });
      expect(Object.keys(noProductions.body.errors)).toEqual(['productions']);
      const extra = await act(staff, reviewing, 'respond', {
        outcome: 'no_data',
        responseSummary: 'We hold nothing',
        productions: [production([a])],
      });
      expect(Object.keys(extra.body.errors)).toEqual(['productions']);
      const tooMuch = await act(staff, reviewing, 'respond', {
        outcome: 'narrowed',
        responseSummary: 'Narrowed',
        productions: [production([a], { dataCategories: ['phone'] })],
      });
      expect(Object.keys(tooMuch.body.errors)).toEqual(['productions.0.dataCategories']);
      const noSummary = await act(staff, reviewing, 'respond', { outcome: 'no_data' });
      expect(noSummary.body.errors).toEqual({
        responseSummary: 'Summary of the response is required for this action.',
      });
      const ok = await act(staff, reviewing, 'respond', {
        outcome: 'no_data',
        responseSummary: 'We hold nothing',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.disclosures).toEqual([]);
      expect((await row(reviewing.id)).respondedById).toBe(staffId());
    });
  });

  describe('compliance review with four eyes', () => {
    it('never lets the recorder, or whoever recorded the response, approve it', async () => {
      const subject = await createSubject(staff);
      const recorder = await newStaffMember();
      const responder = await newStaffMember();
      const recorded = await recordProcess(recorder.signed, [subject]);
      const reviewing = (
        await act(recorder.signed, recorded, 'start_review', { legalReviewerId: staffId() })
      ).body as LegalProcessDto;
      const responded = await act(responder.signed, reviewing, 'respond', {
        outcome: 'no_data',
        responseSummary: 'Nothing held',
      });
      expect(responded.status).toBe(200);

      for (const person of [recorder, responder]) {
        const promoted = await promote(person.id, person.email);
        const shown = await promoted.agent.get(`/api/legal-process/${recorded.id}`);
        expect([shown.status, shown.body.code]).toEqual([200, undefined]);
        expect(shown.body.review.actions).not.toContain('approve');
        expect(shown.body.review.approvalBlockedReason).toMatch(/different compliance officer/);
        const res = await promoted.agent
          .post(`/api/legal-process/${recorded.id}/approve`)
          .set(promoted.csrf)
          .send({ version: responded.body.version });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('four_eyes');
        expect(res.body.message).toMatch(/different compliance officer must review it/);
      }
      expect((await row(recorded.id)).reviewStatus).toBe('pending_review');

      const shown = await compliance.agent.get(`/api/legal-process/${recorded.id}`);
      expect(shown.body.review).toMatchObject({
        actions: ['approve', 'return'],
        approvalBlockedReason: null,
      });
      const ok = await compliance.agent
        .post(`/api/legal-process/${recorded.id}/approve`)
        .set(compliance.csrf)
        .send({ version: responded.body.version });
      expect(ok.status).toBe(200);
      expect(ok.body.review).toMatchObject({
        status: 'approved',
        reviewedBy: { id: compliance.session.user.id },
      });
    });

    it('returns with a reason, takes a corrected summary, and resubmits', async () => {
      const subject = await createSubject(staff);
      const reviewing = await underReview([subject]);
      const responded = (
        await act(staff, reviewing, 'respond', { outcome: 'no_data', responseSummary: 'Nothing' })
      ).body as LegalProcessDto;
      const noReason = await compliance.agent
        .post(`/api/legal-process/${responded.id}/return`)
        .set(compliance.csrf)
        .send({ version: responded.version });
      expect(Object.keys(noReason.body.errors)).toEqual(['reason']);
      const returned = await compliance.agent
        .post(`/api/legal-process/${responded.id}/return`)
        .set(compliance.csrf)
        .send({ version: responded.version, reason: 'Say which systems were searched.' });
      expect(returned.status).toBe(200);
      expect(returned.body.review).toMatchObject({
        status: 'returned',
        note: 'Say which systems were searched.',
      });
      const fixed = await staff.agent
        .put(`/api/legal-process/${responded.id}`)
        .set(staff.csrf)
        .send({
          version: returned.body.version,
          responseSummary: 'Searched CRM and mail: nothing',
        });
      expect(fixed.status).toBe(200);
      const resubmitted = await staff.agent
        .post(`/api/legal-process/${responded.id}/resubmit`)
        .set(staff.csrf)
        .send({ version: fixed.body.version });
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.review.status).toBe('pending_review');
      expect((await row(responded.id)).responseSummary).toBe('Searched CRM and mail: nothing');
    });

    it('changes nothing about an approved record through any route', async () => {
      const a = await createSubject(staff);
      const reviewing = await underReview([a]);
      const responded = (
        await act(staff, reviewing, 'respond', {
          outcome: 'produced_in_full',
          responseSummary: 'All',
          productions: [production([a])],
        })
      ).body as LegalProcessDto;
      const approved = await compliance.agent
        .post(`/api/legal-process/${responded.id}/approve`)
        .set(compliance.csrf)
        .send({ version: responded.version });
      expect(approved.status).toBe(200);
      const version = approved.body.version as number;
      const before = await row(responded.id);

      const attempts = [
        staff.agent
          .put(`/api/legal-process/${responded.id}`)
          .set(staff.csrf)
          .send({ version, caseNumber: 'CHANGED' }),
        staff.agent
          .put(`/api/legal-process/${responded.id}`)
          .set(staff.csrf)
          .send({ version, responseSummary: 'CHANGED' }),
        ...['start_review', 'respond', 'reject', 'withdraw'].map((action) =>
          act(staff, approved.body, action, {
            reason: 'r',
            outcome: 'no_data',
            responseSummary: 's',
            legalReviewerId: staffId(),
          }),
        ),
        compliance.agent
          .post(`/api/legal-process/${responded.id}/approve`)
          .set(compliance.csrf)
          .send({ version }),
        compliance.agent
          .post(`/api/legal-process/${responded.id}/return`)
          .set(compliance.csrf)
          .send({ version, reason: 'again' }),
        staff.agent
          .post(`/api/legal-process/${responded.id}/resubmit`)
          .set(staff.csrf)
          .send({ version }),
        staff.agent
          .post(`/api/legal-process/${responded.id}/documents`)
          .set(staff.csrf)
          .field('role', 'response_letter')
          .attach('file', Buffer.from(TINY_PDF), {
            filename: 'late.pdf',
            contentType: 'application/pdf',
          }),
      ];
      for (const attempt of attempts) {
        const res = await attempt;
        expect({ status: res.status, code: res.body.code }).toEqual({
          status: 409,
          code: expect.stringMatching(/^(not_editable|illegal_transition|record_approved)$/),
        });
      }
      expect(await row(responded.id)).toEqual(before);
      expect(
        await testApp.dataSource
          .getRepository(DocumentAttachment)
          .countBy({ ownerType: 'legal_process', ownerId: responded.id }),
      ).toBe(0);
      expect(approved.body.actions).toEqual([]);
      expect((await disclosuresOf(responded.id)).length).toBe(1);
    });
  });
});
