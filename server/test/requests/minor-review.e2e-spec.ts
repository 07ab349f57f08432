import { jest } from '@jest/globals';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { conflict } from '../../src/common/errors/domain-errors.js';
import { DisclosureSubject } from '../../src/disclosures/disclosure-subject.entity.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { RequestEvent } from '../../src/requests/request-event.entity.js';
import { RequestLifecycleService } from '../../src/requests/request-lifecycle.service.js';
import { SubjectChange } from '../../src/subjects/subject-change.entity.js';
import { Subject } from '../../src/subjects/subject.entity.js';
import { disclosureBody, record } from '../disclosures/support.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { act, enterRequest } from './support.js';
import type { RequestRecord } from './support.js';

/** Far from any birthday boundary, whatever day the suite runs. */
const MINOR_DOB = '2016-06-15';
const ADULT_DOB = '1990-04-12';

/**
 * Minor review (issue 9): confirm the age and erase the subject's personal data, or correct
 * the date of birth. Each completes the request in one transaction with its timeline event
 * and audit entry; the assertions read the database.
 */
describe('minor review', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  let otherStaff: SignedIn;
  let seq = 0;
  const repo = <T extends object>(entity: new () => T) => testApp.dataSource.getRepository(entity);

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({
        email: 'other-staff@example.com',
        name: 'Other Staff',
        role: 'staff',
        password: 'a-long-password-3',
      })
      .expect(201);
    otherStaff = await signIn(testApp, 'other-staff@example.com', 'a-long-password-3');
  });
  afterAll(() => testApp.close());

  /** A subject recorded as a minor, its minor review claimed by staff. */
  async function claimedReview(): Promise<{ subjectId: string; review: RequestRecord }> {
    seq += 1;
    const email = `young-${seq}-${Date.now()}@example.com`;
    const created = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({
        name: `Young Person ${seq}`,
        email,
        phone: '+14155550123',
        city: 'Springfield',
        dateOfBirth: MINOR_DOB,
      });
    expect(created.status).toBe(201);
    expect(created.body.isMinor).toBe(true);
    const row = await repo(PrivacyRequest).findOneByOrFail({
      subjectId: created.body.id,
      kind: 'minor_review',
    });
    const loaded = (await staff.agent.get(`/api/requests/${row.id}`)).body as RequestRecord;
    const claimed = await act(staff, loaded, 'claim');
    expect(claimed.status).toBe(200);
    return { subjectId: created.body.id, review: claimed.body as RequestRecord };
  }

  const post = (who: SignedIn, review: RequestRecord, action: string, body: object) =>
    who.agent
      .post(`/api/requests/${review.id}/minor-review/${action}`)
      .set(who.csrf)
      .send({ version: review.version, ...body });

  it('erases the subject’s personal data and history, keeps the request and disclosure records, and completes', async () => {
    const { subjectId, review } = await claimedReview();
    // Another request linked to the same subject, and a disclosure naming them.
    const other = await enterRequest(staff, { subjectId });
    const disclosure = await record(
      staff,
      disclosureBody({ subjects: [{ subjectId }], disclosedAt: '2026-01-15' }),
    );
    expect(await repo(SubjectChange).countBy({ subjectId })).toBeGreaterThan(0);
    const mailsBefore = await repo(MailMessage).countBy({ requestId: review.id });

    const res = await post(staff, review, 'erase', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', subjectName: 'Erased minor' });

    const subject = await repo(Subject).findOneByOrFail({ id: subjectId });
    expect(subject).toMatchObject({
      name: 'Erased minor',
      email: `erased-${subjectId}@erased.invalid`,
      company: null,
      addressLine1: null,
      addressLine2: null,
      city: null,
      region: null,
      postalCode: null,
      country: null,
      phone: null,
      jobTitle: null,
      dateOfBirth: null,
      isMinor: true,
    });
    expect(subject.erasedAt).toBeInstanceOf(Date);
    expect(await repo(SubjectChange).countBy({ subjectId })).toBe(0);

    // The records stay, pointing at the erased subject, without the minor's name or email.
    const stored = await repo(PrivacyRequest).findOneByOrFail({ id: review.id });
    expect(stored).toMatchObject({
      status: 'completed',
      subjectId,
      requesterName: 'Erased minor',
      requesterEmail: `erased-${subjectId}@erased.invalid`,
    });
    expect(stored.resolution).toContain('personal data was erased');
    const otherStored = await repo(PrivacyRequest).findOneByOrFail({ id: other.id });
    expect(otherStored).toMatchObject({ subjectId, requesterName: 'Erased minor' });
    expect(await repo(DisclosureSubject).countBy({ disclosureId: disclosure.id, subjectId })).toBe(
      1,
    );

    // One timeline event and audit entries, all in the same transaction; no mail to a minor.
    const events = await repo(RequestEvent).findBy({ requestId: review.id, toStatus: 'completed' });
    expect(events).toHaveLength(1);
    expect(events[0]!.body).toContain('erased');
    expect(await repo(AuditEntry).countBy({ action: 'subject.erased', entityId: subjectId })).toBe(
      1,
    );
    expect(
      await repo(AuditEntry).countBy({ action: 'request.complete', entityId: review.id }),
    ).toBe(1);
    const erasedAudit = await repo(AuditEntry).findOneByOrFail({
      action: 'subject.erased',
      entityId: subjectId,
    });
    expect(erasedAudit.summary).not.toContain('Young Person');
    expect(await repo(MailMessage).countBy({ requestId: review.id })).toBe(mailsBefore);

    // The subject page says so, and the subject can no longer be edited.
    const page = await staff.agent.get(`/api/subjects/${subjectId}`);
    expect(page.body).toMatchObject({ name: 'Erased minor', erasedAt: expect.any(String) });
    expect((await staff.agent.get(`/api/subjects/${subjectId}/history`)).body).toEqual([]);
    const edit = await staff.agent
      .put(`/api/subjects/${subjectId}`)
      .set(staff.csrf)
      .send({ version: page.body.version, name: 'Back Again' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('subject_erased');
    expect((await repo(Subject).findOneByOrFail({ id: subjectId })).name).toBe('Erased minor');
  });

  it('corrects the date of birth to an adult one, records it with the request reference, and completes', async () => {
    const { subjectId, review } = await claimedReview();
    const res = await post(staff, review, 'correct-dob', { dateOfBirth: ADULT_DOB });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('completed');

    const subject = await repo(Subject).findOneByOrFail({ id: subjectId });
    expect(subject).toMatchObject({ dateOfBirth: ADULT_DOB, isMinor: false, erasedAt: null });
    expect(subject.name).toMatch(/^Young Person/);
    const change = await repo(SubjectChange).findOneByOrFail({
      subjectId,
      field: 'dateOfBirth',
      newValue: ADULT_DOB,
    });
    expect(change).toMatchObject({ oldValue: MINOR_DOB, reason: review.reference });
    const stored = await repo(PrivacyRequest).findOneByOrFail({ id: review.id });
    expect(stored.status).toBe('completed');
    expect(stored.resolution).toContain(`Date of birth corrected to ${ADULT_DOB}`);
    expect(await repo(RequestEvent).countBy({ requestId: review.id, toStatus: 'completed' })).toBe(
      1,
    );
    expect(
      await repo(AuditEntry).countBy({ action: 'subject.updated', entityId: subjectId }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await repo(AuditEntry).countBy({ action: 'request.complete', entityId: review.id }),
    ).toBe(1);
  });

  it('refuses a bad date of birth with a 422 and changes nothing', async () => {
    const { subjectId, review } = await claimedReview();
    for (const [dateOfBirth, field] of [
      ['2012-01-01', /under 18/],
      ['2999-01-01', /future/],
      ['2001-02-30', /not a real date/],
      ['12/04/1990', /^Date of birth must be a date such as 2026-03-31\.$/],
    ] as const) {
      const res = await post(staff, review, 'correct-dob', { dateOfBirth });
      expect({ dateOfBirth, status: res.status }).toEqual({ dateOfBirth, status: 422 });
      expect(res.body.errors.dateOfBirth).toMatch(field);
    }
    const subject = await repo(Subject).findOneByOrFail({ id: subjectId });
    expect(subject).toMatchObject({ dateOfBirth: MINOR_DOB, isMinor: true, erasedAt: null });
    expect((await repo(PrivacyRequest).findOneByOrFail({ id: review.id })).status).toBe(
      'in_progress',
    );
  });

  it('refuses a stale version, the wrong status, someone else’s claim and other kinds with a 409', async () => {
    const { subjectId, review } = await claimedReview();
    const stale = await post(staff, { ...review, version: review.version - 1 }, 'erase', {});
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');

    const byManager = await post(manager, review, 'erase', {});
    expect([byManager.status, byManager.body.code]).toEqual([403, 'forbidden']);
    const notMine = await post(otherStaff, review, 'erase', {});
    expect([notMine.status, notMine.body.code]).toEqual([409, 'not_assignee']);

    const access = await enterRequest(staff, { subjectId });
    const wrongKind = await post(staff, access, 'erase', {});
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body.code).toBe('wrong_kind');

    // Unclaimed (status new): complete is not allowed from there.
    const released = await act(staff, review, 'release');
    expect(released.status).toBe(200);
    const wrongStatus = await post(staff, released.body as RequestRecord, 'erase', {});
    expect(wrongStatus.status).toBe(409);
    expect(wrongStatus.body.code).toBe('illegal_transition');

    // Nothing changed.
    const subject = await repo(Subject).findOneByOrFail({ id: subjectId });
    expect(subject).toMatchObject({ dateOfBirth: MINOR_DOB, erasedAt: null });
    expect(subject.name).toMatch(/^Young Person/);
    expect(await repo(SubjectChange).countBy({ subjectId })).toBeGreaterThan(0);
  });

  it('rolls the whole erasure back when completing the request fails after it', async () => {
    const { subjectId, review } = await claimedReview();
    const other = await enterRequest(staff, { subjectId });
    const historyBefore = await repo(SubjectChange).countBy({ subjectId });
    const lifecycle = testApp.app.get(RequestLifecycleService);
    const failure = jest
      .spyOn(lifecycle, 'apply')
      .mockRejectedValueOnce(conflict('Injected failure after the erasure', 'injected'));
    try {
      const res = await post(staff, review, 'erase', {});
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('injected');
      expect(failure).toHaveBeenCalledTimes(1);
    } finally {
      failure.mockRestore();
    }
    const subject = await repo(Subject).findOneByOrFail({ id: subjectId });
    expect(subject).toMatchObject({ dateOfBirth: MINOR_DOB, erasedAt: null, city: 'Springfield' });
    expect(subject.name).toMatch(/^Young Person/);
    expect(await repo(SubjectChange).countBy({ subjectId })).toBe(historyBefore);
    expect((await repo(PrivacyRequest).findOneByOrFail({ id: other.id })).requesterName).toMatch(
      /^Requester/,
    );
    expect(await repo(AuditEntry).countBy({ action: 'subject.erased', entityId: subjectId })).toBe(
      0,
    );
    // And the real thing still works afterwards.
    expect((await post(staff, review, 'erase', {})).status).toBe(200);
  });

  it('refuses to erase a subject whose date of birth was meanwhile corrected, and then lets the review complete', async () => {
    const { subjectId, review } = await claimedReview();
    const subject = (await staff.agent.get(`/api/subjects/${subjectId}`)).body;
    const edited = await staff.agent
      .put(`/api/subjects/${subjectId}`)
      .set(staff.csrf)
      .send({ version: subject.version, dateOfBirth: ADULT_DOB });
    expect(edited.status).toBe(200);
    const res = await post(staff, review, 'erase', {});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_a_minor');
    expect((await repo(Subject).findOneByOrFail({ id: subjectId })).erasedAt).toBeNull();
    const done = await act(staff, review, 'complete', { resolution: 'Corrected on the subject' });
    expect(done.status).toBe(200);
  });

  it('does not let a minor review complete without one of its two actions', async () => {
    const { review } = await claimedReview();
    const res = await act(staff, review, 'complete', { resolution: 'Looked at it' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('completion_blocked');
    expect((await repo(PrivacyRequest).findOneByOrFail({ id: review.id })).status).toBe(
      'in_progress',
    );
  });
});
