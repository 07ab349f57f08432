import { openBaselineDb } from '../baseline/db.js';
import type { BaselineDb } from '../baseline/db.js';
import { formatRate } from '../harness/load.js';
import { startPrivacyDesk } from '../harness/privacy-desk-server.js';
import { signIn } from '../harness/session.js';
import type { BenchContext, Scenario, ScenarioRow } from '../types.js';
import type { ChildServer } from '../harness/child-server.js';
import { mainThreadCpuSeconds } from '../harness/cpu.js';
import type { Session } from '../harness/session.js';
import { baselineDrain } from './claim.baseline.js';
import { ceilingOf } from './floor.js';
import { likeTheServer, sqlFor } from './intake.baseline.js';
import { profileArgs } from './intake.js';

const GOAL_RATIO = 0.5;
const CALLERS = 50;

async function queuedCount(db: BaselineDb): Promise<number> {
  const [row] = await db.query<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM privacy_requests WHERE status = 'new' AND assignee_id IS NULL",
  );
  return Number(row?.n ?? 0);
}

async function lastEventId(db: BaselineDb): Promise<number> {
  const [row] = await db.query<{ n: number | string | null }>(
    'SELECT MAX(id) AS n FROM request_events',
  );
  return Number(row?.n ?? 0);
}

export interface ClaimCheck {
  /** Requests with a `claimed` event written during the run. */
  claimedInDb: number;
  /** Extra claims: a second `claimed` event on one request, or one id handed to two callers. */
  doubleClaims: number;
  /** Answered claims whose request's assignee in the database is not the caller. */
  wrongHolder: number;
  /** Unassigned `new` requests left. */
  leftInQueue: number;
}

