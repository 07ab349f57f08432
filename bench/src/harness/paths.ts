import { fileURLToPath } from 'node:url';

/** The repository's root (bench/dist/harness → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SERVER_MAIN = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));
export const BASELINE_MAIN = fileURLToPath(new URL('../baseline/server.js', import.meta.url));

/**
 * The key the data set's audit entries are signed with and the benchmarked server runs with, so
 * the server's start-up check of the audit chain finds it intact. A benchmark key, never a
 * deployment's.
 */
export const BENCH_SECRET_KEY = 'sZ4k6piK0jmzocL0JOQn0zqLgV3O5ERTxjujeUzZki0KC3XEkgRw3ycR4gSiSnme';
