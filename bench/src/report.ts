import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions, DatasetInfo, ScenarioResult, ScenarioRow } from './types.js';

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
}

function ratioText(row: ScenarioRow): string {
  return row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`;
}

function metText(row: ScenarioRow): string {
  if (row.status === 'not yet') return 'not yet';
  if (row.status === 'failed') return 'FAILED';
  return row.met === null ? '—' : row.met ? 'met' : 'NOT MET';
}

/** The table as Markdown (the README shows the last one measured). */
export function markdownTable(rows: ScenarioRow[]): string {
  const lines = [
    '| scenario | Privacy Desk | baseline, same run | ratio | goal | met |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${[r.scenario, r.privacyDesk, r.baseline, ratioText(r), r.goal, metText(r)]
          .map((cell) => cell.replace(/\|/g, '\\|'))
          .join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}

export interface RunRecord {
  at: string;
  db: string;
  scale: number;
  machine: MachineInfo;
  dataset: Pick<DatasetInfo, 'counts' | 'version'>;
  rows: ScenarioResult[];
}

/** Appends the run to bench/results/<date>.json (one file per day, a list of runs). */
export function saveResults(options: BenchOptions, record: RunRecord): string {
  mkdirSync(options.resultsDir, { recursive: true });
  const file = join(options.resultsDir, `${record.at.slice(0, 10)}.json`);
  const runs: RunRecord[] = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { runs: RunRecord[] }).runs
    : [];
  runs.push(record);
  writeFileSync(file, JSON.stringify({ runs }, null, 2) + '\n');
  return file;
}
