/**
 * `npm run bench`: every scenario against Privacy Desk and its baseline, one right after the
 * other, on a seeded data set (see bench/README.md).
 */
import { parseArgs } from './args.js';
import { ensureDataset } from './dataset/index.js';
import { machineInfo, markdownTable, saveResults } from './report.js';
import { SCENARIOS } from './scenarios/index.js';
import type { BenchContext, ScenarioResult, WorkingDatabase } from './types.js';

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  log(`${options.db}, scale ${options.scale.toLocaleString('en-US')}, ${machine.cores} cores`);
  const dataset = await ensureDataset(options, log);
  const copies: WorkingDatabase[] = [];
  let shared: Promise<WorkingDatabase> | undefined;
  const fresh = async () => {
    const copy = await dataset.workingCopy();
    copies.push(copy);
    return copy;
  };
  const context: BenchContext = {
    options,
    dataset: dataset.info,
    sharedDatabase: () => (shared ??= fresh()),
    freshDatabase: fresh,
    log,
  };
  const rows: ScenarioResult[] = [];
  try {
    for (const scenario of SCENARIOS) {
      if (options.only.length > 0 && !options.only.includes(scenario.id)) continue;
      log(`scenario ${scenario.id}`);
      try {
        rows.push(...(await scenario.run(context)).map((row) => ({ ...row, id: scenario.id })));
      } catch (error) {
        log(`scenario ${scenario.id} failed: ${error instanceof Error ? error.stack : error}`);
        rows.push({
          id: scenario.id,
          scenario: scenario.title,
          status: 'failed',
          privacyDesk: '—',
          baseline: '—',
          ratio: null,
          goal: '—',
          met: false,
          metrics: {},
          counts: {},
          notes: [error instanceof Error ? error.message : String(error)],
        });
      }
    }
  } finally {
    for (const copy of copies) await copy.drop().catch(() => undefined);
  }
  const at = new Date().toISOString();
  const file = saveResults(options, {
    at,
    db: options.db,
    scale: options.scale,
    machine,
    dataset: { counts: dataset.info.counts, version: dataset.info.version },
    rows,
  });
  console.log(
    `\nPrivacy Desk benchmarks, ${at.slice(0, 10)}: ${options.db}, scale ` +
      `${options.scale.toLocaleString('en-US')}, ${machine.cores} cores (${machine.cpu}), ` +
      `${machine.memoryGb} GB, Node ${machine.node}\n`,
  );
  console.log(markdownTable(rows));
  for (const row of rows) for (const note of row.notes) console.log(`- ${row.scenario}: ${note}`);
  console.log(`\nResults: ${file}`);
  process.exitCode = rows.some((r) => r.status === 'failed') ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
