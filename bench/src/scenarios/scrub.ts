import { createReadStream } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders, RequestOptions } from 'node:http';
import type { Readable } from 'node:stream';
import { startPrivacyDesk } from '../harness/privacy-desk-server.js';
import { MB, PeakMemory } from '../harness/memory.js';
import { signIn } from '../harness/session.js';
import type { BenchContext, Scenario, ScenarioRow } from '../types.js';
import { scrubBaseline, sqlite3Missing } from './scrub.baseline.js';

const RATIO_GOAL = 4;
const RSS_GOAL_MB = 300;
const GOAL = `≤ ${RATIO_GOAL}× the baseline's seconds; server peak RSS ≤ ${RSS_GOAL_MB} MB`;
const TITLE = 'Scrub: CSV to POST /api/suppressions/scrub';

/** The SQLite file behind a `sqlite:<path>` DATABASE_URL. */
export function sqliteFile(url: string): string {
  if (!url.startsWith('sqlite:')) throw new Error(`Not a SQLite URL: ${url}`);
  return url.slice('sqlite:'.length);
}

/** Reads a file once, so that the server and the baseline both start from a warm page cache. */
export async function warmPageCache(file: string): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) void chunk;
}

/**
 * One request over node:http with the answer read chunk by chunk as it arrives (fetch's web
 * streams cost the measuring process more than the server it measures). A 2xx is required.
 */
export function streamResponse(
  url: string,
  options: RequestOptions,
  onChunk: (chunk: Buffer) => void,
  body?: Readable,
): Promise<IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => reject(new Error(`${options.method} ${url}: ${status} ${text}`)));
        return;
      }
      res.on('data', onChunk);
      res.on('end', () => resolve(res.headers));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) {
      body.on('error', reject);
      body.pipe(req);
    } else req.end();
  });
}

/** The scrub file sent as it is read, the answer read as it comes: seconds end to end. */
async function scrubOnServer(
  context: BenchContext,
  databaseUrl: string,
): Promise<{ seconds: number; suppressed: number; rowsIn: number; peak: number }> {
  const { dataset } = context;
  const server = await startPrivacyDesk(databaseUrl);
  try {
    const session = await signIn(server.baseUrl, dataset.users.staff);
    const memory = new PeakMemory(server.pid);
    const started = process.hrtime.bigint();
    let lines = 0;
    let last = 10;
    const headers = await streamResponse(
      `${server.baseUrl}/api/suppressions/scrub`,
      { method: 'POST', headers: { ...session.writeHeaders, 'Content-Type': 'text/csv' } },
      (chunk) => {
        // The answer is one plain address a line (header `email`).
        for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
        if (chunk.length > 0) last = chunk[chunk.length - 1]!;
      },
      createReadStream(dataset.scrubCsvPath),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peak = memory.stop();
    const records = last === 10 ? lines : lines + 1;
    return {
      seconds,
      suppressed: Math.max(0, records - 1),
      rowsIn: Number(headers['x-scrub-rows-in'] ?? -1),
      peak,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${server.output().slice(-4000)}`, {
      cause: error,
    });
  } finally {
    await server.stop();
  }
}

export const scrubScenario: Scenario = {
  id: 'scrub',
  title: TITLE,
  async run(context: BenchContext): Promise<ScenarioRow[]> {
    const { dataset, options } = context;
    const title = `Scrub: ${dataset.scale.toLocaleString('en-US')} addresses as CSV to POST /api/suppressions/scrub`;
    const notes: string[] = [];
    const database = await context.sharedDatabase();
    const sqlite = options.db === 'sqlite';
    const missing = sqlite ? sqlite3Missing() : null;
    if (sqlite) await warmPageCache(sqliteFile(database.url));

    context.log('scrub: Privacy Desk');
    const desk = await scrubOnServer(context, database.url);
    const counts: Record<string, number> = {
      rowsIn: desk.rowsIn,
      rowsExpected: dataset.scale,
      suppressedFound: desk.suppressed,
      suppressedExpected: dataset.scrubSuppressed,
    };
    if (desk.suppressed !== dataset.scrubSuppressed) {
      notes.push(
        `the server reported ${desk.suppressed} suppressed addresses; the data set has ${dataset.scrubSuppressed}`,
      );
    }
    const deskText = `${desk.seconds.toFixed(2)} s, peak RSS ${(desk.peak / MB).toFixed(0)} MB`;
    const metrics: Record<string, number> = {
      seconds: desk.seconds,
      peakRssMb: desk.peak / MB,
    };
    const rssMet = desk.peak / MB <= RSS_GOAL_MB;
    const countsRight = desk.suppressed === dataset.scrubSuppressed;

    if (!sqlite) {
      notes.push('the sqlite3 baseline runs on SQLite only; the issue requires scrub on SQLite');
      return [
        {
          scenario: title,
          status: countsRight ? 'ran' : 'failed',
          privacyDesk: deskText,
          baseline: '—',
          ratio: null,
          goal: GOAL,
          met: null,
          metrics,
          counts,
          notes,
        },
      ];
    }
    if (missing) {
      return [
        {
          scenario: title,
          status: 'failed',
          privacyDesk: deskText,
          baseline: '—',
          ratio: null,
          goal: GOAL,
          met: false,
          metrics,
          counts,
          notes: [...notes, missing],
        },
      ];
    }

    context.log('scrub: sqlite3 baseline');
    const base = await scrubBaseline(sqliteFile(database.url), dataset.scrubCsvPath);
    counts.baselineSuppressed = base.suppressed;
    if (base.suppressed !== dataset.scrubSuppressed) {
      notes.push(
        `the baseline found ${base.suppressed} suppressed addresses; the data set has ${dataset.scrubSuppressed}`,
      );
    }
    metrics.baselineSeconds = base.seconds;
    const ratio = desk.seconds / base.seconds;
    return [
      {
        scenario: title,
        status: countsRight ? 'ran' : 'failed',
        privacyDesk: deskText,
        baseline: `${base.seconds.toFixed(2)} s (sqlite3 shell: .import + join)`,
        ratio,
        goal: GOAL,
        met: countsRight && ratio <= RATIO_GOAL && rssMet,
        metrics,
        counts,
        notes,
      },
    ];
  },
};
