import { SYSTEM_ACTOR } from '../../src/auth/actor.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { RequestIntakeService } from '../../src/requests/request-intake.service.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The emailed confirmation link works for VERIFICATION_LINK_HOURS (24 by default), counted on
 * the injected clock. Run with the default and with another value, so that a lifetime written
 * into the code instead of read from the configuration fails one of them.
 */
const SETTINGS: { setting: string; env: Record<string, string>; hours: number }[] = [
  { setting: 'the default', env: {}, hours: 24 },
  { setting: 'VERIFICATION_LINK_HOURS=2', env: { VERIFICATION_LINK_HOURS: '2' }, hours: 2 },
];

describe.each(SETTINGS)('the confirmation link with $setting', ({ env, hours }) => {
  const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
  let testApp: TestApp;
  let counter = 0;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...env }, { clock });
  });
  afterAll(() => testApp.close());

  /** A public submission waiting for its emailed link, with the link's token. */
  async function unverified() {
    counter += 1;
    const { request, verificationToken } = await testApp.app
      .get(RequestIntakeService)
      .create(SYSTEM_ACTOR, {
        kind: 'access',
        channel: 'web_form',
        jurisdiction: 'gdpr',
        requesterName: `Link ${counter}`,
        requesterEmail: `link-${counter}@example.com`,
        receivedAt: clock.now(),
        payload: { format: 'pdf' },
        status: 'unverified',
        notifyRequester: true,
      });
    return { id: request.id, token: verificationToken! };
  }
  const stored = (id: string) =>
    testApp.dataSource.getRepository(PrivacyRequest).findOneByOrFail({ id });
  const follow = (token: string) => testApp.http().post('/api/public/verify').send({ token });

  it(`works a minute before ${hours} hours and is refused a minute after`, async () => {
    const early = await unverified();
    const late = await unverified();
    expect((await stored(early.id)).verificationExpiresAt!.getTime() - clock.nowMs()).toBe(
      hours * HOUR,
    );

    clock.advance(hours * HOUR - MINUTE);
    const inTime = await follow(early.token);
    expect(inTime.status).toBe(200);
    expect(inTime.body.status).toBe('new');
    expect((await stored(early.id)).status).toBe('new');

    clock.advance(2 * MINUTE);
    const expired = await follow(late.token);
    expect([expired.status, expired.body.code]).toEqual([410, 'token_expired']);
    expect((await stored(late.id)).status).toBe('unverified');
    // The page the emailed link opens says the same, with the configured lifetime.
    const page = await testApp.http().get('/privacy/verify').query({ token: late.token });
    expect(page.status).toBe(410);
    expect(page.text).toContain(`links work for ${hours} hours`);
    expect((await stored(late.id)).status).toBe('unverified');
  });
});
