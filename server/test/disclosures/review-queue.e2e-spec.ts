import type { ReviewQueueDto } from '@privacy-desk/shared';
import { ManualClock } from '../../src/common/clock/clock.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import {
  approve,
  disclosureBody,
  insertFlag,
  insertLegalProcess,
  newOfficer,
  newSubject,
  record,
} from './support.js';

describe('the review queue for compliance officers', () => {
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

  const queue = async (who: SignedIn) =>
    (await who.agent.get('/api/review-queue').expect(200)).body as ReviewQueueDto;
  const day = (date: string) => new Date(`${date}T23:59:59.999Z`);

  it('lists pending reviews with canApprove per officer, legal process due soon, lapsing gags and open flags', async () => {
    const decider = await newOfficer(testApp, admin);
    const s = await newSubject(staff);
    const flag = await insertFlag(testApp, s, staff.session.user.id, {
      decidedById: decider.session.user.id,
    });
    const cited = await record(
      staff,
      disclosureBody({
        basis: 'tos_violation',
        recipientType: 'law_enforcement',
        subjects: [{ subjectId: s, violationFlagId: flag.id }],
      }),
    );
    const approved = await approve(
      officer,
      await record(staff, disclosureBody({ subjects: [{ subjectId: s }] })),
    );
    const response = await insertLegalProcess(testApp, staff.session.user.id, {
      status: 'responded',
      reviewStatus: 'pending_review',
      respondedAt: new Date('2027-03-09T10:00:00Z'),
      responseDueAt: day('2027-03-20'),
    });
    const dueSoon = await insertLegalProcess(testApp, staff.session.user.id, {
      responseDueAt: day('2027-03-13'),
    });
    const overdue = await insertLegalProcess(testApp, staff.session.user.id, {
      status: 'under_review',
      responseDueAt: day('2027-03-09'),
    });
    const later = await insertLegalProcess(testApp, staff.session.user.id, {
      responseDueAt: day('2027-03-14'),
    });
    const lapsing = await insertLegalProcess(testApp, staff.session.user.id, {
      gagOrder: true,
      gagUntil: '2027-04-09',
      subjectIds: [s],
    });
    const farGag = await insertLegalProcess(testApp, staff.session.user.id, {
      gagOrder: true,
      gagUntil: '2027-04-10',
    });
    const openFlag = await insertFlag(testApp, s, staff.session.user.id, {
      status: 'open',
      severity: 'critical',
    });
    const reviewing = await insertFlag(testApp, s, staff.session.user.id, {
      status: 'under_review',
      severity: 'low',
    });

    const mine = await queue(officer);
    const item = (q: ReviewQueueDto, id: string) => q.pendingReview.find((i) => i.id === id);
    expect(item(mine, cited.id)).toMatchObject({
      kind: 'disclosure',
      reference: cited.reference,
      canApprove: true,
      recordedBy: { id: staff.session.user.id },
    });
    expect(item(mine, approved.id)).toBeUndefined();
    expect(item(mine, response.id)).toMatchObject({
      kind: 'legal_process',
      reference: response.reference,
      canApprove: true,
      submittedAt: '2027-03-09T10:00:00.000Z',
    });
    expect(item(await queue(decider), cited.id)?.canApprove).toBe(false);

    const due = mine.legalProcessDueSoon.map((p) => [p.reference, p.deadline, p.dueDate]);
    expect(due).toEqual(
      expect.arrayContaining([
        [dueSoon.reference, 'due_soon', '2027-03-13'],
        [overdue.reference, 'overdue', '2027-03-09'],
      ]),
    );
    expect(due.map(([ref]) => ref)).not.toContain(later.reference);
    expect(due.map(([ref]) => ref)).not.toContain(response.reference);

    expect(mine.gagOrdersLapsing).toContainEqual({
      id: lapsing.id,
      reference: lapsing.reference,
      gagUntil: '2027-04-09',
      subjectCount: 1,
    });
    expect(mine.gagOrdersLapsing.map((g) => g.id)).not.toContain(farGag.id);

    expect(mine.openFlags.map((f) => f.id)).toEqual(
      expect.arrayContaining([openFlag.id, reviewing.id]),
    );
    expect(mine.openFlags.map((f) => f.id)).not.toContain(flag.id);
    expect(mine.openFlags[0]).toMatchObject({ severity: 'critical', subject: { id: s } });
    expect(mine.openFlagsBySeverity).toMatchObject({ critical: 1, low: 1, medium: 0 });
  });

  it('is for compliance officers only', async () => {
    expect((await staff.agent.get('/api/review-queue')).status).toBe(403);
    expect((await admin.agent.get('/api/review-queue')).status).toBe(403);
  });
});
