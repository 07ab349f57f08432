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

  it('exits 0 and prints the table with every scenario', () => {
    expect({ code: result.code, tail: result.output.slice(-3000) }).toEqual({
      code: 0,
      tail: expect.stringContaining('| scenario | Privacy Desk | baseline, same run |'),
    });
  });

  it('ran every scenario: none is failed, none is "not yet"', () => {
    const ids = ['list', 'deep-page', 'intake', 'claim', 'scrub', 'export', 'console'];
    expect([...new Set(rows.map((r) => r.id))]).toEqual(ids);
    expect(rows.filter((r) => r.status !== 'ran')).toEqual([]);
  });
});
