import { runLoad } from '../harness/load.js';
import { formatMs } from '../harness/load.js';
import type { LoadResult } from '../harness/load.js';
import type { BenchContext, Scenario, ScenarioRow } from '../types.js';
import { LIST_TARGETS } from './list.baseline.js';
import type { ListResource } from './list.baseline.js';
import {
  LIST_RESOURCES,
  apiUrl,
  baselineUrl,
  checkPage,
  loadCounts,
  loadMetrics,
  loadProblems,
  startListServers,
} from './list.js';
import type { ListServers } from './list.js';

/** The header a list page names its continuation in (keyset cursor), when the server sends one. */
const NEXT_CURSOR_HEADER = 'x-next-cursor';

/** The deep page: 0.8 × the rows the filter matches (400,000 of 500,000 at full scale). */
export function deepOffset(matching: number): number {
  return Math.max(0, Math.min(Math.floor(matching * 0.8), matching - 25));
}

async function load(context: BenchContext, url: string, headers: Record<string, string> = {}) {
  return runLoad({
    url,
    headers,
    connections: context.options.connections,
    duration: context.options.duration,
  });
}

async function measureDeep(
  context: BenchContext,
  servers: ListServers,
  resource: ListResource,
): Promise<ScenarioRow> {
  const offset = deepOffset(servers.matching[resource]);
  const alias = LIST_TARGETS[resource].alias;
  const sortKey = `${alias}_${LIST_TARGETS[resource].sortColumn}`;
  const notes: string[] = [`offset ${offset.toLocaleString('en-US')}`];
  const firstUrl = apiUrl(servers.pd.baseUrl, resource, 0);
  await checkPage(firstUrl, servers.headers, resource, 0);

  // How a client reaches the deep page: the page before it, then its cursor when the server
  // offers one (as the console does moving to the next page); else the offset alone.
  const before = await fetch(apiUrl(servers.pd.baseUrl, resource, offset - 25), {
    headers: servers.headers,
  });
  await before.arrayBuffer();
  const cursor = before.headers.get(NEXT_CURSOR_HEADER);
  const deepUrl = apiUrl(servers.pd.baseUrl, resource, offset, cursor ? { cursor } : {});
  const pdDeep = await checkPage(deepUrl, servers.headers, resource, offset);

  const blBefore = await checkPage(
    baselineUrl(servers.baseline.baseUrl, `deep-page/${resource}`, offset - 25),
    {},
    resource,
    offset - 25,
  );
  const last = blBefore.rows.at(-1)!;
  const blDeepUrl = baselineUrl(
    servers.baseline.baseUrl,
    `deep-page/${resource}`,
    offset,
    cursor ? { afterValue: String(last[sortKey]), afterId: String(last[`${alias}_id`]) } : {},
  );
  const blDeep = await checkPage(blDeepUrl, {}, resource, offset);
  if (pdDeep.rows[0]?.id !== blDeep.rows[0]?.[`${alias}_id`]) {
    throw new Error(`${resource}: the deep page's first row differs from the baseline's`);
  }
  notes.push(
    cursor
      ? `reached with the server's cursor (after the row before it), as the console's next page does`
      : `reached by offset alone (the server sends no cursor)`,
  );

  // Deep offset without a cursor, for the record (a person typing a page number).
  context.log(`deep-page ${resource}: Privacy Desk first page, ${context.options.duration} s`);
  const first = await load(context, firstUrl, servers.headers);
  context.log(`deep-page ${resource}: Privacy Desk deep page, ${context.options.duration} s`);
  const pd = await load(context, deepUrl, servers.headers);
  context.log(`deep-page ${resource}: baseline deep page, ${context.options.duration} s`);
  const baseline = await load(context, blDeepUrl);
  let byOffset: LoadResult | undefined;
  if (cursor) {
    context.log(
      `deep-page ${resource}: Privacy Desk by offset only, ${context.options.duration} s`,
    );
    byOffset = await load(context, apiUrl(servers.pd.baseUrl, resource, offset), servers.headers);
    notes.push(
      `by offset only (no cursor): ${Math.round(byOffset.rps)} req/s, p99 ${formatMs(byOffset.p99)}`,
    );
  }
  const problems = [
    ...loadProblems('Privacy Desk first page', first),
    ...loadProblems('Privacy Desk', pd),
    ...loadProblems('baseline', baseline),
    ...(byOffset ? loadProblems('Privacy Desk by offset', byOffset) : []),
  ];
  const deepOverFirst = first.p99 > 0 ? pd.p99 / first.p99 : Infinity;
  return {
    scenario: `Deep page: GET /api/${resource} at offset ${offset.toLocaleString('en-US')}`,
    status: problems.length > 0 ? 'failed' : 'ran',
    privacyDesk: `p99 ${formatMs(pd.p99)} (first page ${formatMs(first.p99)}, ${deepOverFirst.toFixed(2)}×)`,
    baseline: `p99 ${formatMs(baseline.p99)}`,
    ratio: baseline.p99 > 0 ? pd.p99 / baseline.p99 : null,
    goal: 'p99 ≤ 2× the first page p99',
    met: problems.length === 0 && deepOverFirst <= 2,
    metrics: {
      offset,
      deepOverFirst,
      ...loadMetrics('pdFirst', first),
      ...loadMetrics('pd', pd),
      ...loadMetrics('baseline', baseline),
      ...(byOffset ? loadMetrics('pdByOffset', byOffset) : {}),
    },
    counts: {
      ...loadCounts(pd, baseline),
      pdFirst2xx: first.ok,
      pdFirstNon2xx: first.non2xx,
      ...(byOffset ? { pdByOffset2xx: byOffset.ok, pdByOffsetNon2xx: byOffset.non2xx } : {}),
    },
    notes: [...notes, ...problems],
  };
}

export const deepPageScenario: Scenario = {
  id: 'deep-page',
  title: 'Deep page',
  run: async (context) => {
    const servers = await startListServers(context);
    try {
      const rows: ScenarioRow[] = [];
      for (const resource of LIST_RESOURCES)
        rows.push(await measureDeep(context, servers, resource));
      return rows;
    } finally {
      await servers.stop();
    }
  },
};
