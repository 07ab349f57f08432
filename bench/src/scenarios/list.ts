import { openBaselineDb } from '../baseline/db.js';
import { startBaseline } from '../harness/baseline-server.js';
import type { ChildServer } from '../harness/child-server.js';
import { formatMs, formatRate, runLoad } from '../harness/load.js';
import type { LoadResult } from '../harness/load.js';
import { startPrivacyDesk } from '../harness/privacy-desk-server.js';
import { signIn } from '../harness/session.js';
import type { BenchContext, Scenario, ScenarioRow } from '../types.js';
import { ceilingOf, listCeilingNote, loadWithCpu, measureFloor } from './floor.js';
import { LIST_TARGETS } from './list.baseline.js';
import type { ListResource } from './list.baseline.js';

export const LIST_RESOURCES: ListResource[] = ['requests', 'disclosures'];

/**
 * Both servers on the shared working copy (BENCH_PD_NODE_ARGS, e.g. `--cpu-prof`, goes to the
 * Privacy Desk process for profiling), Privacy Desk signed in as a real staff member. */
export interface ListServers {
  pd: ChildServer;
  baseline: ChildServer;
  headers: Record<string, string>;
  /** Rows each list's filter matches (for scale-relative deep pages). */
  matching: Record<ListResource, number>;
  stop(): Promise<void>;
}

