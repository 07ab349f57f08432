/**
 * Checks a generated data set the way a person would see it: the real server on a working
 * copy, signed in as the staff and the manager account, reading each list and a request page.
 *
 *   node bench/dist/dataset/check.js [--db sqlite|postgres] [--scale N]
 */
import { parseArgs } from '../args.js';
import { startPrivacyDesk } from '../harness/privacy-desk-server.js';
import { signIn } from '../harness/session.js';
import { ensureDataset } from './index.js';

const log = (message: string) => process.stderr.write(`[check] ${message}\n`);

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dataset = await ensureDataset(options, log);
  const copy = await dataset.workingCopy();
  const server = await startPrivacyDesk(copy.url);
  let failures = 0;
  try {
    for (const account of [dataset.info.users.staff, dataset.info.users.manager]) {
      const session = await signIn(server.baseUrl, account);
      const get = async (path: string) => {
        const started = performance.now();
        const res = await fetch(server.baseUrl + path, { headers: session.headers });
        const body = (await res.json()) as unknown;
        const ms = performance.now() - started;
        const rows = Array.isArray(body) ? body.length : body ? 1 : 0;
        const ok = res.status === 200 && rows > 0;
        if (!ok) failures += 1;
        log(
          `${account.email} GET ${path}: ${res.status}, ${rows} row(s), total ${res.headers.get('content-range') ?? '-'}, ${ms.toFixed(0)} ms${ok ? '' : `  FAILED ${JSON.stringify(body).slice(0, 300)}`}`,
        );
        return body;
      };
      const requests = (await get('/api/requests')) as { id: string }[];
      await get('/api/disclosures');
      await get('/api/subjects');
      await get('/api/suppressions');
      if (requests[0]) {
        await get(`/api/requests/${requests[0].id}`);
        const timeline = await get(`/api/requests/${requests[0].id}/timeline`);
        log(`  timeline: ${JSON.stringify(timeline).slice(0, 400)}`);
      }
      await get(`/api/requests?filter=${encodeURIComponent(JSON.stringify({ status: 'new' }))}`);
      // A manager assigns work and does not claim it: the claim is the staff account's.
      if (account !== dataset.info.users.staff) continue;
      const claim = await fetch(`${server.baseUrl}/api/requests/claim-next`, {
        method: 'POST',
        headers: session.writeHeaders,
        body: '{}',
      });
      const claimed = (await claim.json()) as { reference?: string; status?: string };
      if (claim.status !== 200 && claim.status !== 201) failures += 1;
      log(
        `${account.email} POST claim-next: ${claim.status} ${claimed.reference} ${claimed.status}`,
      );
    }
  } finally {
    await server.stop();
    await copy.drop();
  }
  log(failures === 0 ? 'all reads answered 200 with rows' : `${failures} read(s) failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
