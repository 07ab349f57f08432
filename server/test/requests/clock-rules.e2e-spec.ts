import { ManualClock } from '../../src/common/clock/clock.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { enterRequest } from './support.js';

/**
 * The legal clock of each kind as the server applies it: the opt-out's scopes choose its rule,
 * a GDPR period ending on a configured holiday moves on, and every clock carries the legal
 * due date beside the desk's target date (issue 9, "Clocks right for each kind").
 */
describe('legal clocks for each kind', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  const clock = new ManualClock(new Date('2026-11-30T15:00:00Z'));
  const stored = (id: string) =>
    testApp.dataSource.getRepository(PrivacyRequest).findOneByOrFail({ id });

  beforeAll(async () => {
    testApp = await startTestApp(
      {
        JOBS_ENABLED: 'false',
        BUSINESS_TIME_ZONE: 'America/New_York',
        // Good Friday and Easter Monday 2026.
        BUSINESS_HOLIDAYS: '2026-04-03,2026-04-06',
        CLOCK_TARGET_MARGIN_BUSINESS_DAYS: '2',
      },
      { clock },
    );
    staff = await signIn(testApp, DEMO_EMAILS.staff);
  });
  afterAll(() => testApp.close());

  const optOut = (scopes: string[]) =>
    enterRequest(staff, {
      kind: 'opt_out',
      jurisdiction: 'ccpa',
      receivedAt: '2026-03-02',
      payload: { channels: ['email'], scopes },
    });

  it('runs a CCPA opt-out of sharing on CCPA Regs. §7026(f): 15 business days', async () => {
    const request = await optOut(['partner_sharing']);
    expect(request.dueDate).toBe('2026-03-23');
    expect(request.legalDueDate).toBe('2026-03-23');
    expect(request.targetDate).toBe('2026-03-19');
    expect(request.clockExplanation).toContain('CCPA Regs. §7026(f) gives 15 business days');
    // The queue sorts and flags by the stored instant: the end of the legal date in New York.
    expect((await stored(request.id)).dueAt.toISOString()).toBe('2026-03-24T03:59:59.999Z');
  });

  it('runs a CCPA marketing-contact opt-out on CAN-SPAM, and the earlier date when both are asked', async () => {
    const marketing = await optOut(['marketing_contact']);
    expect(marketing.dueDate).toBe('2026-03-16');
    expect(marketing.clockExplanation).toContain('15 U.S.C. §7704(a)(4) (CAN-SPAM) gives 10');
    expect(marketing.clockExplanation).toContain('not a CCPA right');
    const both = await optOut(['partner_sharing', 'marketing_contact']);
    expect(both.dueDate).toBe('2026-03-16');
    expect((await stored(both.id)).dueAt.toISOString()).toBe('2026-03-17T03:59:59.999Z');
  });

  it('runs a HIPAA amendment on §164.526 and shows the legal and the target date', async () => {
    const request = await enterRequest(staff, {
      kind: 'correction',
      jurisdiction: 'hipaa',
      receivedAt: '2026-03-02',
      payload: { corrections: [{ field: 'city', requestedValue: 'Boston' }] },
    });
    const res = await staff.agent.get(`/api/requests/${request.id}/clock`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      citation: '45 CFR §164.526(b)(2)(i)',
      dueDate: '2026-05-01',
      legalDueDate: '2026-05-01',
      targetDate: '2026-04-29',
      extensionAvailable: false,
    });
    expect(res.body.explanation).toContain(
      'legal due date 2026-05-01; the desk aims for 2026-04-29 (Wed), 2 business days before the legal due date 2026-05-01',
    );
    expect(res.body.explanation).not.toContain('164.524');
  });

  it('moves a GDPR period that ends on a configured public holiday to the next working day', async () => {
    const request = await enterRequest(staff, {
      kind: 'access',
      jurisdiction: 'gdpr',
      receivedAt: '2026-03-03',
      payload: { format: 'pdf' },
    });
    expect(request.dueDate).toBe('2026-04-07');
    expect(request.targetDate).toBe('2026-04-01');
    expect(request.clockExplanation).toContain(
      'so 2026-04-03; that is a public holiday, and Regulation (EEC, Euratom) No 1182/71 Art. 3(4) ends the period on the next working day, so due 2026-04-07 (Tue)',
    );
    expect((await stored(request.id)).dueAt.toISOString()).toBe('2026-04-08T03:59:59.999Z');
  });
});
