import { randomUUID } from 'node:crypto';
import { COUNT_CACHE_MS, EXACT_COUNT_LIMIT } from '../../src/common/list/apply-list-query.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { enterRequest } from './support.js';

/** Lists above EXACT_COUNT_LIMIT rows: a total counted once and kept briefly, and the cursor. */
describe('the requests list at scale', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  const requests = () => testApp.dataSource.getRepository(PrivacyRequest);
  let made = 0;

  /** Copies of one entered request, `n` of them, received one minute apart. */
  async function copies(n: number, status: PrivacyRequest['status'] = 'completed') {
    const model = await requests().findOneByOrFail({});
    const start = Date.UTC(2025, 0, 1);
    for (let done = 0; done < n; done += 500) {
      const batch = Array.from({ length: Math.min(500, n - done) }, (_, i) => {
        const row = requests().create({ ...model });
        row.id = randomUUID();
        row.reference = `BULK-${made + done + i}`;
        row.status = status;
        row.receivedAt = new Date(start + (made + done + i) * 60_000);
        return row;
      });
      await requests().insert(batch);
    }
    made += n;
  }

  const list = (query: Record<string, string>) =>
    staff.agent.get('/api/requests').query({
      sort: '["receivedAt","DESC"]',
      filter: '{"status":"completed"}',
      range: '[0,24]',
      ...query,
    });

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    await enterRequest(staff);
    await copies(EXACT_COUNT_LIMIT + 50);
    await copies(3, 'rejected');
  }, 120_000);
  afterAll(() => testApp.close());

  it('counts exactly up to the limit, with no X-Total-As-Of', async () => {
    const res = await list({ filter: '{"status":"rejected"}', range: '[0,1]' });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('requests 0-1/3');
    expect(res.headers['x-total-as-of']).toBeUndefined();
  });

  it('above the limit, gives an exact count kept briefly and says when it was made', async () => {
    const first = await list({});
    expect(first.status).toBe(200);
    expect(first.headers['content-range']).toBe(`requests 0-24/${EXACT_COUNT_LIMIT + 50}`);
    const asOf = Date.parse(first.headers['x-total-as-of']!);
    expect(Number.isNaN(asOf)).toBe(false);
    // A row added within COUNT_CACHE_MS is not in the total yet; the header says how old it is.
    await copies(1);
    const again = await list({ range: '[25,49]' });
    expect(again.headers['content-range']).toBe(`requests 25-49/${EXACT_COUNT_LIMIT + 50}`);
    expect(Date.parse(again.headers['x-total-as-of']!)).toBe(asOf);
    expect(COUNT_CACHE_MS).toBeLessThanOrEqual(60_000);
  });

  it('continues after the cursor of the previous page, as the offset would', async () => {
    const first = await list({});
    const cursor = first.headers['x-next-cursor'];
    expect(cursor).toEqual(expect.any(String));
    const byOffset = await list({ range: '[25,49]' });
    const byCursor = await list({ range: '[25,49]', cursor: cursor! });
    expect(byCursor.status).toBe(200);
    expect(byCursor.headers['content-range']).toBe(byOffset.headers['content-range']);
    expect(byCursor.body.map((r: { id: string }) => r.id)).toEqual(
      byOffset.body.map((r: { id: string }) => r.id),
    );
    expect(byCursor.body).toHaveLength(25);
    // A cursor of another sort is not applied: the offset is.
    const otherSort = await list({
      range: '[25,49]',
      cursor: cursor!,
      sort: '["reference","ASC"]',
    });
    const otherByOffset = await list({ range: '[25,49]', sort: '["reference","ASC"]' });
    expect(otherSort.body.map((r: { id: string }) => r.id)).toEqual(
      otherByOffset.body.map((r: { id: string }) => r.id),
    );
    const bad = await list({ cursor: 'not-a-cursor' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveProperty('cursor');
  });

  it('still lists and shows a request whose stored payload does not parse, its payload null', async () => {
    const damaged = await requests().findOneByOrFail({ reference: 'BULK-1' });
    await requests().update({ id: damaged.id }, { payload: '{"scopes": [' });
    const listed = await list({ filter: JSON.stringify({ id: damaged.id }) });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: damaged.id, payload: null })]);
    const shown = await staff.agent.get(`/api/requests/${damaged.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ reference: 'BULK-1', payload: null });
  });
});
