import type { CorrectionWorkDto } from '@privacy-desk/shared';
import { jest } from '@jest/globals';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import {
  CorrectionFollowUp,
  CorrectionReview,
} from '../../src/requests/correction/correction.entities.js';
import { CorrectionRepository } from '../../src/requests/correction/correction.repository.js';
import { RequestEvent } from '../../src/requests/request-event.entity.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { SubjectChange } from '../../src/subjects/subject-change.entity.js';
import { Subject as SubjectRow } from '../../src/subjects/subject.entity.js';
import { approve, disclosureBody, record } from '../disclosures/support.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, enterRequest } from './support.js';
import type { RequestRecord } from './support.js';

describe('the correction workflow: decide, apply, tell the recipients, complete', () => {
  const clock = new ManualClock(new Date('2027-03-10T12:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let officer: SignedIn;
  let manager: SignedIn;
  let n = 0;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
  });
  afterAll(() => testApp.close());

  interface Subject {
    id: string;
    email: string;
    phone: string | null;
    jobTitle: string | null;
    version: number;
  }

  async function newSubject(): Promise<Subject> {
    n += 1;
    const res = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({
        name: `Jo Roe ${n}`,
        email: `jo-${n}-${Date.now()}@example.com`,
        phone: '+49 30 1234567',
        jobTitle: 'Clerk',
      });
    expect(res.status).toBe(201);
    return res.body as Subject;
  }

  /** A correction request linked to the subject (by its email), claimed by staff. */
  async function correction(
    subject: Subject | null,
    corrections: { field: string; requestedValue: string }[],
  ): Promise<RequestRecord> {
    let request = await enterRequest(staff, {
      kind: 'correction',
      requesterEmail: subject?.email ?? `nobody-${Date.now()}-${n++}@example.com`,
      receivedAt: '2027-03-09',
      payload: { corrections },
    });
    const claimed = await act(staff, request, 'claim');
    expect(claimed.status).toBe(200);
    request = claimed.body as RequestRecord;
    return request;
  }

  const work = async (r: RequestRecord) =>
    (await staff.agent.get(`/api/requests/${r.id}/correction`).expect(200))
      .body as CorrectionWorkDto;
  const decide = (r: RequestRecord, body: Record<string, unknown>, who = staff) =>
    who.agent.put(`/api/requests/${r.id}/correction`).set(who.csrf).send(body);
  const apply = (r: RequestRecord, subjectVersion: number, who = staff) =>
    who.agent.post(`/api/requests/${r.id}/correction/apply`).set(who.csrf).send({ subjectVersion });
  const subjectNow = async (id: string) =>
    (await staff.agent.get(`/api/subjects/${id}`).expect(200)).body as Subject;
  const historyWith = (subjectId: string, reason: string) =>
    testApp.dataSource.getRepository(SubjectChange).findBy({ subjectId, reason });

  /** An approved disclosure of the subject: recorded by staff, approved by the officer. */
  async function approvedDisclosure(
    subjectId: string,
    recipientName: string,
    categories: string[],
  ) {
    const d = await record(
      staff,
      disclosureBody({
        recipientName,
        dataCategories: categories,
        disclosedAt: '2027-03-01',
        subjects: [{ subjectId }],
      }),
    );
    return approve(officer, d);
  }

  const emailPhoneDecisions = (w: CorrectionWorkDto) => ({
    version: w.version,
    subjectVersion: w.subjectVersion,
    decisions: [
      { field: 'email', decision: 'accept' },
      {
        field: 'phone',
        decision: 'accept_edited',
        value: '+44 20 7946 0958',
        reason: 'Call confirmed the UK number',
      },
    ],
    evidenceNotes: 'Checked against the signed form',
  });

  it('shows the diff, refuses bad decisions (422), and applies the accepted values with history', async () => {
    const subject = await newSubject();
    const newEmail = `jo.new-${Date.now()}@example.com`;
    const request = await correction(subject, [
      { field: 'email', requestedValue: newEmail },
      { field: 'phone', requestedValue: '+44 20 7946 0000' },
      { field: 'jobTitle', requestedValue: 'Director' },
    ]);
    let w = await work(request);
    expect(w.linked).toBe(true);
    expect(w.subjectVersion).toBe(subject.version);
    expect(w.fields.map((f) => [f.field, f.currentValue, f.requestedValue])).toEqual([
      ['email', subject.email, newEmail],
      ['phone', '+49301234567', '+44 20 7946 0000'],
      ['jobTitle', 'Clerk', 'Director'],
    ]);

    // Declining needs a reason; an edited value is checked like the subject's field.
    const bad = await decide(request, {
      version: w.version,
      subjectVersion: w.subjectVersion,
      decisions: [
        { field: 'jobTitle', decision: 'decline' },
        { field: 'phone', decision: 'accept_edited', value: 'not a phone' },
        { field: 'name', decision: 'accept' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual([
      'decisions.0.reason',
      'decisions.1.value',
      'decisions.2.field',
    ]);
    expect(
      await testApp.dataSource.getRepository(CorrectionReview).countBy({ requestId: request.id }),
    ).toBe(0);

    const ok = await decide(request, {
      ...emailPhoneDecisions(w),
      decisions: [
        ...emailPhoneDecisions(w).decisions,
        { field: 'jobTitle', decision: 'decline', reason: 'Our contract shows the title Clerk' },
      ],
    });
    expect(ok.status).toBe(200);
    w = ok.body as CorrectionWorkDto;
    expect(w.fields.map((f) => [f.field, f.decision, f.value])).toEqual([
      ['email', 'accept', newEmail],
      ['phone', 'accept_edited', '+442079460958'],
      ['jobTitle', 'decline', null],
    ]);
    expect(w.evidenceNotes).toBe('Checked against the signed form');
    expect(w.blockers).toEqual(['the decisions are not applied to the subject yet']);
    // Each decision is audited.
    const decided = await testApp.dataSource
      .getRepository(AuditEntry)
      .countBy({ entityId: request.id, action: 'request.correction_decided' });
    expect(decided).toBe(3);

    const applied = await apply(request, w.subjectVersion!);
    expect(applied.status).toBe(200);
    expect((applied.body as CorrectionWorkDto).appliedAt).not.toBeNull();
    const after = await subjectNow(subject.id);
    expect([after.email, after.phone, after.jobTitle]).toEqual([
      newEmail,
      '+442079460958',
      'Clerk',
    ]);

    const history = await historyWith(subject.id, request.reference);
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.changedByLabel]).sort()).toEqual(
      [
        ['email', subject.email, newEmail, staff.session.user.name],
        ['phone', '+49301234567', '+442079460958', staff.session.user.name],
      ].sort(),
    );
    const events = await testApp.dataSource
      .getRepository(RequestEvent)
      .findBy({ requestId: request.id, type: 'correction_applied' });
    expect(events).toHaveLength(1);
    expect(
      await testApp.dataSource
        .getRepository(AuditEntry)
        .countBy({ entityId: request.id, action: 'request.correction_applied' }),
    ).toBe(1);
    // Applied once only.
    expect((await apply(request, after.version)).body.code).toBe('already_applied');
  });

  it('a request not linked to a subject cannot be decided: link the subject first', async () => {
    const request = await correction(null, [{ field: 'city', requestedValue: 'Bonn' }]);
    const w = await work(request);
    expect(w.linked).toBe(false);
    expect(w.fields[0].currentValue).toBeNull();
    // Nothing in our records to correct: it may complete (saying so), but not be decided.
    expect(w.blockers).toEqual([]);
    const res = await decide(request, {
      version: 0,
      subjectVersion: 1,
      decisions: [{ field: 'city', decision: 'accept' }],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('subject_not_linked');
    expect(res.body.message).toMatch(/Link this request to its subject first/);
  });

  it('only while in progress, and a stale decisions version is a 409', async () => {
    const subject = await newSubject();
    const request = await enterRequest(staff, {
      kind: 'correction',
      requesterEmail: subject.email,
      receivedAt: '2027-03-09',
      payload: { corrections: [{ field: 'city', requestedValue: 'Bonn' }] },
    });
    const res = await decide(request, {
      version: 0,
      subjectVersion: subject.version,
      decisions: [{ field: 'city', decision: 'accept' }],
    });
    expect([res.status, res.body.code]).toEqual([409, 'not_in_progress']);

    const claimed = (await act(staff, request, 'claim')).body as RequestRecord;
    const first = await decide(claimed, {
      version: 0,
      subjectVersion: subject.version,
      decisions: [{ field: 'city', decision: 'accept' }],
    });
    expect(first.status).toBe(200);
    const again = await decide(claimed, {
      version: 0,
      subjectVersion: subject.version,
      decisions: [{ field: 'city', decision: 'decline', reason: 'No' }],
    });
    expect([again.status, again.body.code]).toEqual([409, 'stale_version']);
  });

  it('a subject changed after the diff was shown makes apply a 409, and nothing changes', async () => {
    const subject = await newSubject();
    const request = await correction(subject, [
      { field: 'email', requestedValue: `stale-${Date.now()}@example.com` },
      { field: 'phone', requestedValue: '+44 20 7946 0958' },
    ]);
    const w = await work(request);
    expect((await decide(request, emailPhoneDecisions(w))).status).toBe(200);

    // Someone edits the subject meanwhile.
    const edited = await staff.agent
      .put(`/api/subjects/${subject.id}`)
      .set(staff.csrf)
      .send({ version: subject.version, city: 'Köln' });
    expect(edited.status).toBe(200);

    const res = await apply(request, w.subjectVersion!);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('subject_changed');
    const after = await subjectNow(subject.id);
    expect([after.email, after.phone]).toEqual([subject.email, '+49301234567']);
    expect(await historyWith(subject.id, request.reference)).toHaveLength(0);
    expect((await work(request)).appliedAt).toBeNull();

    // Even when staff send the new version: the decisions were made against the old values.
    const retried = await apply(request, after.version);
    expect([retried.status, retried.body.code]).toEqual([409, 'subject_changed']);
  });

  it('a failure after the subject update rolls back the whole correction', async () => {
    const subject = await newSubject();
    await approvedDisclosure(subject.id, 'Rollback Partner Ltd', ['email']);
    const request = await correction(subject, [
      { field: 'email', requestedValue: `rollback-${Date.now()}@example.com` },
      { field: 'phone', requestedValue: '+44 20 7946 0958' },
    ]);
    const w = await work(request);
    expect((await decide(request, emailPhoneDecisions(w))).status).toBe(200);
    const auditBefore = await testApp.dataSource.getRepository(AuditEntry).count();

    // The follow-ups are written after the subject's row and its field history, inside the
    // same transaction. The spy first reads the subject through that transaction (showing the
    // update was made), then fails: the whole correction must be undone with it.
    const repository = testApp.app.get(CorrectionRepository);
    const tx = testApp.app.get(TransactionService);
    let seenInTransaction: { phone: string | null; history: number } | null = null;
    const spy = jest.spyOn(repository, 'insertFollowUps').mockImplementationOnce(async () => {
      const row = await tx.manager.getRepository(SubjectRow).findOneByOrFail({ id: subject.id });
      const history = await tx.manager
        .getRepository(SubjectChange)
        .countBy({ subjectId: subject.id, reason: request.reference });
      seenInTransaction = { phone: row.phone, history };
      throw new Error('injected failure after the subject update');
    });
    try {
      const res = await apply(request, w.subjectVersion!);
      expect(res.status).toBe(500);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(seenInTransaction).toEqual({ phone: '+442079460958', history: 2 });

    const after = await subjectNow(subject.id);
    expect([after.email, after.phone, after.version]).toEqual([
      subject.email,
      '+49301234567',
      subject.version,
    ]);
    expect(await historyWith(subject.id, request.reference)).toHaveLength(0);
    expect(
      await testApp.dataSource.getRepository(CorrectionFollowUp).countBy({ requestId: request.id }),
    ).toBe(0);
    expect(
      await testApp.dataSource
        .getRepository(RequestEvent)
        .countBy({ requestId: request.id, type: 'correction_applied' }),
    ).toBe(0);
    expect(await testApp.dataSource.getRepository(AuditEntry).count()).toBe(auditBefore);
    expect((await work(request)).appliedAt).toBeNull();

    // Without the failure, the same apply goes through.
    expect((await apply(request, w.subjectVersion!)).status).toBe(200);
    expect((await subjectNow(subject.id)).phone).toBe('+442079460958');
  });

  it('recipients of approved disclosures become follow-ups; completion waits for them; the letter says it all', async () => {
    const subject = await newSubject();
    await approvedDisclosure(subject.id, 'Acme Mailing', ['name', 'email']);
    await approvedDisclosure(subject.id, 'Parcel Courier', ['addressLine1']);
    // Recorded but not approved: not part of the log of record, nobody to tell.
    await record(
      staff,
      disclosureBody({
        recipientName: 'Pending Partner',
        dataCategories: ['email', 'phone'],
        disclosedAt: '2027-03-01',
        subjects: [{ subjectId: subject.id }],
      }),
    );
    const newEmail = `told-${Date.now()}@example.com`;
    let request = await correction(subject, [
      { field: 'email', requestedValue: newEmail },
      { field: 'jobTitle', requestedValue: 'Director' },
    ]);
    let w = await work(request);
    expect(
      (
        await decide(request, {
          version: w.version,
          subjectVersion: w.subjectVersion,
          decisions: [
            { field: 'email', decision: 'accept' },
            {
              field: 'jobTitle',
              decision: 'decline',
              reason: 'Our contract shows the title Clerk',
            },
          ],
        })
      ).status,
    ).toBe(200);
    w = (await apply(request, w.subjectVersion!)).body as CorrectionWorkDto;
    expect(w.followUps.map((f) => [f.recipientName, f.fields, f.status])).toEqual([
      ['Acme Mailing', ['email'], 'open'],
    ]);
    expect(w.blockers).toEqual(['1 recipient(s) still to notify or mark exempt']);

    request = (await staff.agent.get(`/api/requests/${request.id}`).expect(200)).body;
    const refused = await act(staff, request, 'complete', { resolution: 'Done' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('completion_blocked');
    expect(refused.body.message).toMatch(/recipient/);

    const followUp = w.followUps[0];
    const url = `/api/requests/${request.id}/correction/follow-ups/${followUp.id}`;
    const incomplete = await staff.agent
      .post(url)
      .set(staff.csrf)
      .send({ version: followUp.version, outcome: 'notified' });
    expect(incomplete.status).toBe(422);
    expect(Object.keys(incomplete.body.errors).sort()).toEqual(['method', 'notifiedOn']);
    const notExempt = await staff.agent
      .post(url)
      .set(staff.csrf)
      .send({ version: followUp.version, outcome: 'exempt', exemption: 'impossible' });
    expect(Object.keys(notExempt.body.errors)).toEqual(['explanation']);
    const notified = await staff.agent.post(url).set(staff.csrf).send({
      version: followUp.version,
      outcome: 'notified',
      method: 'Email to privacy@acme.example',
      notifiedOn: '2027-03-10',
    });
    expect(notified.status).toBe(200);
    expect((notified.body as CorrectionWorkDto).blockers).toEqual([]);

    // The preview renders the letter without sending it.
    const mails = testApp.dataSource.getRepository(MailMessage);
    const before = await mails.countBy({
      requestId: request.id,
      template: 'correction_completion',
    });
    const preview = await staff.agent
      .get(`/api/requests/${request.id}/correction/letter`)
      .expect(200);
    expect(preview.body.subject).toContain(request.reference);
    expect(await mails.countBy({ requestId: request.id, template: 'correction_completion' })).toBe(
      before,
    );

    request = (await staff.agent.get(`/api/requests/${request.id}`).expect(200)).body;
    const completed = await act(staff, request, 'complete', {
      resolution: 'Thank you for telling us.',
    });
    expect(completed.status).toBe(200);
    const letter = await mails.findOneByOrFail({
      requestId: request.id,
      template: 'correction_completion',
    });
    expect(letter.body).toContain(`- Email: now "${newEmail}"`);
    expect(letter.body).toContain('- Job title: Our contract shows the title Clerk');
    expect(letter.body).toContain('- Acme Mailing');
    expect(letter.body).not.toContain('Parcel Courier');
    expect(letter.body).not.toContain('Pending Partner');
    expect(letter.body).toContain('Thank you for telling us.');
    expect(preview.body.body).toContain('- Acme Mailing');
  });

  it('roles without requests.process get 403; readers may look', async () => {
    const subject = await newSubject();
    const request = await correction(subject, [{ field: 'city', requestedValue: 'Bonn' }]);
    const w = await work(request);
    for (const who of [manager, officer]) {
      const res = await decide(
        request,
        {
          version: w.version,
          subjectVersion: w.subjectVersion,
          decisions: [{ field: 'city', decision: 'accept' }],
        },
        who,
      );
      expect(res.status).toBe(403);
      expect((await apply(request, w.subjectVersion!, who)).status).toBe(403);
    }
    expect((await manager.agent.get(`/api/requests/${request.id}/correction`)).status).toBe(200);
    expect((await work(request)).version).toBe(0);
  });
});