/** What the database says after the drain: each request claimed once, by whom it was told. */
async function checkClaims(
  db: BaselineDb,
  eventsAfter: number,
  answers: { id: string; holderId: string }[],
): Promise<ClaimCheck> {
  const perRequest = await db.query<{ request_id: string; n: number | string }>(
    sqlFor(
      db,
      `SELECT request_id, COUNT(*) AS n FROM request_events
        WHERE id > ? AND type = 'claimed' GROUP BY request_id`,
    ),
    [eventsAfter],
  );
  let doubleClaims = perRequest.reduce((sum, r) => sum + Math.max(0, Number(r.n) - 1), 0);
  const seen = new Set<string>();
  for (const a of answers) {
    if (seen.has(a.id)) doubleClaims += 1;
    seen.add(a.id);
  }
  let wrongHolder = 0;
  const ids = [...seen];
  const holderOf = new Map(answers.map((a) => [a.id, a.holderId]));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.query<{ id: string; assignee_id: string | null }>(
      sqlFor(
        db,
        `SELECT id, assignee_id FROM privacy_requests WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      ),
      chunk,
    );
    const assignee = new Map(rows.map((r) => [r.id, r.assignee_id]));
    wrongHolder += chunk.filter((id) => assignee.get(id) !== holderOf.get(id)).length;
  }
  return {
    claimedInDb: perRequest.length,
    doubleClaims,
    wrongHolder,
    leftInQueue: await queuedCount(db),
  };
}

interface SignedInFloor {
  requests: number;
  seconds: number;
  failures: number;
  /** The server's main-thread CPU per answer, ms. */
  cpuMs: number;
}

/** The callers, each asking the cheapest signed-in route in a loop until `total` were asked. */
async function signedInFloor(
  server: ChildServer,
  sessions: Session[],
  total: number,
): Promise<SignedInFloor> {
  let asked = 0;
  let failures = 0;
  const started = performance.now();
  const cpuBefore = mainThreadCpuSeconds(server.pid);
  await Promise.all(
    sessions.map(async (session) => {
      while (asked < total) {
        asked += 1;
        const res = await fetch(`${server.baseUrl}/api/auth/me`, { headers: session.headers });
        await res.text();
        if (!res.ok) failures += 1;
      }
    }),
  );
  const cpuMs = ((mainThreadCpuSeconds(server.pid) - cpuBefore) * 1000) / asked;
  return { requests: asked, seconds: (performance.now() - started) / 1000, failures, cpuMs };
}

export const claimScenario: Scenario = {
  id: 'claim',
  title: 'Claim: 50 concurrent claim-next',
  async run(context: BenchContext): Promise<ScenarioRow[]> {
    const { dataset, log } = context;
    const accounts = dataset.staff.slice(0, CALLERS);
    if (accounts.length < CALLERS)
      throw new Error(`The data set has ${accounts.length} staff accounts; claim needs ${CALLERS}`);

    // Privacy Desk: 50 signed-in staff members taking the next request until the queue is empty.
    const deskDb = await context.freshDatabase();
    const check = openBaselineDb(deskDb.url);
    let queued: number;
    let deskAnswers: { id: string; holderId: string }[] = [];
    let deskSeconds: number;
    let floor: SignedInFloor;
    let deskCpuMs: number;
    let failures = 0;
    let failureSample = '';
    let eventsBefore: number;
    try {
      queued = await queuedCount(check);
      eventsBefore = await lastEventId(check);
    } finally {
      await check.close();
    }
    const server = await startPrivacyDesk(deskDb.url, {}, profileArgs());
    try {
      const sessions = await Promise.all(accounts.map((a) => signIn(server.baseUrl, a)));
      const holderIds = await Promise.all(
        sessions.map(async (s) => {
          const me = await fetch(`${server.baseUrl}/api/auth/me`, { headers: s.headers });
          const body = (await me.json()) as { user?: { id?: string }; id?: string };
          return body.user?.id ?? body.id ?? '';
        }),
      );
      log(`claim: Privacy Desk, ${CALLERS} callers draining ${queued} queued requests`);
      const started = performance.now();
      const cpuBefore = mainThreadCpuSeconds(server.pid);
      await Promise.all(
        sessions.map(async (session, i) => {
          for (;;) {
            const res = await fetch(`${server.baseUrl}/api/requests/claim-next`, {
              method: 'POST',
              headers: session.writeHeaders,
              body: '{}',
            });
            const text = await res.text();
            if (res.ok) {
              deskAnswers.push({
                id: (JSON.parse(text) as { id: string }).id,
                holderId: holderIds[i]!,
              });
              continue;
            }
            if (res.status === 404 && text.includes('queue_empty')) return;
            failures += 1;
            failureSample ||= `${res.status} ${text.slice(0, 200)}`;
            if (failures > 100) return;
          }
        }),
      );
      deskSeconds = (performance.now() - started) / 1000;
      deskCpuMs = ((mainThreadCpuSeconds(server.pid) - cpuBefore) * 1000) / deskAnswers.length;
      log(`claim: the floor, ${CALLERS} callers asking GET /api/auth/me`);
      floor = await signedInFloor(server, sessions, Math.max(deskAnswers.length, CALLERS));
    } finally {
      await server.stop();
    }
    const deskDbCheck = openBaselineDb(deskDb.url);
    const desk = await checkClaims(deskDbCheck, eventsBefore, deskAnswers).finally(() =>
      deskDbCheck.close(),
    );
    const deskRate = deskAnswers.length / deskSeconds;

    // Baseline: the same claim SQL in a loop through the bare driver, on its own fresh copy.
    const baseDb = await context.freshDatabase();
    const base = likeTheServer(openBaselineDb(baseDb.url));
    let baseRate: number;
    let baseCheck: ClaimCheck;
    let baseClaims: number;
    const callers = base.kind === 'sqlite' ? 1 : 10;
    try {
      const holders = await base.query<{ id: string; name: string }>(
        sqlFor(
          base,
          `SELECT id, name FROM users WHERE email IN (${accounts.map(() => '?').join(', ')})`,
        ),
        accounts.map((a) => a.email),
      );
      const before = await lastEventId(base);
      log(`claim: baseline, ${callers} loop(s) through the driver`);
      const started = performance.now();
      const claimed = await baselineDrain(
        base,
        holders.map((h) => ({ id: h.id, label: h.name })),
        callers,
      );
      const seconds = (performance.now() - started) / 1000;
      baseClaims = claimed.length;
      baseRate = baseClaims / seconds;
      baseCheck = await checkClaims(
        base,
        before,
        [], // the loop's holders are checked through the events alone
      );
    } finally {
      await base.close();
    }

    const ratio = baseRate > 0 ? deskRate / baseRate : 0;
    const claims = deskAnswers.length;
    deskAnswers = [];
    const notes = [
      `Privacy Desk: ${CALLERS} staff accounts signed in through the login, each calling claim-next until "queue_empty"; ${claims} claims in ${deskSeconds.toFixed(1)} s, ${failures} other answers${failureSample ? ` (first: ${failureSample})` : ''}; database: ${desk.claimedInDb} requests claimed, ${desk.doubleClaims} double, ${desk.wrongHolder} held by someone other than the caller told, ${desk.leftInQueue} left in the queue`,
      `baseline: the same claim SQL (expired-lease lookup; next request${callers > 1 ? ' FOR UPDATE SKIP LOCKED' : ''}, versioned update, claimed event, audit row in one transaction) in ${callers} loop(s) through the bare driver: ${baseClaims} claims, ${baseCheck.doubleClaims} double, ${baseCheck.leftInQueue} left`,
    ];
    const floorRate = floor.requests / floor.seconds;
    const ceiling = ceilingOf(baseRate, { signedInCpuMs: floor.cpuMs, bareCpuMs: 0 }, CALLERS);
    const onOneThread = base.kind === 'sqlite';
    notes.push(
      `${onOneThread ? 'ceiling' : 'floor'}: Privacy Desk's main thread spent ${deskCpuMs.toFixed(2)} ms of CPU per claim; its cheapest signed-in answer (GET /api/auth/me), asked the same way by the same ${CALLERS} callers (${formatRate(floorRate)}, ${floor.failures} other answers), ${floor.cpuMs.toFixed(2)} ms; a baseline claim took ${(1000 / baseRate).toFixed(2)} ms of time. ` +
        (onOneThread
          ? `A claim that cost the server that answer plus the baseline's claim could reach at most ${ceiling.ratio.toFixed(2)}× the baseline`
          : `No ceiling is drawn on PostgreSQL, whose SQL runs in the database's processes beside the server's thread`),
    );
    if (queued !== dataset.claimQueue)
      notes.push(`the data set says ${dataset.claimQueue} queued; the database had ${queued}`);
    return [
      {
        scenario: 'Claim: 50 concurrent claim-next',
        status: 'ran',
        privacyDesk: `${formatRate(deskRate, 'claims/s')}, ${desk.doubleClaims} double`,
        baseline: formatRate(baseRate, 'claims/s'),
        ratio,
        goal: `0 double claims; ≥ ${GOAL_RATIO}× baseline claims/s`,
        met:
          desk.doubleClaims === 0 &&
          desk.wrongHolder === 0 &&
          claims === queued &&
          desk.claimedInDb === queued &&
          failures === 0 &&
          floor.failures === 0 &&
          ratio >= GOAL_RATIO,
        metrics: {
          claimsPerSecond: deskRate,
          seconds: deskSeconds,
          baselineClaimsPerSecond: baseRate,
          cpuMsPerClaim: deskCpuMs,
          floorSignedInRps: floorRate,
          floorSignedInCpuMs: floor.cpuMs,
          ...(onOneThread ? { ceilingRatio: ceiling.ratio } : {}),
        },
        counts: {
          claims,
          doubleClaims: desk.doubleClaims,
          queued,
          claimedInDb: desk.claimedInDb,
          wrongHolder: desk.wrongHolder,
          leftInQueue: desk.leftInQueue,
          failures,
          floorRequests: floor.requests,
          floorFailures: floor.failures,
          baselineClaims: baseClaims,
          baselineDoubleClaims: baseCheck.doubleClaims,
        },
        notes,
      },
    ];
  },
};
