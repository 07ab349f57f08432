import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run bench -- --scale 10000` end to end, once, on SQLite (its own Jest project, which
// .ci/run's PostgreSQL pass does not select). It runs the built bench (`npm test` built it, and
// the stale-build check stops Jest when bench/dist is older than bench/src), not `npm run bench`,
// whose build would rewrite server/dist and admin-ui/dist under the tests running beside it. A
// fresh data set is generated into an empty cache, every scenario
// runs against the real server and its baseline, and the results file is read back. Only
// counts are asserted, never a time: the figures belong to the benchmark, not to CI.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUN_MS = 20 * 60_000;

interface ResultRow {
  id: string;
  scenario: string;
  status: 'ran' | 'not yet' | 'failed';
  counts: Record<string, number>;
  metrics: Record<string, number>;
  notes: string[];
}
interface ResultFile {
  runs: {
    db: string;
    scale: number;
    dataset: { counts: Record<string, number> };
    rows: ResultRow[];
  }[];
}

function runBench(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, [join(ROOT, 'bench/dist/main.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

describe('npm run bench -- --scale 10000', () => {
  let work: string;
  let result: { code: number; output: string };
  let rows: ResultRow[];
  let datasetCounts: Record<string, number>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pd-bench-run-'));
    result = await runBench(['--scale', '10000', '--results-dir', join(work, 'results')], {
      BENCH_CACHE_DIR: join(work, 'cache'),
    });
    const files = readdirSync(join(work, 'results'));
    const file = JSON.parse(readFileSync(join(work, 'results', files[0]!), 'utf8')) as ResultFile;
    const run = file.runs[0]!;
    expect({ db: run.db, scale: run.scale }).toEqual({ db: 'sqlite', scale: 10000 });
    rows = run.rows;
    datasetCounts = run.dataset.counts;
  }, RUN_MS);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('exits 0 and prints the table', () => {
    const header = '| scenario | Privacy Desk | baseline, same run | ratio | goal | met |';
    // On a failure the output's end is shown, which says why.
    expect({ code: result.code, table: result.output.includes(header) }).toEqual(
      result.code === 0 && result.output.includes(header)
        ? { code: 0, table: true }
        : { code: 0, table: true, output: result.output.slice(-5000) },
    );
  });

  it('ran every scenario: none is failed, none is "not yet"', () => {
    const ids = ['list', 'deep-page', 'intake', 'claim', 'scrub', 'export', 'console'];
    expect([...new Set(rows.map((r) => r.id))]).toEqual(ids);
    expect(rows.filter((r) => r.status !== 'ran')).toEqual([]);
  });

  it('generated the data set at the scale asked for', () => {
    expect(datasetCounts).toMatchObject({
      subjects: 10_000,
      suppressions: 10_000,
      disclosures: 10_000,
      // Half the scale, plus the claim queue (a tenth of the scale).
      privacy_requests: 6_000,
    });
  });

  it('answered every load request of the lists and deep pages with 2xx', () => {
    const loads = rows.filter((r) => r.id === 'list' || r.id === 'deep-page');
    expect(loads).toHaveLength(4);
    for (const row of loads) {
      const failures = Object.entries(row.counts).filter(
        ([key, n]) => /Non2xx|Errors/.test(key) && n !== 0,
      );
      expect({ scenario: row.scenario, failures }).toEqual({
        scenario: row.scenario,
        failures: [],
      });
      expect(row.counts.pd2xx).toBeGreaterThan(0);
      expect(row.counts.baseline2xx).toBeGreaterThan(0);
    }
  });

  it('measured the floor beside each list: the signed-in answer and the bare one, all 2xx', () => {
    const lists = rows.filter((r) => r.id === 'list');
    for (const row of lists) {
      expect(row.counts.floor2xx).toBeGreaterThan(0);
      expect(row.counts.bare2xx).toBeGreaterThan(0);
      for (const key of ['pdCpuMs', 'floorSignedInCpuMs', 'ceilingRatio']) {
        expect({ key, figure: row.metrics[key]! > 0 && Number.isFinite(row.metrics[key]) }).toEqual(
          { key, figure: true },
        );
      }
      expect(row.notes.some((n) => n.startsWith('ceiling: '))).toBe(true);
    }
  });

  it('stored every intake request that was acknowledged, on both sides', () => {
    const intake = rows.find((r) => r.id === 'intake')!;
    expect(intake.counts.acknowledged).toBeGreaterThan(0);
    expect(intake.counts).toMatchObject({
      stored: intake.counts.acknowledged,
      missing: 0,
      non2xx: 0,
      errors: 0,
      baselineMissing: 0,
    });
  });

  it('drained the claim queue with no double claim, each request held by the caller told', () => {
    const claim = rows.find((r) => r.id === 'claim')!;
    expect(claim.counts).toEqual(
      expect.objectContaining({
        queued: 1_000,
        claims: 1_000,
        claimedInDb: 1_000,
        doubleClaims: 0,
        wrongHolder: 0,
        leftInQueue: 0,
        failures: 0,
        floorRequests: 1_000,
        floorFailures: 0,
        baselineClaims: 1_000,
        baselineDoubleClaims: 0,
      }),
    );
  });

  it('scrubbed and exported every row: the counts agree with the data set and the baselines', () => {
    const scrub = rows.find((r) => r.id === 'scrub')!;
    expect(scrub.counts).toEqual(
      expect.objectContaining({
        rowsIn: 10_000,
        suppressedExpected: 1_000,
        suppressedFound: 1_000,
        baselineSuppressed: 1_000,
      }),
    );
    const exported = rows.find((r) => r.id === 'export')!;
    expect(exported.counts).toEqual(
      expect.objectContaining({
        rows: datasetCounts.disclosures,
        rowsExpected: datasetCounts.disclosures,
        baselineRows: datasetCounts.disclosures,
      }),
    );
  });

  it('loaded the console and saw the first row of the requests list in every run', () => {
    expect(rows.find((r) => r.id === 'console')!.counts.runs).toBeGreaterThanOrEqual(1);
  });
});
