import { request } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { startPrivacyDesk } from '../harness/privacy-desk-server.js';
import type { BenchContext, DemoAccount, Scenario, ScenarioRow } from '../types.js';

/** Cold-cache page loads per run; the table shows the median. */
const RUNS = 5;
const GOAL_FIRST_ROW_MS = 1000;
const GOAL_JS_GZIP_BYTES = 450 * 1024;
const WAIT_MS = 60_000;

/** The requests list, "All" tab (every request, not the staff member's own queue), due first. */
export const LIST_HASH =
  '#/requests?' +
  new URLSearchParams({
    filter: JSON.stringify({ view: 'all' }),
    order: 'ASC',
    page: '1',
    perPage: '25',
    sort: 'dueAt',
  }).toString();

/** Same launch flags as the browser journeys (test/support/browser.ts): this machine needs them. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs in the page before any of its scripts: notes `performance.now()` (milliseconds since the
 * navigation started) at the first animation frame after a row of real data (a non-empty
 * Reference cell; the loading skeleton's cells are empty) is in the table and laid out.
 */
function watchFirstRow(): void {
  const w = window as unknown as { __firstRowMs?: number };
  const hasRow = () => {
    const cell = document.querySelector('table tbody td.column-reference');
    if (!cell || !(cell.textContent ?? '').trim()) return false;
    const box = cell.getBoundingClientRect();
    return box.height > 0 && box.width > 0 && box.top < window.innerHeight;
  };
  const observer = new MutationObserver(() => {
    if (w.__firstRowMs !== undefined || !hasRow()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      w.__firstRowMs = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

interface ResourceSeen {
  url: string;
  initiator: string;
  startMs: number;
  endMs: number;
  /** Bytes Chromium received for the body (brotli when it negotiated brotli). */
  encodedBytes: number;
}

interface PageRun {
  firstRowMs: number;
  /** The HTML document's responseEnd. */
  documentMs: number;
  resources: ResourceSeen[];
}

export interface ConsoleRun {
  firstRowMs: number;
  /** When the last script needed before the first row had arrived. */
  scriptsDoneMs: number;
  scripts: number;
  /** Sum of the gzip responses of those scripts (the server asked for gzip only). */
  jsGzipBytes: number;
  /** What Chromium transferred for them (brotli: it accepts br). */
  jsTransferredBytes: number;
  listApiStartMs: number;
  listApiEndMs: number;
  /** GET /api/auth/me calls before the first row. */
  authMeCalls: number;
  /** Every /api call before the first row, in order, as "path start–end ms". */
  apiCalls: string[];
}

async function signedInState(browser: Browser, baseUrl: string, account: DemoAccount) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome, / }).waitFor({ state: 'visible' });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** One cold load of the list page in a fresh context that carries only the session cookie. */
async function loadListPage(
  browser: Browser,
  baseUrl: string,
  storageState: Awaited<ReturnType<typeof signedInState>>,
  hash: string,
): Promise<PageRun> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    storageState,
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(watchFirstRow);
    await page.goto(`${baseUrl}/${hash}`);
    await page.waitForFunction(() => (window as { __firstRowMs?: number }).__firstRowMs, null, {
      timeout: WAIT_MS,
      polling: 50,
    });
    if (errors.length > 0) throw new Error(`The list page threw: ${errors.join('; ')}`);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        firstRowMs: (window as { __firstRowMs?: number }).__firstRowMs!,
        documentMs: nav.responseEnd,
        resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
          (r) => ({
            url: r.name,
            initiator: r.initiatorType,
            startMs: r.startTime,
            endMs: r.responseEnd,
            encodedBytes: r.encodedBodySize,
          }),
        ),
      };
    });
  } finally {
    await context.close();
  }
}

