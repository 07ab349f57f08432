// Whether the built output (server/dist, shared/dist, admin-ui/dist, bench/dist) is older than its sources.
// Plain JavaScript so that Jest's globalSetup can load it without a transform.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What each build reads and writes, relative to the repository root. Unit specs are left out:
 * the builds do not compile them, so editing a spec never makes a build stale.
 */
export const BUILD_TARGETS = [
  { output: 'shared/dist', sources: ['shared/src'] },
  { output: 'server/dist', sources: ['server/src'] },
  {
    output: 'admin-ui/dist',
    sources: ['admin-ui/src', 'admin-ui/index.html', 'admin-ui/vite.config.ts'],
  },
  { output: 'bench/dist', sources: ['bench/src'] },
];

const isSpec = (file) => /\.spec\.tsx?$/.test(file);

/**
 * The first stale target, as a sentence, or undefined when every output is newer than its
 * sources. A target is stale when its output holds no file, or when its newest source file is
 * newer than its newest output file (each build rewrites its whole output).
 *
 * @param {{ output: string; outputFiles: { path: string; mtimeMs: number }[];
 *   sourceFiles: { path: string; mtimeMs: number }[] }[]} targets
 * @returns {string | undefined}
 */
export function staleBuildMessage(targets) {
  for (const target of targets) {
    if (target.outputFiles.length === 0) {
      return `${target.output} is missing; run \`npm run build\` first`;
    }
    const newest = (files) =>
      files.reduce((latest, file) => (file.mtimeMs > latest.mtimeMs ? file : latest));
    const built = newest(target.outputFiles);
    const changed = target.sourceFiles.filter(
      (file) => !isSpec(file.path) && file.mtimeMs > built.mtimeMs,
    );
    if (changed.length > 0) {
      const source = newest(changed).path;
      return `${target.output} is older than ${source}; run \`npm run build\` first`;
    }
  }
  return undefined;
}

/** Every file under `entry` (a file or a folder) with its modification time. */
function filesUnder(root, entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  const stat = statSync(full);
  if (!stat.isDirectory()) return [{ path: entry, mtimeMs: stat.mtimeMs }];
  return readdirSync(full).flatMap((name) => filesUnder(root, path.join(entry, name)));
}

/** Reads the modification times of BUILD_TARGETS from the repository at `root`. */
export function readBuildTargets(root) {
  return BUILD_TARGETS.map((target) => ({
    output: target.output,
    outputFiles: filesUnder(root, target.output),
    sourceFiles: target.sources.flatMap((source) => filesUnder(root, source)),
  }));
}
