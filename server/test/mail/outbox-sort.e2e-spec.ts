import { ManualClock } from '../../src/common/clock/clock.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import type { MailStatus } from '../../src/mail/mail-message.entity.js';
import { MailService } from '../../src/mail/mail.service.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

/**
 * Three messages whose creation, sending and status each fall in a different order, so that a
 * sort on the wrong column, or none, shows.
 */
describe('outbox list sorting', () => {
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  const id = {} as Record<'m1' | 'm2' | 'm3', string>;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    const mail = testApp.app.get(MailService);
    const tx = testApp.app.get(TransactionService);
    for (const key of ['m1', 'm2', 'm3'] as const) {
      const message = await tx.run(() =>
        mail.queue({
          to: `${key}@example.com`,
          template: 'acknowledgement',
          data: { reference: 'PR-2026-000010', kindLabel: 'Access', dueDate: '2026-04-10' },
        }),
      );
      id[key] = message.id;
      clock.advance(MINUTE);
    }
    // Sending is not what is under test: the rows are set to states they could reach.
    const sent = (minutes: number, status: MailStatus) => ({
      status,
      sentAt: new Date(clock.nowMs() + minutes * MINUTE),
    });
    const messages = testApp.dataSource.getRepository(MailMessage);
    await messages.update(id.m1, sent(30, 'held'));
    await messages.update(id.m2, sent(10, 'sent'));
    await messages.update(id.m3, sent(20, 'failed'));
  });
  afterAll(() => testApp.close());

  const order = async (field: string, direction: 'ASC' | 'DESC') => {
    const res = await staff.agent
      .get('/api/outbox')
      .query({
        sort: JSON.stringify([field, direction]),
        filter: JSON.stringify({ id: Object.values(id) }),
      })
      .expect(200);
    const mine = new Map(Object.entries(id).map(([key, value]) => [value, key]));
    return (res.body as { id: string }[]).map((m) => mine.get(m.id));
  };

  it.each([
    ['createdAt', ['m1', 'm2', 'm3']],
    ['sentAt', ['m2', 'm3', 'm1']],
    ['status', ['m3', 'm1', 'm2']],
  ])('sorts by %s in both directions', async (field, ascending) => {
    expect(await order(field, 'ASC')).toEqual(ascending);
    expect(await order(field, 'DESC')).toEqual([...ascending].reverse());
  });
});