/** The size of the body the server sends for `url` to a client that accepts gzip only. */
export function gzipResponseBytes(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode}`));
        else resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const isScript = (url: string) => /\.m?js(\?|$)/.test(new URL(url).pathname);

/**
 * Signs in through the login page, then opens the requests list `runs` times, each in a fresh
 * browser context (cold HTTP cache, the session cookie only) and measures each load.
 */
export async function measureConsole(
  baseUrl: string,
  account: DemoAccount,
  runs = RUNS,
  log: (message: string) => void = () => undefined,
  hash = LIST_HASH,
): Promise<{ runs: ConsoleRun[]; notes: string[] }> {
  const browser = await launchChromium();
  const gzipSizes = new Map<string, { bytes: number; encoding: string }>();
  const notes: string[] = [];
  const results: ConsoleRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const state = await signedInState(browser, baseUrl, account);
      const seen = await loadListPage(browser, baseUrl, state, hash);
      const before = seen.resources.filter((r) => r.endMs <= seen.firstRowMs);
      const scripts = before.filter((r) => isScript(r.url));
      let jsGzipBytes = 0;
      for (const script of scripts) {
        let size = gzipSizes.get(script.url);
        if (!size) {
          size = await gzipResponseBytes(script.url);
          gzipSizes.set(script.url, size);
          if (size.encoding !== 'gzip')
            notes.push(`${new URL(script.url).pathname} came back ${size.encoding}, not gzip`);
        }
        jsGzipBytes += size.bytes;
      }
      const api = before
        .filter((r) => new URL(r.url).pathname.startsWith('/api/'))
        .sort((a, b) => a.startMs - b.startMs);
      const list = api.filter((r) => new URL(r.url).pathname === '/api/requests');
      const lastList = list[list.length - 1];
      const run: ConsoleRun = {
        firstRowMs: seen.firstRowMs,
        scriptsDoneMs: Math.max(seen.documentMs, ...scripts.map((s) => s.endMs)),
        scripts: scripts.length,
        jsGzipBytes,
        jsTransferredBytes: scripts.reduce((sum, s) => sum + s.encodedBytes, 0),
        listApiStartMs: lastList?.startMs ?? NaN,
        listApiEndMs: lastList?.endMs ?? NaN,
        authMeCalls: api.filter((r) => new URL(r.url).pathname === '/api/auth/me').length,
        apiCalls: api.map((r) => {
          const url = new URL(r.url);
          return `${url.pathname}${url.search} ${r.startMs.toFixed(0)}–${r.endMs.toFixed(0)} ms`;
        }),
      };
      log(
        `console run ${i + 1}: first row ${run.firstRowMs.toFixed(0)} ms, scripts done ` +
          `${run.scriptsDoneMs.toFixed(0)} ms (${run.scripts} files, ` +
          `${(run.jsGzipBytes / 1024).toFixed(0)} KB gzip), list API ` +
          `${run.listApiStartMs.toFixed(0)}–${run.listApiEndMs.toFixed(0)} ms; ` +
          `API calls: ${run.apiCalls.join(', ')}`,
      );
      results.push(run);
    }
  } finally {
    await browser.close();
  }
  return { runs: results, notes };
}

/** The medians of a set of runs, as the row of the table. */
export function consoleRow(runs: ConsoleRun[], extraNotes: string[] = []): ScenarioRow {
  const m = (pick: (run: ConsoleRun) => number) => median(runs.map(pick));
  const firstRowMs = m((r) => r.firstRowMs);
  const jsGzipBytes = m((r) => r.jsGzipBytes);
  const scriptsDoneMs = m((r) => r.scriptsDoneMs);
  const apiMs = m((r) => r.listApiEndMs - r.listApiStartMs);
  const apiStartMs = m((r) => r.listApiStartMs);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const pct = (part: number) => `${((100 * part) / firstRowMs).toFixed(0)}%`;
  return {
    scenario: 'Console: sign in, requests list, first row (cold cache)',
    status: 'ran',
    privacyDesk: `first row ${firstRowMs.toFixed(0)} ms; JS ${kb(jsGzipBytes)} gzipped`,
    baseline: '—',
    ratio: null,
    goal: '≤ 1 s; ≤ 450 KB',
    met: firstRowMs <= GOAL_FIRST_ROW_MS && jsGzipBytes <= GOAL_JS_GZIP_BYTES,
    metrics: {
      firstRowMs,
      jsGzipBytes,
      jsTransferredBytes: m((r) => r.jsTransferredBytes),
      scripts: m((r) => r.scripts),
      scriptsDoneMs,
      listApiStartMs: apiStartMs,
      listApiMs: apiMs,
      authMeCalls: m((r) => r.authMeCalls),
      apiCallsBeforeFirstRow: m((r) => r.apiCalls.length),
      firstRowMsMin: Math.min(...runs.map((r) => r.firstRowMs)),
      firstRowMsMax: Math.max(...runs.map((r) => r.firstRowMs)),
    },
    counts: { runs: runs.length },
    notes: [
      `median of ${runs.length} cold-cache loads (fresh browser context each, signed in through ` +
        `the login page first, then only the session cookie carried over); first row = ` +
        `performance.now() at the first animation frame after a Reference cell with text is ` +
        `laid out, i.e. from the navigation start of ${LIST_HASH.split('?')[0]} ` +
        `(range ${Math.min(...runs.map((r) => r.firstRowMs)).toFixed(0)}–` +
        `${Math.max(...runs.map((r) => r.firstRowMs)).toFixed(0)} ms)`,
      `JS before the first row: ${m((r) => r.scripts)} files, ${kb(jsGzipBytes)} as the ` +
        `server's gzip responses (${kb(m((r) => r.jsTransferredBytes))} as Chromium transferred ` +
        `them, brotli)`,
      `scripts all in by ${scriptsDoneMs.toFixed(0)} ms (${pct(scriptsDoneMs)}); the list ` +
        `API call ran ${apiStartMs.toFixed(0)}–${(apiStartMs + apiMs).toFixed(0)} ms, ` +
        `${apiMs.toFixed(0)} ms (${pct(apiMs)}); ${m((r) => r.authMeCalls)} /api/auth/me ` +
        `call(s), ${m((r) => r.apiCalls.length)} API calls before the first row`,
      ...extraNotes,
    ],
  };
}

export const consoleScenario: Scenario = {
  id: 'console',
  title: 'Console: sign in, requests list, first row (cold cache)',
  async run(context: BenchContext): Promise<ScenarioRow[]> {
    const database = await context.sharedDatabase();
    const server = await startPrivacyDesk(database.url);
    try {
      const measured = await measureConsole(
        server.baseUrl,
        context.dataset.users.staff,
        RUNS,
        context.log,
      );
      return [consoleRow(measured.runs, measured.notes)];
    } finally {
      await server.stop();
    }
  },
};
