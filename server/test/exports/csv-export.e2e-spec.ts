import { EXPORT_COLUMNS, exportCell, exportFieldValue } from '@privacy-desk/shared';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { parseCsv, seedDisclosures, seedSubjects } from './support.js';

const SUBJECTS = 1_234;

describe('CSV export of the lists (format=csv)', () => {
  let testApp: TestApp;
  let manager: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', SEED_DEMO_REQUESTS: 'true' });
    await seedSubjects(
      (sql, params) => testApp.dataSource.query(sql, params),
      testApp.db.schema,
      SUBJECTS,
    );
    manager = await signIn(testApp, DEMO_EMAILS.manager);
  });
  afterAll(() => testApp.close());

  /** Every row of a JSON list, page by page, in the list's order. */
  async function jsonRows(path: string, query: Record<string, string>): Promise<unknown[]> {
    const rows: unknown[] = [];
    for (let start = 0; ; start += 500) {
      const res = await manager.agent
        .get(path)
        .query({ ...query, range: JSON.stringify([start, start + 499]) });
      expect(res.status).toBe(200);
      rows.push(...(res.body as unknown[]));
      if ((res.body as unknown[]).length < 500) return rows;
    }
  }

  it('writes exactly the rows of the list, in its order, for the same filter and sort', async () => {
    const query = { filter: JSON.stringify({ q: 'bulk person 000' }), sort: '["name","DESC"]' };
    const res = await manager.agent.get('/api/subjects').query({ ...query, format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="subjects-.*\.csv"$/);
    const csv = parseCsv(res.text);
    expect(csv.header).toEqual(EXPORT_COLUMNS.subjects.map((c) => c.label));

    const listed = await jsonRows('/api/subjects', query);
    // "Bulk Person 000001" … "Bulk Person 000999": 999 rows, over two export batches.
    expect(listed).toHaveLength(999);
    const expected = listed.map((row) =>
      EXPORT_COLUMNS.subjects.map((c) => exportCell(exportFieldValue(row, c.field))),
    );
    expect(csv.rows).toEqual(expected);
    expect(csv.rows[0]![0]).toBe('Bulk Person 000999');
    expect(csv.rows.at(-1)![0]).toBe('Bulk Person 000001');
  });

  it('continues each batch after the last row, also through runs of equal sort values', async () => {
    // 1,234 subjects share 500 creation times: batches end inside runs of equal values.
    for (const order of ['ASC', 'DESC']) {
      const query = { sort: JSON.stringify(['createdAt', order]) };
      const csv = parseCsv(
        (await manager.agent.get('/api/subjects').query({ ...query, format: 'csv' })).text,
      );
      const listed = await jsonRows('/api/subjects', query);
      const ids = csv.rows.map((r) => r.at(-1));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(listed.map((r) => (r as { id: string }).id));
    }
  });

  it('exports disclosures (read by their own statement) exactly as the list shows them', async () => {
    const recorder = (await testApp.dataSource.query(
      `SELECT id FROM ${testApp.db.schema ? `"${testApp.db.schema}".` : ''}users ORDER BY email LIMIT 1`,
    )) as { id: string }[];
    await seedDisclosures(
      (sql, params) => testApp.dataSource.query(sql, params),
      testApp.db.schema,
      1_100,
      recorder[0]!.id,
    );
    for (const sort of [undefined, '["disclosedAt","ASC"]', '["reference","ASC"]']) {
      const query: Record<string, string> = sort ? { sort } : {};
      const res = await manager.agent.get('/api/disclosures').query({ ...query, format: 'csv' });
      expect(res.status).toBe(200);
      const csv = parseCsv(res.text);
      expect(csv.header).toEqual(EXPORT_COLUMNS.disclosures.map((c) => c.label));
      const listed = await jsonRows('/api/disclosures', query);
      expect(listed.length).toBeGreaterThan(1_100);
      const expected = listed.map((row) =>
        EXPORT_COLUMNS.disclosures.map((c) => exportCell(exportFieldValue(row, c.field))),
      );
      expect(csv.rows).toEqual(expected);
    }
    // The filters mean the same in the file as on screen.
    const filter = JSON.stringify({ q: 'recipient 3', aggregated: true });
    const filtered = parseCsv(
      (await manager.agent.get('/api/disclosures').query({ filter, format: 'csv' })).text,
    );
    const listed = await jsonRows('/api/disclosures', { filter });
    expect(listed.length).toBeGreaterThan(0);
    expect(filtered.rows.map((r) => r.at(-1))).toEqual(listed.map((r) => (r as { id: string }).id));
  });

  it('exports a whole list without a cap, and the requests list with its view filter', async () => {
    const all = await manager.agent.get('/api/subjects?format=csv');
    const rows = parseCsv(all.text).rows;
    expect(rows.length).toBeGreaterThanOrEqual(SUBJECTS);
    const total = await manager.agent.get('/api/subjects?range=[0,0]');
    expect(total.headers['content-range']).toMatch(new RegExp(`/${rows.length}$`));

    const query = {
      filter: JSON.stringify({ view: 'all', status: ['new', 'in_progress'] }),
      sort: '["reference","ASC"]',
    };
    const csv = parseCsv(
      (await manager.agent.get('/api/requests').query({ ...query, format: 'csv' })).text,
    );
    const listed = await jsonRows('/api/requests', query);
    expect(listed.length).toBeGreaterThan(0);
    expect(csv.rows.map((r) => r[0])).toEqual(
      listed.map((r) => (r as { reference: string }).reference),
    );
  });

  it('escapes cells that a spreadsheet would run as a formula', async () => {
    const res = await manager.agent
      .get('/api/subjects')
      .query({ format: 'csv', filter: JSON.stringify({ email: 'bulk7@example.com' }) });
    const { header, rows } = parseCsv(res.text);
    expect(rows).toHaveLength(1);
    expect(rows[0]![header.indexOf('Company')]).toBe("'=cmd|calc");
    expect(res.text).not.toMatch(/(^|,)=cmd/m);
  });

  it('serves every list to a manager, and the audit log to a compliance officer', async () => {
    for (const list of [
      'requests',
      'subjects',
      'legal-process',
      'disclosures',
      'violations',
      'suppressions',
    ]) {
      const res = await manager.agent.get(`/api/${list}?format=csv`);
      expect([list, res.status, res.headers['content-type']]).toEqual([
        list,
        200,
        'text/csv; charset=utf-8',
      ]);
    }
    const officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    const audit = await officer.agent.get('/api/audit?format=csv&sort=["seq","ASC"]');
    expect(audit.status).toBe(200);
    expect(parseCsv(audit.text).rows[0]![0]).toBe('1');
  });

  it('refuses a user without reports.export with 403, though they may read the list', async () => {
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    expect((await staff.agent.get('/api/subjects')).status).toBe(200);
    for (const list of ['requests', 'subjects', 'violations', 'suppressions']) {
      const res = await staff.agent.get(`/api/${list}?format=csv`);
      expect([list, res.status]).toEqual([list, 403]);
    }
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    expect((await admin.agent.get('/api/suppressions?format=csv')).status).toBe(403);
  });

  it('refuses a bad filter with a 422 before sending a file, and an unknown format', async () => {
    const bad = await manager.agent.get('/api/subjects?format=csv&filter={"secret":1}');
    expect([bad.status, Object.keys(bad.body.errors)]).toEqual([422, ['filter.secret']]);
    expect((await manager.agent.get('/api/subjects?format=xlsx')).status).toBe(422);
  });

  it('audits who exported which list, with the filter, sort and row count', async () => {
    await manager.agent
      .get('/api/subjects')
      .query({
        format: 'csv',
        filter: JSON.stringify({ isMinor: false, q: 'person 0001' }),
        sort: '["email","ASC"]',
      })
      .expect(200);
    const officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    let entry: { actorLabel: string; action: string; summary: string } | undefined;
    for (let i = 0; i < 50 && !entry; i++) {
      const res = await officer.agent
        .get('/api/audit')
        .query({ filter: JSON.stringify({ entityType: 'export', q: 'isMinor' }) });
      entry = (res.body as (typeof entry)[])[0];
      if (!entry) await new Promise((r) => setTimeout(r, 100));
    }
    expect(entry).toMatchObject({
      action: 'export.completed',
      actorLabel: expect.stringContaining('anager'),
    });
    // "person 0001" matches Bulk Person 000100 … 000199: 100 rows.
    expect(entry!.summary).toBe(
      'CSV export of Subjects completed: 100 rows; filter {"isMinor":false,"q":"[text]"}; sort ["email","ASC"]',
    );
  });
});
