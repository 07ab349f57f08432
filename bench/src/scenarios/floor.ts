import { mainThreadCpuSeconds } from '../harness/cpu.js';
import { formatMs, formatRate, runLoad } from '../harness/load.js';
import type { LoadOptions, LoadResult } from '../harness/load.js';

/**
 * The cheapest answer each side gives, measured in the same run as a scenario: for Privacy Desk
 * its cheapest signed-in route, `GET /api/auth/me` (the session look-up every signed-in request
 * pays, and a small JSON answer); for the baseline its bare `node:http` answer. Each is measured
 * as the main-thread CPU time the server spent per answer, which the load generator's own speed
 * does not change. A scenario's figure is then read beside what no implementation of its route
 * could beat on this stack and this machine.
 */
export interface Floor {
  signedIn: LoadResult;
  bare: LoadResult;
  /** Main-thread CPU per answer, ms. */
  signedInCpuMs: number;
  bareCpuMs: number;
}

/** A load, and the main-thread CPU the server `pid` spent per answer of its measured run. */
export async function loadWithCpu(
  pid: number,
  options: LoadOptions,
): Promise<{ load: LoadResult; cpuMs: number }> {
  let start = 0;
  const load = await runLoad({
    ...options,
    onMeasuredStart: () => {
      start = mainThreadCpuSeconds(pid);
    },
  });
  const used = mainThreadCpuSeconds(pid) - start;
  return { load, cpuMs: load.measured > 0 ? (used * 1000) / load.measured : 0 };
}

/** Load with the same connections and duration as the scenario's own runs. */
export async function measureFloor(options: {
  pd: { pid: number; meUrl: string; headers: Record<string, string> };
  baseline: { pid: number; bareUrl: string };
  connections: number;
  duration: number;
}): Promise<Floor> {
  const { connections, duration } = options;
  const signedIn = await loadWithCpu(options.pd.pid, {
    url: options.pd.meUrl,
    headers: options.pd.headers,
    connections,
    duration,
  });
  const bare = await loadWithCpu(options.baseline.pid, {
    url: options.baseline.bareUrl,
    connections,
    duration,
  });
  return {
    signedIn: signedIn.load,
    bare: bare.load,
    signedInCpuMs: signedIn.cpuMs,
    bareCpuMs: bare.cpuMs,
  };
}

export interface Ceiling {
  /** The highest Privacy Desk / baseline ratio the route could reach. */
  ratio: number;
  /** The lowest mean latency it could have at this many connections (Little's law), ms. */
  meanMs: number;
}

/**
 * A route's ceiling if its own code cost nothing: the baseline's work (its time per answer less
 * its bare answer) on top of the signed-in floor, on one JavaScript thread that answers one
 * request at a time, so that at `connections` callers each waits for the others.
 */
export function ceilingOf(
  baselineRps: number,
  floor: { signedInCpuMs: number; bareCpuMs: number },
  connections: number,
): Ceiling {
  const baselineMs = 1000 / baselineRps;
  const leastMs = Math.max(0, baselineMs - floor.bareCpuMs) + floor.signedInCpuMs;
  return { ratio: baselineMs / leastMs, meanMs: connections * leastMs };
}

function cpuMs(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

/** The note a list row carries about its ceiling. */
export function listCeilingNote(
  route: { baseline: LoadResult; pdCpuMs: number },
  floor: Floor,
  connections: number,
): string {
  const ceiling = ceilingOf(route.baseline.rps, floor, connections);
  const spread = route.baseline.mean > 0 ? route.baseline.p99 / route.baseline.mean : 0;
  return (
    `ceiling: Privacy Desk's main thread spent ${cpuMs(route.pdCpuMs)} of CPU per page; its cheapest signed-in answer (GET /api/auth/me, ${formatRate(floor.signedIn.rps)}) ${cpuMs(floor.signedInCpuMs)}, the baseline's bare answer ${cpuMs(floor.bareCpuMs)}, a baseline page ${cpuMs(1000 / route.baseline.rps)} of time. ` +
    `With the baseline's page on top of the signed-in answer, Privacy Desk could reach at most ${ceiling.ratio.toFixed(2)}× the baseline, ` +
    `and at ${connections} connections no mean latency below ${formatMs(ceiling.meanMs)} (the baseline's own p99 was ${spread.toFixed(1)}× its mean)`
  );
}
