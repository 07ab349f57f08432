// Jest globalSetup: a run against a stale build would test yesterday's server, so it stops here.
// `npm test` builds first; a direct `npm run test:jest` or `npx jest` does not.
import { fileURLToPath } from 'node:url';
import { readBuildTargets, staleBuildMessage } from './stale-build.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Throws the stale-build message when a build under `root` is older than its sources. */
export function checkBuildAt(root) {
  const message = staleBuildMessage(readBuildTargets(root));
  if (message) throw new Error(message);
}

export default function checkBuild() {
  checkBuildAt(REPO_ROOT);
}
