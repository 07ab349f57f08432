import type { LegalProcessDto } from '@privacy-desk/shared';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { Disclosure } from '../../src/disclosures/disclosure.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('demo legal process on a fresh database', () => {
  const clock = new ManualClock(new Date('2026-05-04T09:00:00Z'));
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', SEED_DEMO_REQUESTS: 'true' }, { clock });
  });
  afterAll(() => testApp.close());

  it('has a gagged court order with a produced disclosure, and a rejected subpoena', async () => {
    const compliance = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    const list = await compliance.agent
      .get('/api/legal-process')
      .query({ sort: JSON.stringify(['reference', 'ASC']) });
    expect(list.status).toBe(200);
    const [order, subpoena] = list.body as LegalProcessDto[];
    expect(order).toMatchObject({
      type: 'court_order',
      status: 'responded',
      outcome: 'produced_in_part',
      subjectCount: 2,
      gag: { gagOrder: true, gagUntil: '2026-07-03', inForce: true },
      review: { status: 'pending_review', actions: ['approve', 'return'] },
    });
    expect(subpoena).toMatchObject({ type: 'subpoena', status: 'rejected', outcome: 'rejected' });
    const disclosures = await testApp.dataSource
      .getRepository(Disclosure)
      .findBy({ legalProcessId: order!.id });
    expect(disclosures).toHaveLength(1);
    expect(disclosures[0]).toMatchObject({
      basis: 'legal_process',
      reviewStatus: 'pending_review',
    });
    const audited = await testApp.dataSource
      .getRepository(AuditEntry)
      .countBy({ entityType: 'legal_process' });
    expect(audited).toBeGreaterThanOrEqual(6);
  });
});
