import { ManualClock } from '../../src/common/clock/clock.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

/**
 * "Received on" is judged in the desk's BUSINESS_TIME_ZONE by the server's clock, and the
 * server tells the console that zone and today's date in it. At 00:30 in Berlin the UTC date
 * is still yesterday: the desk's today is the Berlin date.
 */
describe('staff entry: "Received on" in the business time zone', () => {
  // 2026-03-10 23:30 UTC = 2026-03-11 00:30 in Berlin (CET, UTC+1).
  // 00:30 on 11 March in Berlin, while it is still the 10th in UTC; each test starts there.
  const JUST_AFTER_MIDNIGHT = new Date('2026-03-10T23:30:00Z');
  const clock = new ManualClock(JUST_AFTER_MIDNIGHT);
  beforeEach(() => clock.set(JUST_AFTER_MIDNIGHT));
  let testApp: TestApp;
  let staff: SignedIn;

  const entry = (receivedAt: string, name: string) =>
    staff.agent
      .post('/api/requests')
      .set(staff.csrf)
      .send({
        kind: 'access',
        channel: 'phone',
        jurisdiction: 'gdpr',
        requesterName: name,
        requesterEmail: `${name.toLowerCase().replace(/\s+/g, '-')}@example.com`,
        receivedAt,
        payload: { format: 'pdf' },
      });
  const count = () => testApp.dataSource.getRepository(PrivacyRequest).count();

  beforeAll(async () => {
    testApp = await startTestApp(
      { BUSINESS_TIME_ZONE: 'Europe/Berlin', ...LONG_SESSIONS },
      { clock },
    );
    staff = await signIn(testApp, DEMO_EMAILS.staff);
  });
  afterAll(() => testApp.close());

  it("tells the console the desk's zone and today's date in it", async () => {
    const res = await staff.agent.get('/api/requests/entry-defaults');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ timeZone: 'Europe/Berlin', today: '2026-03-11' });
  });

  it("accepts today's date in Berlin at 00:30 local time, received now", async () => {
    const res = await entry('2026-03-11', 'Just After Midnight');
    expect(res.status).toBe(201);
    expect(res.body.receivedAt).toBe('2026-03-10T23:30:00.000Z');
  });

  it('takes an earlier date as the start of that business day in Berlin', async () => {
    const res = await entry('2026-03-09', 'Earlier Day');
    expect(res.status).toBe(201);
    expect(res.body.receivedAt).toBe('2026-03-08T23:00:00.000Z');
  });

  it('refuses tomorrow in Berlin, naming the desk’s today, and creates nothing', async () => {
    const before = await count();
    const res = await entry('2026-03-12', 'Tomorrow Person');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      errors: {
        receivedAt: 'Received on cannot be in the future (today is 2026-03-11 in Europe/Berlin).',
      },
    });
    expect(await count()).toBe(before);
  });

  it('moves with the clock: an hour later it is still the 11th in Berlin', async () => {
    clock.advance(60 * 60_000);
    expect((await staff.agent.get('/api/requests/entry-defaults')).body.today).toBe('2026-03-11');
    expect((await entry('2026-03-12', 'Still Tomorrow')).status).toBe(422);
  });
});
