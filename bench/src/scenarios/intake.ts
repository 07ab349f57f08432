import { ACCESS_FORMATS } from '@privacy-desk/shared';
import { openBaselineDb } from '../baseline/db.js';
import { startBaseline } from '../harness/baseline-server.js';
import type { ChildServer } from '../harness/child-server.js';
import { formatRate, runLoad } from '../harness/load.js';
import type { LoadResult } from '../harness/load.js';
import { startPrivacyDesk } from '../harness/privacy-desk-server.js';
import type { BenchContext, Scenario, ScenarioRow } from '../types.js';
import { sqlFor } from './intake.baseline.js';

const GOAL_RATIO = 0.5;

/**
 * `BENCH_CPU_PROF=<dir>`: the Privacy Desk server of the write scenarios runs with `--cpu-prof`
 * and writes its profile there when it stops.
 */
export function profileArgs(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
}

/** A unique, valid intake body per call: an access request from a new address. */
export function intakeBodies(tag: string): () => string {
  let n = 0;
  return () => {
    n += 1;
    return JSON.stringify({
      kind: 'access',
      requesterName: `Bench Intake ${n}`,
      requesterEmail: `bench-intake-${tag}-${n}@example.com`,
      payload: { format: ACCESS_FORMATS[n % ACCESS_FORMATS.length] },
    });
  };
}

export interface StoredCheck {
  acknowledged: number;
  stored: number;
  missing: number;
  /** 2xx answers without an id and reference (they count as missing too). */
  unreadable: number;
}

/**
 * Every 2xx answer's request, looked up in the database by the id it returned: stored means a
 * row with that id and that reference.
 */
export async function checkStored(databaseUrl: string, bodies: string[]): Promise<StoredCheck> {
  const answers: { id: string; reference: string }[] = [];
  let unreadable = 0;
  for (const body of bodies) {
    try {
      const parsed = JSON.parse(body) as { id?: unknown; reference?: unknown };
      if (typeof parsed.id === 'string' && typeof parsed.reference === 'string')
        answers.push({ id: parsed.id, reference: parsed.reference });
      else unreadable += 1;
    } catch {
      unreadable += 1;
    }
  }
  const db = openBaselineDb(databaseUrl);
  let stored = 0;
  try {
    for (let i = 0; i < answers.length; i += 500) {
      const chunk = answers.slice(i, i + 500);
      const rows = await db.query<{ id: string; reference: string }>(
        sqlFor(
          db,
          `SELECT id, reference FROM privacy_requests WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        ),
        chunk.map((a) => a.id),
      );
      const found = new Map(rows.map((r) => [r.id, r.reference]));
      stored += chunk.filter((a) => found.get(a.id) === a.reference).length;
    }
  } finally {
    await db.close();
  }
  return {
    acknowledged: bodies.length,
    stored,
    missing: bodies.length - stored,
    unreadable,
  };
}

async function underLoad(
  server: ChildServer,
  path: string,
  headers: Record<string, string>,
  tag: string,
  context: BenchContext,
): Promise<LoadResult> {
  try {
    return await runLoad(
      {
        url: server.baseUrl + path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: intakeBodies(tag),
        connections: context.options.connections,
        duration: context.options.duration,
      },
      true,
    );
  } finally {
    await server.stop();
  }
}

export const intakeScenario: Scenario = {
  id: 'intake',
  title: 'Intake: POST /api/intake/requests',
  async run(context: BenchContext): Promise<ScenarioRow[]> {
    const { options, dataset, log } = context;
    const tag = Date.now().toString(36);

    const deskDb = await context.freshDatabase();
    log(`intake: Privacy Desk, ${options.connections} connections for ${options.duration} s`);
    const desk = await underLoad(
      await startPrivacyDesk(deskDb.url, {}, profileArgs()),
      '/api/intake/requests',
      { Authorization: `Bearer ${dataset.apiKey}` },
      `${tag}-pd`,
      context,
    );
    const deskCheck = await checkStored(deskDb.url, desk.bodies);

    const baseDb = await context.freshDatabase();
    log('intake: baseline (node:http route, same autocannon load)');
    const base = await underLoad(
      await startBaseline(baseDb.url),
      '/intake/requests',
      {},
      `${tag}-bl`,
      context,
    );
    const baseCheck = await checkStored(baseDb.url, base.bodies);

    const ratio = base.rps > 0 ? desk.rps / base.rps : 0;
    const notes = [
      `baseline: the node:http baseline server's /intake/requests route (reference counter, subject and duplicate lookups, request, 2 timeline events, 2 audit rows, outbox mail in one transaction), under the same autocannon load (${options.connections} connections, ${options.duration} s)`,
      `Privacy Desk: ${desk.ok} answered 2xx, ${desk.non2xx} other, ${desk.errors} errors, p99 ${desk.p99} ms; ${deskCheck.stored} of ${deskCheck.acknowledged} acknowledged requests found in the database`,
      `baseline: ${base.ok} answered 2xx, ${base.non2xx} other, ${base.errors} errors, p99 ${base.p99} ms; ${baseCheck.stored} of ${baseCheck.acknowledged} found`,
    ];
    return [
      {
        scenario: 'Intake: POST /api/intake/requests',
        status: 'ran',
        privacyDesk: formatRate(desk.rps),
        baseline: formatRate(base.rps),
        ratio,
        goal: `≥ ${GOAL_RATIO}× baseline req/s; every 2xx stored`,
        met:
          ratio >= GOAL_RATIO &&
          deskCheck.missing === 0 &&
          deskCheck.acknowledged > 0 &&
          desk.non2xx === 0,
        metrics: {
          rps: desk.rps,
          p50Ms: desk.p50,
          p99Ms: desk.p99,
          baselineRps: base.rps,
          baselineP99Ms: base.p99,
        },
        counts: {
          acknowledged: deskCheck.acknowledged,
          stored: deskCheck.stored,
          missing: deskCheck.missing,
          non2xx: desk.non2xx,
          errors: desk.errors,
          baselineAcknowledged: baseCheck.acknowledged,
          baselineMissing: baseCheck.missing,
        },
        notes,
      },
    ];
  },
};
