import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ViolationFlag } from '../../src/violations/violation-flag.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('demo violation flags', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', SEED_DEMO_REQUESTS: 'true' });
  });
  afterAll(() => testApp.close());

  it('seeds an open flag and a flag confirmed by the demo compliance officer, audited', async () => {
    const officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    const flags = await testApp.dataSource
      .getRepository(ViolationFlag)
      .find({ order: { reference: 'ASC' } });
    expect(flags.map((f) => f.status)).toEqual(['open', 'confirmed']);
    expect(flags[1]).toMatchObject({
      decidedById: officer.session.user.id,
      enforcementAction: 'suspension',
    });
    const confirmed = await officer.agent.get(`/api/violations/${flags[1]!.id}`).expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      subject: { email: 'carlos@example.com' },
      decidedBy: { name: 'Chris Compliance' },
    });
    const audit = await testApp.dataSource
      .getRepository(AuditEntry)
      .countBy({ entityType: 'violation_flag' });
    expect(audit).toBe(4);

    // A tos_violation disclosure cites it, pending review; its decider may not approve it.
    const tos = await officer.agent
      .get('/api/disclosures')
      .query({ filter: JSON.stringify({ basis: 'tos_violation' }) })
      .expect(200);
    expect(tos.body).toHaveLength(1);
    const shown = await officer.agent.get(`/api/disclosures/${tos.body[0].id}`).expect(200);
    expect(shown.body).toMatchObject({
      basis: 'tos_violation',
      subjects: [{ email: 'carlos@example.com', violationFlag: { id: flags[1]!.id } }],
      review: { status: 'pending_review', approvalBlockedReason: expect.any(String) },
    });
    expect(shown.body.review.actions).not.toContain('approve');
  });
});
