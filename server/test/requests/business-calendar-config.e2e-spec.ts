import { ManualClock } from '../../src/common/clock/clock.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { enterRequest } from './support.js';

/**
 * BUSINESS_TIME_ZONE and BUSINESS_HOLIDAYS, given to the app as its environment, reach the
 * legal clocks: the same request at the same instant gets another receipt date, due date and
 * due instant than on a desk left on the defaults (UTC, no holidays).
 */
describe('the business calendar from the environment', () => {
  // Sunday noon in UTC is already Monday 01:00 in Auckland (NZDT, UTC+13).
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  let defaults: TestApp;
  let auckland: TestApp;

  beforeAll(async () => {
    defaults = await startTestApp({ JOBS_ENABLED: 'false' }, { clock });
    auckland = await startTestApp(
      {
        JOBS_ENABLED: 'false',
        BUSINESS_TIME_ZONE: 'Pacific/Auckland',
        BUSINESS_HOLIDAYS: '2026-03-10,2026-12-25',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await defaults?.close();
    await auckland?.close();
  });

  /** A CAN-SPAM opt-out (10 business days), received "today" as the console proposes it. */
  async function enterMarketingOptOut(testApp: TestApp) {
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const entryDefaults = await staff.agent.get('/api/requests/entry-defaults').expect(200);
    const request = await enterRequest(staff, {
      kind: 'opt_out',
      jurisdiction: 'ccpa',
      receivedAt: entryDefaults.body.today,
      payload: { channels: ['email'], scopes: ['marketing_contact'] },
    });
    const stored = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: request.id });
    return {
      entryDefaults: entryDefaults.body as { timeZone: string; today: string },
      dueDate: request.dueDate,
      explanation: request.clockExplanation as string,
      dueAt: stored.dueAt.toISOString(),
    };
  }

  it('counts from the day and to the end of the day in BUSINESS_TIME_ZONE, skipping BUSINESS_HOLIDAYS', async () => {
    const onDefaults = await enterMarketingOptOut(defaults);
    const inAuckland = await enterMarketingOptOut(auckland);

    // Defaults: received Sunday 1 March; ten business days are 2–6 and 9–13 March.
    expect(onDefaults.entryDefaults).toEqual({ timeZone: 'UTC', today: '2026-03-01' });
    expect(onDefaults.dueDate).toBe('2026-03-13');
    expect(onDefaults.dueAt).toBe('2026-03-13T23:59:59.999Z');
    expect(onDefaults.explanation).toContain(
      'gives 10 business days, skipping weekends, so due 2026-03-13;',
    );

    // Auckland: received Monday 2 March; 3–6, 9, 11–13, 16 and 17 March, the 10th a holiday.
    expect(inAuckland.entryDefaults).toEqual({ timeZone: 'Pacific/Auckland', today: '2026-03-02' });
    expect(inAuckland.dueDate).toBe('2026-03-17');
    expect(inAuckland.dueAt).toBe('2026-03-17T10:59:59.999Z');
    expect(inAuckland.explanation).toContain(
      'gives 10 business days, skipping weekends and the holiday 2026-03-10, so due 2026-03-17;',
    );
  });
});
