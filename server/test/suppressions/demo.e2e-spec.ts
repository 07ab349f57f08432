import type { SuppressionDto } from '@privacy-desk/shared';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('demo suppression entries', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', SEED_DEMO_REQUESTS: 'true' });
  });
  afterAll(() => testApp.close());

  it("seeds the demo opt-outs' entries and a GPC signal's, all active", async () => {
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const res = await staff.agent.get('/api/suppressions?range=[0,99]');
    expect(res.status).toBe(200);
    const list = res.body as SuppressionDto[];
    const summary = list.map((e) => `${e.channel} ${e.value} ${e.scope}`).sort();
    expect(summary).toEqual(
      expect.arrayContaining([
        'email carlos@example.com marketing_contact',
        'email carlos@example.com partner_sharing',
        'email sam.taylor@example.com marketing_contact',
        'email robin.visitor@example.com partner_sharing',
      ]),
    );
    expect(list.every((e) => e.active && e.sourceReference)).toBe(true);
    const check = await staff.agent.get('/api/suppressions/check?email=Robin.Visitor@example.com');
    expect(check.body).toMatchObject({ suppressed: true, scopes: ['partner_sharing'] });
  });
});
