import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { Readable } from 'node:stream';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { createApiKey, insertEntries, sha256 } from './support.js';

const ROWS = 100_000;
const address = (i: number) => `person${i}@list.example.com`;
/** Every 997th address is suppressed (marketing), every 1,499th for partner sharing only. */
const marketing = (i: number) => i % 997 === 0;
const partner = (i: number) => i % 1499 === 0 && !marketing(i);
/** Revoked entries must never come back. */
const revoked = (i: number) => i % 1201 === 0 && !marketing(i) && !partner(i);

/** Joins generated lines into chunks of about 1,000 (one write per line would be slow). */
function* chunked(lines: Generator<string>): Generator<string> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= 1000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join('');
}

/** A generous bound for a machine under load; nothing here asserts a duration. */
const SCRUB_TEST_MS = 300_000;

interface Scrubbed {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('suppressions: scrub a mailing list (streamed, on disk, one indexed join)', () => {
  let testApp: TestApp;
  let server: Server;
  let key: string;
  let staff: SignedIn;
  const expectedAll: string[] = [];
  const expectedMarketing: string[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    key = await createApiKey(admin, ['suppressions:read']);
    const m: string[] = [];
    const p: string[] = [];
    const r: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      if (marketing(i)) m.push(address(i));
      else if (partner(i)) p.push(address(i));
      else if (revoked(i)) r.push(address(i));
    }
    await insertEntries(testApp, m);
    await insertEntries(testApp, p, { scope: 'partner_sharing' });
    await insertEntries(testApp, r, { revoked: true });
    for (let i = 0; i < ROWS; i++) {
      if (marketing(i) || partner(i)) expectedAll.push(address(i));
      if (marketing(i)) expectedMarketing.push(address(i));
    }
    server = testApp.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, resolve));
  }, SCRUB_TEST_MS);
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await testApp.close();
  });

  /** POSTs a body generated line by line (never one string in memory) to the live server. */
  function scrub(
    contentType: string,
    lines: () => Generator<string>,
    query = '',
  ): Promise<Scrubbed> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/suppressions/scrub${query}`,
          headers: { 'Content-Type': contentType, Authorization: `Bearer ${key}` },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      Readable.from(chunked(lines())).pipe(req);
    });
  }

  const rowsOf = (body: string) => body.trim().split('\n').slice(1);

  function* csvEmails(): Generator<string> {
    yield 'id,email,name\n';
    for (let i = 0; i < ROWS; i++) {
      // Some in upper case and padded: matched after normalising, echoed as sent.
      const email = i % 2 === 0 ? address(i) : `  ${address(i).toUpperCase()} `;
      yield `${i},"${email}",Person ${i}\n`;
    }
  }

  it(
    `returns exactly the suppressed rows of ${ROWS.toLocaleString('en-US')} addresses, and records peak memory`,
    async () => {
      const rssBefore = process.resourceUsage().maxRSS;
      let heapPeak = process.memoryUsage().heapUsed;
      const heapStart = heapPeak;
      const sampler = setInterval(() => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }, 20);
      let result: Scrubbed;
      try {
        result = await scrub('text/csv', csvEmails);
      } finally {
        clearInterval(sampler);
      }
      expect(result.status).toBe(200);
      expect(result.headers['content-type']).toMatch(/^text\/csv/);
      expect(result.headers['x-scrub-rows-in']).toBe(String(ROWS));
      const rows = rowsOf(result.body);
      expect(result.body.split('\n')[0]).toBe('email');
      expect(rows.map((r) => r.trim().toLowerCase())).toEqual(expectedAll);
      const memory = {
        database: testApp.db.url.startsWith('sqlite') ? 'sqlite' : 'postgres',
        rows: ROWS,
        suppressedOut: rows.length,
        maxRssBeforeKb: rssBefore,
        maxRssAfterKb: process.resourceUsage().maxRSS,
        heapStartMb: Math.round(heapStart / 1e6),
        heapPeakMb: Math.round(heapPeak / 1e6),
      };
      mkdirSync('test-artifacts', { recursive: true });
      writeFileSync(
        `test-artifacts/scrub-memory-${memory.database}.json`,
        `${JSON.stringify(memory, null, 2)}\n`,
      );

      const audit = await testApp.dataSource
        .getRepository(AuditEntry)
        .findBy({ action: 'suppression.scrubbed' });
      expect(audit.at(-1)!.summary).toBe(
        `Scrub by email: ${ROWS} rows in, 0 skipped as unreadable, ${expectedAll.length} suppressed rows out`,
      );
      expect(audit.at(-1)!.actorType).toBe('api_client');
    },
    SCRUB_TEST_MS,
  );

  it(
    'hashed and plain scrubs agree (CSV sha256 column, NDJSON emails, NDJSON hashes)',
    async () => {
      const hashOf = new Map(expectedAll.map((e) => [sha256(e), e]));
      const hashed = await scrub('text/csv', function* () {
        yield 'sha256\n';
        for (let i = 0; i < ROWS; i++) yield `${sha256(address(i))}\n`;
      });
      expect(hashed.status).toBe(200);
      expect(rowsOf(hashed.body).map((h) => hashOf.get(h))).toEqual(expectedAll);

      const ndjson = await scrub('application/x-ndjson', function* () {
        for (let i = 0; i < ROWS; i++) yield `${JSON.stringify({ email: address(i) })}\n`;
      });
      expect(rowsOf(ndjson.body)).toEqual(expectedAll);

      const ndjsonHashes = await scrub('application/x-ndjson', function* () {
        for (let i = 0; i < ROWS; i += 1)
          yield `{"sha256":"${sha256(address(i)).toUpperCase()}"}\n`;
      });
      expect(rowsOf(ndjsonHashes.body).map((h) => hashOf.get(h.toLowerCase()))).toEqual(
        expectedAll,
      );
    },
    SCRUB_TEST_MS,
  );

  it(
    'filters by scope',
    async () => {
      const result = await scrub(
        'application/x-ndjson',
        function* () {
          for (let i = 0; i < 20_000; i++) yield `${JSON.stringify({ email: address(i) })}\n`;
        },
        '?scope=marketing_contact',
      );
      expect(rowsOf(result.body)).toEqual(
        expectedMarketing.filter((e) => Number(/\d+/.exec(e)![0]) < 20_000),
      );
    },
    SCRUB_TEST_MS,
  );

  it('refuses what it cannot read with a 4xx and writes no audit entry', async () => {
    const audits = () =>
      testApp.dataSource.getRepository(AuditEntry).countBy({ action: 'suppression.scrubbed' });
    const before = await audits();
    const noColumn = await scrub('text/csv', function* () {
      yield 'name,phone\nJo,123\n';
    });
    expect({ status: noColumn.status, code: JSON.parse(noColumn.body).code }).toEqual({
      status: 422,
      code: 'validation_failed',
    });
    const badJson = await scrub('application/x-ndjson', function* () {
      yield '{"email":"a@example.com"}\nnot json\n';
    });
    expect(badJson.status).toBe(422);
    expect(JSON.parse(badJson.body).errors.body).toBe('Line 2 is not JSON.');
    const empty = await scrub('text/csv', function* () {
      yield '';
    });
    expect(empty.status).toBe(422);
    const wrongType = await scrub('text/plain', function* () {
      yield 'email\na@example.com\n';
    });
    expect({ status: wrongType.status, code: JSON.parse(wrongType.body).code }).toEqual({
      status: 415,
      code: 'unsupported_media_type',
    });
    const badScope = await scrub(
      'text/csv',
      function* () {
        yield 'email\na@example.com\n';
      },
      '?scope=everything',
    );
    expect(badScope.status).toBe(422);
    expect(await audits()).toBe(before);
  });

  it('staff scrub from the console with the session and the CSRF header', async () => {
    const res = await staff.agent
      .post('/api/suppressions/scrub')
      .set(staff.csrf)
      .set('Content-Type', 'text/csv')
      .send(`email\n${address(0)}\n${address(1)}\n`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(`email\n${address(0)}\n`);
    const noCsrf = await staff.agent
      .post('/api/suppressions/scrub')
      .set('Content-Type', 'text/csv')
      .send(`email\n${address(0)}\n`);
    expect(noCsrf.status).toBe(403);
  });
});
