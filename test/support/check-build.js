// Jest globalSetup: a run against a stale build would test yesterday's server, so it stops here.
// `npm test` builds first; a direct `npm run test:jest` or `npx jest` does not.
import { fileURLToPath } from 'node:url';
import { readBuildTargets, staleBuildMessage } from './stale-build.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export default function checkBuild() {
  const message = staleBuildMessage(readBuildTargets(REPO_ROOT));
  if (message) throw new Error(message);
}
