import { startPrivacyDesk } from '../harness/privacy-desk-server.js';
import { MB, PeakMemory } from '../harness/memory.js';
import { signIn } from '../harness/session.js';
import type { BenchContext, Scenario, ScenarioRow } from '../types.js';
import { streamResponse } from './scrub.js';
import { CsvRecordCounter, exportBaseline } from './export.baseline.js';
import { sqlite3Missing } from './scrub.baseline.js';
import { sqliteFile, warmPageCache } from './scrub.js';

const RATIO_GOAL = 0.5;
const RSS_GOAL_MB = 200;
/** "Flat": the peak at the end is at most this much above the peak at the checkpoint. */
const FLAT_WITHIN = 0.2;
const CHECKPOINT = 100_000;

function goalText(checkpoint: number): string {
  return (
    `≥ ${RATIO_GOAL}× the baseline's rows/s; server peak RSS ≤ ${RSS_GOAL_MB} MB and flat ` +
    `(peak at the end ≤ ${(1 + FLAT_WITHIN).toFixed(1)}× the peak at ${checkpoint.toLocaleString('en-US')} rows)`
  );
}

/**
 * Streams `GET /api/disclosures?format=csv` as the manager, counting records as they arrive;
 * the server's peak RSS is taken when the checkpoint's rows have arrived and at the end.
 */
async function exportFromServer(
  context: BenchContext,
  databaseUrl: string,
  checkpoint: number,
): Promise<{ seconds: number; rows: number; peakAtCheckpoint: number; peakAtEnd: number }> {
  // GET ?format=csv always streams at once; the threshold only steers the console's button
  // (above it, the console starts a background export). Raised so that nothing else is implied.
  // BENCH_PD_NODE_ARGS (e.g. `--cpu-prof`, `--trace-gc`) goes to the server's node.
  const server = await startPrivacyDesk(
    databaseUrl,
    { EXPORT_BACKGROUND_THRESHOLD: String(10_000_000) },
    (process.env.BENCH_PD_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  try {
    const session = await signIn(server.baseUrl, context.dataset.users.manager);
    const memory = new PeakMemory(server.pid);
    const started = process.hrtime.bigint();
    const counter = new CsvRecordCounter();
    let peakAtCheckpoint = -1;
    await streamResponse(
      `${server.baseUrl}/api/disclosures?format=csv`,
      { method: 'GET', headers: session.headers },
      (chunk) => {
        counter.push(chunk);
        // The header is one record: the checkpoint is reached at checkpoint + 1 records.
        if (peakAtCheckpoint < 0 && counter.records > checkpoint) peakAtCheckpoint = memory.peak();
      },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakAtEnd = memory.stop();
    const rows = Math.max(0, counter.end() - 1);
    return {
      seconds,
      rows,
      peakAtCheckpoint: peakAtCheckpoint < 0 ? peakAtEnd : peakAtCheckpoint,
      peakAtEnd,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${server.output().slice(-4000)}`, {
      cause: error,
    });
  } finally {
    await server.stop();
  }
}

const perSecond = (rows: number, seconds: number) => (seconds > 0 ? rows / seconds : 0);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export const exportScenario: Scenario = {
  id: 'export',
  title: 'Export: CSV of all disclosures',
  async run(context: BenchContext): Promise<ScenarioRow[]> {
    const { dataset, options } = context;
    const expected = dataset.counts.disclosures ?? dataset.scale;
    // At a small scale the checkpoint is a tenth of the rows, so that "flat" still means something.
    const checkpoint = Math.min(CHECKPOINT, Math.max(1, Math.floor(expected / 10)));
    const title = `Export: GET /api/disclosures?format=csv, ${expected.toLocaleString('en-US')} rows`;
    const goal = goalText(checkpoint);
    const database = await context.sharedDatabase();
    const sqlite = options.db === 'sqlite';
    if (sqlite) await warmPageCache(sqliteFile(database.url));

    context.log('export: Privacy Desk');
    const desk = await exportFromServer(context, database.url, checkpoint);
    const rate = perSecond(desk.rows, desk.seconds);
    const notes: string[] = [];
    const counts: Record<string, number> = { rows: desk.rows, rowsExpected: expected };
    const rowsRight = desk.rows === expected;
    if (!rowsRight) notes.push(`the server sent ${desk.rows} rows; the data set has ${expected}`);
    const checkpointMb = desk.peakAtCheckpoint / MB;
    const endMb = desk.peakAtEnd / MB;
    const flat = endMb <= checkpointMb * (1 + FLAT_WITHIN);
    const memoryMet = endMb <= RSS_GOAL_MB && flat;
    const deskText =
      `${fmt(rate)} rows/s (${desk.seconds.toFixed(1)} s); peak RSS ${checkpointMb.toFixed(0)} MB ` +
      `at ${checkpoint.toLocaleString('en-US')} rows, ${endMb.toFixed(0)} MB at the end`;
    const metrics: Record<string, number> = {
      rowsPerSecond: rate,
      seconds: desk.seconds,
      peakRssMbAtCheckpoint: checkpointMb,
      peakRssMbAtEnd: endMb,
      checkpointRows: checkpoint,
    };

    const missing = sqlite ? sqlite3Missing() : 'the sqlite3 -csv baseline runs on SQLite only';
    if (missing) {
      return [
        {
          scenario: title,
          status: sqlite || !rowsRight ? 'failed' : 'ran',
          privacyDesk: deskText,
          baseline: '—',
          ratio: null,
          goal,
          met: sqlite ? false : null,
          metrics,
          counts,
          notes: [...notes, missing],
        },
      ];
    }

    context.log('export: sqlite3 -csv baseline');
    const base = await exportBaseline(sqliteFile(database.url));
    const baseRate = perSecond(base.rows, base.seconds);
    counts.baselineRows = base.rows;
    if (base.rows !== expected) notes.push(`the baseline wrote ${base.rows} rows, not ${expected}`);
    metrics.baselineRowsPerSecond = baseRate;
    metrics.baselineSeconds = base.seconds;
    const ratio = baseRate > 0 ? rate / baseRate : 0;
    return [
      {
        scenario: title,
        status: rowsRight ? 'ran' : 'failed',
        privacyDesk: deskText,
        baseline: `${fmt(baseRate)} rows/s (${base.seconds.toFixed(1)} s, sqlite3 -csv)`,
        ratio,
        goal,
        met: rowsRight && ratio >= RATIO_GOAL && memoryMet,
        metrics,
        counts,
        notes,
      },
    ];
  },
};
