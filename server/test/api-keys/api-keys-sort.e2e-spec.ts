import { ManualClock } from '../../src/common/clock/clock.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

/**
 * Three keys whose name, creation, last use and revocation each fall in a different order, so
 * that a sort on the wrong column, or none, shows.
 */
describe('API keys list sorting', () => {
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  let testApp: TestApp;
  let admin: SignedIn;
  const id = {} as Record<'k1' | 'k2' | 'k3', string>;

  beforeAll(async () => {
    testApp = await startTestApp(LONG_SESSIONS, { clock });
    admin = await signIn(testApp, DEMO_EMAILS.admin);
    const secret = {} as Record<keyof typeof id, string>;
    for (const [key, name] of [
      ['k1', 'Charlie feed'],
      ['k2', 'Alpha feed'],
      ['k3', 'Bravo feed'],
    ] as const) {
      const res = await admin.agent
        .post('/api/api-keys')
        .set(admin.csrf)
        .send({ name, scopes: ['requests:create'] })
        .expect(201);
      id[key] = res.body.id;
      secret[key] = res.body.secret;
      clock.advance(MINUTE);
    }
    for (const key of ['k3', 'k1', 'k2'] as const) {
      clock.advance(10 * MINUTE);
      await testApp
        .http()
        .get('/api/api-keys/whoami')
        .set('Authorization', `Bearer ${secret[key]}`)
        .expect(200);
    }
    for (const key of ['k1', 'k3', 'k2'] as const) {
      clock.advance(10 * MINUTE);
      await admin.agent.post(`/api/api-keys/${id[key]}/revoke`).set(admin.csrf).expect(200);
    }
  });
  afterAll(() => testApp.close());

  const order = async (field: string, direction: 'ASC' | 'DESC') => {
    const res = await admin.agent
      .get('/api/api-keys')
      .query({ sort: JSON.stringify([field, direction]) })
      .expect(200);
    const mine = new Map(Object.entries(id).map(([key, value]) => [value, key]));
    return (res.body as { id: string }[]).flatMap((k) => mine.get(k.id) ?? []);
  };

  it.each([
    ['name', ['k2', 'k3', 'k1']],
    ['createdAt', ['k1', 'k2', 'k3']],
    ['lastUsedAt', ['k3', 'k1', 'k2']],
    ['revokedAt', ['k1', 'k3', 'k2']],
  ])('sorts by %s in both directions', async (field, ascending) => {
    expect(await order(field, 'ASC')).toEqual(ascending);
    expect(await order(field, 'DESC')).toEqual([...ascending].reverse());
  });
});
