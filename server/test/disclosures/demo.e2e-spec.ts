import type { DisclosureDto } from '@privacy-desk/shared';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('demo disclosures on a fresh database', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', SEED_DEMO_REQUESTS: 'true' });
  });
  afterAll(() => testApp.close());

  it('has an approved partner-marketing disclosure, an aggregated one and one pending review', async () => {
    const officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const list = (
      await officer.agent.get('/api/disclosures').query({ range: '[0,99]' }).expect(200)
    ).body as DisclosureDto[];
    const marketing = list.filter((d) => d.basis === 'partner_marketing');
    expect(marketing.length).toBeGreaterThanOrEqual(1);
    for (const d of marketing)
      expect(d).toMatchObject({
        review: { status: 'approved', reviewedBy: { id: officer.session.user.id } },
        recordedBy: { id: staff.session.user.id },
      });
    expect(list.filter((d) => d.aggregated && d.review.status === 'approved')).toHaveLength(1);
    const pending = list.filter((d) => d.review.status === 'pending_review');
    expect(pending.length).toBeGreaterThanOrEqual(1);
    expect(pending[0]!.review.actions).toEqual(['approve', 'return']);
    const audit = await testApp.dataSource.query<{ n: number | string }[]>(
      "SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'disclosure.approved'",
    );
    expect(Number(audit[0]!.n)).toBe(list.filter((d) => d.review.status === 'approved').length);
  });
});
