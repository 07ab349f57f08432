import type { ViolationFlagDto } from '@privacy-desk/shared';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { ViolationFlag } from '../../src/violations/violation-flag.entity.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import {
  act,
  confirmFlag,
  createSubject,
  FLAG_BODY,
  flagSubject,
  secondOfficer,
} from './support.js';

describe('violation flags: flagging, deciding and the one appeal', () => {
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let officer: SignedIn;
  let otherOfficer: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    manager = await signIn(testApp, DEMO_EMAILS.manager);
    otherOfficer = await secondOfficer(testApp, await signIn(testApp, DEMO_EMAILS.admin));
  });
  afterAll(() => testApp.close());

  const row = (id: string) =>
    testApp.dataSource.getRepository(ViolationFlag).findOneByOrFail({ id });
  const auditOf = (id: string) =>
    testApp.dataSource
      .getRepository(AuditEntry)
      .find({ where: { entityType: 'violation_flag', entityId: id }, order: { seq: 'ASC' } });
  const countFlags = () => testApp.dataSource.getRepository(ViolationFlag).count();

  it('flags a subject: a VF reference, open, audited without personal data', async () => {
    const subjectId = await createSubject(staff, 'Quentin Example');
    const res = await staff.agent
      .post('/api/violations')
      .set(staff.csrf)
      .send({ ...FLAG_BODY, subjectId });
    expect(res.status).toBe(201);
    const flag = res.body as ViolationFlagDto;
    expect(flag).toMatchObject({
      reference: expect.stringMatching(/^VF-2026-\d{6}$/),
      status: 'open',
      subject: { id: subjectId, name: 'Quentin Example' },
      category: 'fraud',
      severity: 'high',
      evidenceLinks: ['https://monitoring.example.com/cases/42'],
      flaggedBy: { id: staff.session.user.id },
      decidedBy: null,
      appealStatus: null,
      actions: [],
      createdAt: '2026-03-10T10:00:00.000Z',
      version: 1,
    });
    const stored = await row(flag.id);
    expect(stored).toMatchObject({ status: 'open', subjectId, flaggedById: staff.session.user.id });
    const audit = await auditOf(flag.id);
    expect(audit.map((a) => a.action)).toEqual(['violation.flagged']);
    expect(audit[0]!.summary).toContain(flag.reference);
    expect(audit[0]!.summary).not.toContain('Quentin');

    const seen = await officer.agent.get(`/api/violations/${flag.id}`).expect(200);
    expect(seen.body.actions).toEqual(['start_review']);
  });

  it('refuses invalid flags with a 422 naming the field, and stores nothing', async () => {
    const subjectId = await createSubject(staff);
    const before = await countFlags();
    const cases: [Record<string, unknown>, string][] = [
      [{ subjectId: '00000000-0000-4000-8000-000000000000' }, 'subjectId'],
      [{ subjectId: 'not-an-id' }, 'subjectId'],
      [{ subjectId, evidenceLinks: ['javascript:alert(1)'] }, 'evidenceLinks'],
      [{ subjectId, evidenceLinks: ['ftp://files.example.com/x'] }, 'evidenceLinks'],
      [{ subjectId, evidenceLinks: 'https://example.com' }, 'evidenceLinks'],
      [{ subjectId, category: 'rudeness' }, 'category'],
      [{ subjectId, severity: 'extreme' }, 'severity'],
      [{ subjectId, source: 'rumour' }, 'source'],
      [{ subjectId, termsClause: '  ' }, 'termsClause'],
      [{ subjectId, description: '' }, 'description'],
    ];
    for (const [overrides, field] of cases) {
      const res = await staff.agent
        .post('/api/violations')
        .set(staff.csrf)
        .send({ ...FLAG_BODY, ...overrides });
      expect({
        field,
        status: res.status,
        code: res.body.code,
        named: typeof res.body.errors?.[field],
      }).toEqual({
        field,
        status: 422,
        code: 'validation_failed',
        named: 'string',
      });
    }
    const refused = await officer.agent
      .post('/api/violations')
      .set(officer.csrf)
      .send({ ...FLAG_BODY, subjectId });
    expect(refused.status).toBe(403);
    expect(await countFlags()).toBe(before);
  });

  it('decides a flag with a reason and an enforcement action, recording who and when', async () => {
    const flag = await flagSubject(staff, await createSubject(staff));
    const review = await act(officer, flag, 'start_review');
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('under_review');
    expect(review.body.actions).toEqual(['confirm', 'dismiss']);

    const bare = await act(officer, review.body, 'confirm');
    expect(bare.status).toBe(422);
    expect(Object.keys(bare.body.errors).sort()).toEqual(['enforcementAction', 'reason']);
    expect((await row(flag.id)).status).toBe('under_review');

    clock.advance(60_000);
    const confirmed = await act(officer, review.body, 'confirm', {
      reason: 'Card testing pattern confirmed.',
      enforcementAction: 'suspension',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      decidedBy: { id: officer.session.user.id },
      decidedAt: clock.now().toISOString(),
      decisionReason: 'Card testing pattern confirmed.',
      enforcementAction: 'suspension',
      actions: [],
      version: 3,
    });
    expect(await row(flag.id)).toMatchObject({
      status: 'confirmed',
      decidedById: officer.session.user.id,
      decidedAt: clock.now(),
      enforcementAction: 'suspension',
    });
    expect((await auditOf(flag.id)).map((a) => a.action)).toEqual([
      'violation.flagged',
      'violation.start_review',
      'violation.confirm',
    ]);
    const asStaff = await staff.agent.get(`/api/violations/${flag.id}`).expect(200);
    expect(asStaff.body.actions).toEqual(['appeal']);
  });

  it('allows one appeal, decided by a different compliance officer', async () => {
    const confirmed = await confirmFlag(
      officer,
      await flagSubject(staff, await createSubject(staff)),
    );

    const noReason = await act(staff, confirmed, 'appeal', { reason: ' ' });
    expect([noReason.status, noReason.body.errors]).toEqual([
      422,
      { reason: 'Reason is required.' },
    ]);

    const appealed = await act(staff, confirmed, 'appeal', {
      reason: 'The account holder says the card was stolen.',
    });
    expect(appealed.status).toBe(200);
    expect(appealed.body).toMatchObject({
      status: 'confirmed',
      appealStatus: 'pending',
      appealReason: 'The account holder says the card was stolen.',
      appealedAt: clock.now().toISOString(),
      actions: [],
    });

    const again = await act(staff, appealed.body, 'appeal', { reason: 'Once more.' });
    expect([again.status, again.body.code]).toEqual([409, 'already_appealed']);

    // The officer who confirmed it is not offered the appeal decision, and is refused it.
    const mine = await officer.agent.get(`/api/violations/${confirmed.id}`).expect(200);
    expect(mine.body.actions).toEqual([]);
    for (const action of ['uphold_appeal', 'grant_appeal']) {
      const refused = await act(officer, appealed.body, action, { reason: 'I stand by it.' });
      expect([refused.status, refused.body.code]).toEqual([403, 'same_decider']);
      expect(refused.body.message).toMatch(/different compliance officer/);
    }
    expect(await row(confirmed.id)).toMatchObject({
      appealStatus: 'pending',
      appealDecidedById: null,
    });

    const theirs = await otherOfficer.agent.get(`/api/violations/${confirmed.id}`).expect(200);
    expect(theirs.body.actions).toEqual(['uphold_appeal', 'grant_appeal']);
    const granted = await act(otherOfficer, appealed.body, 'grant_appeal', {
      reason: 'The police report confirms the theft.',
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      status: 'dismissed',
      appealStatus: 'overturned',
      appealDecidedBy: { id: otherOfficer.session.user.id },
      appealDecisionReason: 'The police report confirms the theft.',
      decidedBy: { id: officer.session.user.id },
      actions: [],
    });
    expect(await row(confirmed.id)).toMatchObject({
      status: 'dismissed',
      appealStatus: 'overturned',
      appealDecidedById: otherOfficer.session.user.id,
    });
    const afterGrant = await act(staff, granted.body, 'appeal', { reason: 'Again.' });
    expect([afterGrant.status, afterGrant.body.code]).toEqual([409, 'illegal_transition']);
    expect((await auditOf(confirmed.id)).map((a) => a.action)).toEqual([
      'violation.flagged',
      'violation.start_review',
      'violation.confirm',
      'violation.appeal',
      'violation.grant_appeal',
    ]);
  });

  it('an upheld appeal keeps the flag confirmed, and it cannot be appealed again', async () => {
    const confirmed = await confirmFlag(
      officer,
      await flagSubject(staff, await createSubject(staff)),
    );
    const appealed = await act(staff, confirmed, 'appeal', { reason: 'Disputed.' });
    const upheld = await act(otherOfficer, appealed.body, 'uphold_appeal', {
      reason: 'The evidence holds.',
    });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'confirmed', appealStatus: 'upheld' });
    const again = await act(staff, upheld.body, 'appeal', { reason: 'Once more.' });
    expect([again.status, again.body.code]).toEqual([409, 'already_appealed']);
    const staffView = await staff.agent.get(`/api/violations/${confirmed.id}`).expect(200);
    expect(staffView.body.actions).toEqual([]);
    expect((await row(confirmed.id)).appealStatus).toBe('upheld');
  });

  it('refuses what the table refuses, roles without the permission, and stale versions', async () => {
    const flag = await flagSubject(staff, await createSubject(staff));
    const early = await act(officer, flag, 'confirm', { reason: 'x', enforcementAction: 'none' });
    expect([early.status, early.body.code]).toEqual([409, 'illegal_transition']);
    expect(early.body.message).toContain('possible now: Start review.');
    const byStaff = await act(staff, flag, 'start_review');
    expect([byStaff.status, byStaff.body.code]).toEqual([403, 'forbidden']);
    const byManager = await act(manager, flag, 'start_review');
    expect(byManager.status).toBe(403);
    const unknown = await act(officer, flag, 'explode');
    expect([unknown.status, Object.keys(unknown.body.errors)]).toEqual([422, ['action']]);
    const appealOpen = await act(staff, flag, 'appeal', { reason: 'Too early.' });
    expect([appealOpen.status, appealOpen.body.code]).toEqual([409, 'illegal_transition']);

    const review = await act(officer, flag, 'start_review');
    const stale = await act(officer, flag, 'dismiss', { reason: 'No evidence.' });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
    const withAction = await act(officer, review.body, 'dismiss', {
      reason: 'No evidence.',
      enforcementAction: 'termination',
    });
    expect([withAction.status, Object.keys(withAction.body.errors)]).toEqual([
      422,
      ['enforcementAction'],
    ]);
    const dismissed = await act(officer, review.body, 'dismiss', { reason: 'No evidence.' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      enforcementAction: 'none',
      decisionReason: 'No evidence.',
    });
    const appealDismissed = await act(staff, dismissed.body, 'appeal', { reason: 'Why?' });
    expect([appealDismissed.status, appealDismissed.body.code]).toEqual([
      409,
      'illegal_transition',
    ]);
    expect((await row(flag.id)).status).toBe('dismissed');
    const missing = await act(
      officer,
      { id: '00000000-0000-4000-8000-000000000000', version: 1 },
      'start_review',
    );
    expect(missing.status).toBe(404);
  });

  it('edits a flag while open or under review (versioned), never once decided', async () => {
    const flag = await flagSubject(staff, await createSubject(staff));
    const edited = await staff.agent
      .put(`/api/violations/${flag.id}`)
      .set(staff.csrf)
      .send({
        version: flag.version,
        severity: 'critical',
        evidenceLinks: ['https://monitoring.example.com/cases/42', 'http://intranet/case/7'],
        evidenceText: '',
      });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      severity: 'critical',
      evidenceText: null,
      evidenceLinks: ['https://monitoring.example.com/cases/42', 'http://intranet/case/7'],
      version: 2,
    });
    expect(await row(flag.id)).toMatchObject({
      severity: 'critical',
      evidenceText: null,
      version: 2,
    });
    const stale = await staff.agent
      .put(`/api/violations/${flag.id}`)
      .set(staff.csrf)
      .send({ version: flag.version, severity: 'low' });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
    const badLink = await staff.agent
      .put(`/api/violations/${flag.id}`)
      .set(staff.csrf)
      .send({ version: 2, evidenceLinks: ['data:text/html,hi'] });
    expect([badLink.status, Object.keys(badLink.body.errors)]).toEqual([422, ['evidenceLinks']]);
    const byOfficer = await officer.agent
      .put(`/api/violations/${flag.id}`)
      .set(officer.csrf)
      .send({ version: 2, severity: 'low' });
    expect(byOfficer.status).toBe(403);

    const confirmed = await confirmFlag(officer, edited.body as ViolationFlagDto);
    const late = await staff.agent
      .put(`/api/violations/${flag.id}`)
      .set(staff.csrf)
      .send({ version: confirmed.version, severity: 'low' });
    expect([late.status, late.body.code]).toEqual([409, 'conflict']);
    expect((await row(flag.id)).severity).toBe('critical');
    expect((await auditOf(flag.id)).filter((a) => a.action === 'violation.updated')).toHaveLength(
      1,
    );
  });

  it('lists with filters, sorts severity by rank, and answers Content-Range', async () => {
    const subjectId = await createSubject(staff);
    const low = await flagSubject(staff, subjectId, { severity: 'low', category: 'spam' });
    const critical = await flagSubject(staff, subjectId, { severity: 'critical' });
    const medium = await flagSubject(staff, subjectId, { severity: 'medium', category: 'abuse' });
    await confirmFlag(officer, medium);
    const list = (filter: Record<string, unknown>, sort = '["severity","ASC"]') =>
      officer.agent
        .get('/api/violations')
        .query({ filter: JSON.stringify({ subjectId, ...filter }), sort, range: '[0,24]' });

    const all = await list({});
    expect(all.status).toBe(200);
    expect(all.headers['content-range']).toBe('violations 0-2/3');
    expect(all.body.map((f: ViolationFlagDto) => f.id)).toEqual([low.id, medium.id, critical.id]);
    const desc = await list({}, '["severity","DESC"]');
    expect(desc.body.map((f: ViolationFlagDto) => f.id)).toEqual([critical.id, medium.id, low.id]);
    expect((await list({ status: 'confirmed' })).body.map((f: ViolationFlagDto) => f.id)).toEqual([
      medium.id,
    ]);
    expect((await list({ severity: ['low', 'critical'] })).body).toHaveLength(2);
    expect((await list({ category: 'spam' })).body.map((f: ViolationFlagDto) => f.id)).toEqual([
      low.id,
    ]);
    expect((await list({ q: low.reference })).body.map((f: ViolationFlagDto) => f.id)).toEqual([
      low.id,
    ]);
    const bad = await list({ severity: 'extreme' });
    expect([bad.status, Object.keys(bad.body.errors)]).toEqual([422, ['filter.severity']]);
    const forbidden = await testApp.http().get('/api/violations').expect(401);
    expect(forbidden.body.code).toBe('unauthenticated');
  });
});
