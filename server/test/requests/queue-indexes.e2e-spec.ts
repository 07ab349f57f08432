import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * claim-next's two lookups must come from an index alone at any queue size: the lapsed claims
 * it returns to the queue first, and the next request (due soonest, then received first). The
 * plans are read from the database (on PostgreSQL with sequential scans and sorts discouraged,
 * because a test's few rows would otherwise be scanned and sorted).
 */
describe('the queue indexes', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
  });
  afterAll(() => testApp.close());

  const isPostgres = () => testApp.dataSource.options.type === 'postgres';

  async function plan(sql: string, params: unknown[]): Promise<string> {
    if (!isPostgres()) {
      const rows: { detail: string }[] = await testApp.dataSource.query(
        `EXPLAIN QUERY PLAN ${sql}`,
        params,
      );
      return rows.map((r) => r.detail).join('\n');
    }
    return testApp.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      await manager.query('SET LOCAL enable_sort = off');
      let n = 0;
      const rows: { 'QUERY PLAN': string }[] = await manager.query(
        `EXPLAIN ${sql.replace(/\?/g, () => `$${++n}`)}`,
        params,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  it('finds the lapsed claims through the lease index', async () => {
    const text = await plan(
      "SELECT id FROM privacy_requests WHERE status = 'in_progress' AND lease_expires_at < ?",
      [isPostgres() ? new Date() : new Date().toISOString().replace('T', ' ').slice(0, 23)],
    );
    expect(text).toContain('IDX_privacy_requests_lease');
  });

  it('takes the next request in due order from an index, without sorting the queue', async () => {
    const text = await plan(
      `SELECT id FROM privacy_requests WHERE status = 'new' AND assignee_id IS NULL
        ORDER BY due_at ASC, received_at ASC LIMIT 1`,
      [],
    );
    if (isPostgres()) {
      // PostgreSQL reads no order from (status, assignee, due) past `assignee_id IS NULL`.
      expect(text).toContain('IDX_privacy_requests_next');
      expect(text).not.toContain('Sort');
    } else {
      // SQLite reads the due order from either index; at most it orders ties on due_at.
      expect(text).toMatch(/IDX_privacy_requests_(next|queue)/);
      expect(text).not.toContain('TEMP B-TREE FOR ORDER BY');
    }
  });
});
