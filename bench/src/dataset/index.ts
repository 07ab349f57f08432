import type { BenchOptions, DatasetInfo, WorkingDatabase } from '../types.js';

export interface Dataset {
  info: DatasetInfo;
  /** A fresh copy of the cached data set that a run may change. */
  workingCopy(): Promise<WorkingDatabase>;
}

/**
 * The deterministic, seeded data set for `options.db` at `options.scale`: generated on first
 * use into the cache, reused after.
 */
export async function ensureDataset(
  options: BenchOptions,
  log: (message: string) => void,
): Promise<Dataset> {
  log(`no data set generator yet (${options.db}, scale ${options.scale})`);
  throw new Error('The data set generator has not been written yet');
}