export async function startListServers(context: BenchContext): Promise<ListServers> {
  const database = await context.sharedDatabase();
  const db = openBaselineDb(database.url);
  const matching = {} as Record<ListResource, number>;
  try {
    for (const resource of LIST_RESOURCES) {
      const t = LIST_TARGETS[resource];
      const [row] = await db.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM ${t.table} WHERE ${t.filterColumn} = ${db.kind === 'sqlite' ? '?' : '$1'}`,
        [t.filterValue],
      );
      matching[resource] = Number(row!.n);
    }
  } finally {
    await db.close();
  }
  const pd = await startPrivacyDesk(
    database.url,
    {},
    (process.env.BENCH_PD_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  let baseline: ChildServer | undefined;
  try {
    baseline = await startBaseline(database.url);
    const session = await signIn(pd.baseUrl, context.dataset.users.staff);
    const servers: ListServers = {
      pd,
      baseline,
      headers: session.headers,
      matching,
      stop: async () => {
        await pd.stop();
        await baseline!.stop();
      },
    };
    return servers;
  } catch (error) {
    await pd.stop();
    await baseline?.stop();
    throw error;
  }
}

/** The API URL of one page of a list, as the console asks for it. */
export function apiUrl(
  baseUrl: string,
  resource: ListResource,
  offset: number,
  extra: Record<string, string> = {},
): string {
  const t = LIST_TARGETS[resource];
  const params = new URLSearchParams({
    filter: JSON.stringify(t.apiFilter),
    sort: JSON.stringify(t.apiSort),
    range: JSON.stringify([offset, offset + 24]),
    ...extra,
  });
  return `${baseUrl}/api/${resource}?${params}`;
}

export function baselineUrl(
  baseUrl: string,
  route: string,
  offset: number,
  extra: Record<string, string> = {},
): string {
  return `${baseUrl}/${route}?${new URLSearchParams({ offset: String(offset), ...extra })}`;
}

/**
 * One request before the load: it must answer 200 with 25 rows (or the rest of the list) and a
 * Content-Range for the asked offset; anything else fails the scenario loudly.
 */
export async function checkPage(
  url: string,
  headers: Record<string, string>,
  resource: ListResource,
  offset: number,
): Promise<{ total: number; rows: Record<string, unknown>[]; range: string }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 500)}`);
  const range = res.headers.get('content-range') ?? '';
  const match = new RegExp(`^${resource} (\\d+)-(\\d+)/(\\d+)$`).exec(range);
  if (!match) throw new Error(`${url}: Content-Range "${range}" is not ${resource} a-b/total`);
  const rows = JSON.parse(text) as Record<string, unknown>[];
  if (Number(match[1]) !== offset) throw new Error(`${url}: Content-Range ${range} for ${offset}`);
  if (rows.length !== 25) throw new Error(`${url}: ${rows.length} rows, not 25`);
  return { total: Number(match[3]), rows, range };
}

export function describeLoad(load: LoadResult): string {
  return `${formatRate(load.rps)}, p99 ${formatMs(load.p99)}`;
}

export function loadCounts(pd: LoadResult, baseline: LoadResult): Record<string, number> {
  return {
    pd2xx: pd.ok,
    pdNon2xx: pd.non2xx,
    pdErrors: pd.errors,
    baseline2xx: baseline.ok,
    baselineNon2xx: baseline.non2xx,
    baselineErrors: baseline.errors,
  };
}

/** A run with any non-2xx answer or connection error is a failure, never a figure. */
export function loadProblems(label: string, load: LoadResult): string[] {
  const problems: string[] = [];
  if (load.ok === 0) problems.push(`${label}: no 2xx answer`);
  if (load.non2xx > 0) problems.push(`${label}: ${load.non2xx} non-2xx answers`);
  if (load.errors > 0) problems.push(`${label}: ${load.errors} errors or timeouts`);
  return problems;
}

export function loadMetrics(prefix: string, load: LoadResult): Record<string, number> {
  return {
    [`${prefix}Rps`]: load.rps,
    [`${prefix}P50Ms`]: load.p50,
    [`${prefix}P99Ms`]: load.p99,
  };
}

const LIST_GOAL = '≥ 0.6× baseline req/s; p99 ≤ 25 ms';

async function measureList(
  context: BenchContext,
  servers: ListServers,
  resource: ListResource,
): Promise<{ row: ScenarioRow; baseline: LoadResult; pdCpuMs: number }> {
  const { options } = context;
  const pdUrl = apiUrl(servers.pd.baseUrl, resource, 0);
  const blUrl = baselineUrl(servers.baseline.baseUrl, `list/${resource}`, 0);
  const pdCheck = await checkPage(pdUrl, servers.headers, resource, 0);
  const blCheck = await checkPage(blUrl, {}, resource, 0);
  const notes: string[] = [
    `filter ${JSON.stringify(LIST_TARGETS[resource].apiFilter)}, sort ${JSON.stringify(LIST_TARGETS[resource].apiSort)}: ${servers.matching[resource].toLocaleString('en-US')} matching rows; Content-Range ${pdCheck.range} (baseline ${blCheck.range})`,
  ];
  if (pdCheck.rows[0]?.id !== blCheck.rows[0]?.[`${LIST_TARGETS[resource].alias}_id`]) {
    throw new Error(`${resource}: Privacy Desk and the baseline disagree on the first row`);
  }
  context.log(`list ${resource}: Privacy Desk, ${options.duration} s`);
  const { load: pd, cpuMs: pdCpuMs } = await loadWithCpu(servers.pd.pid, {
    url: pdUrl,
    headers: servers.headers,
    connections: options.connections,
    duration: options.duration,
  });
  context.log(`list ${resource}: baseline, ${options.duration} s`);
  const baseline = await runLoad({
    url: blUrl,
    connections: options.connections,
    duration: options.duration,
  });
  const problems = [...loadProblems('Privacy Desk', pd), ...loadProblems('baseline', baseline)];
  const ratio = baseline.rps > 0 ? pd.rps / baseline.rps : 0;
  const row: ScenarioRow = {
    scenario: `List: GET /api/${resource}`,
    status: problems.length > 0 ? 'failed' : 'ran',
    privacyDesk: describeLoad(pd),
    baseline: describeLoad(baseline),
    ratio,
    goal: LIST_GOAL,
    met: problems.length === 0 && ratio >= 0.6 && pd.p99 <= 25,
    metrics: {
      ...loadMetrics('pd', pd),
      ...loadMetrics('baseline', baseline),
      matchingRows: servers.matching[resource],
      total: pdCheck.total,
    },
    counts: loadCounts(pd, baseline),
    notes: [...notes, ...problems],
  };
  return { row, baseline, pdCpuMs };
}

export const listScenario: Scenario = {
  id: 'list',
  title: 'List',
  run: async (context) => {
    const servers = await startListServers(context);
    try {
      const measured: { row: ScenarioRow; baseline: LoadResult; pdCpuMs: number }[] = [];
      for (const resource of LIST_RESOURCES)
        measured.push(await measureList(context, servers, resource));
      context.log(`list: the floor, ${context.options.duration} s each`);
      const floor = await measureFloor({
        pd: {
          pid: servers.pd.pid,
          meUrl: `${servers.pd.baseUrl}/api/auth/me`,
          headers: servers.headers,
        },
        baseline: { pid: servers.baseline.pid, bareUrl: `${servers.baseline.baseUrl}/health` },
        connections: context.options.connections,
        duration: context.options.duration,
      });
      const problems = [
        ...loadProblems('signed-in floor', floor.signedIn),
        ...loadProblems('bare floor', floor.bare),
      ];
      const { connections } = context.options;
      // On SQLite the SQL runs on the server's one JavaScript thread, which the ceiling assumes.
      const onOneThread = context.options.db === 'sqlite';
      return measured.map(({ row, baseline, pdCpuMs }) => ({
        ...row,
        status: problems.length > 0 ? 'failed' : row.status,
        met: row.met && problems.length === 0,
        metrics: {
          ...row.metrics,
          ...loadMetrics('floorSignedIn', floor.signedIn),
          ...loadMetrics('floorBare', floor.bare),
          pdCpuMs,
          floorSignedInCpuMs: floor.signedInCpuMs,
          floorBareCpuMs: floor.bareCpuMs,
          ...(onOneThread
            ? { ceilingRatio: ceilingOf(baseline.rps, floor, connections).ratio }
            : {}),
        },
        counts: {
          ...row.counts,
          floor2xx: floor.signedIn.ok,
          floorNon2xx: floor.signedIn.non2xx,
          floorErrors: floor.signedIn.errors,
          bare2xx: floor.bare.ok,
          bareNon2xx: floor.bare.non2xx,
          bareErrors: floor.bare.errors,
        },
        notes: [
          ...row.notes,
          onOneThread
            ? listCeilingNote({ baseline, pdCpuMs }, floor, connections)
            : `floor: Privacy Desk's main thread spent ${pdCpuMs.toFixed(2)} ms of CPU per page, ${floor.signedInCpuMs.toFixed(2)} ms per signed-in GET /api/auth/me; no ceiling is drawn on PostgreSQL, whose SQL runs in the database's processes beside the server's thread`,
          ...problems,
        ],
      }));
    } finally {
      await servers.stop();
    }
  },
};
