import { fileURLToPath } from 'node:url';

/** The repository's root (bench/dist/harness → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SERVER_MAIN = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));
export const BASELINE_MAIN = fileURLToPath(new URL('../baseline/server.js', import.meta.url));
