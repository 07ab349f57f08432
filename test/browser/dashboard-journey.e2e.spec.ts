import { readFile } from 'node:fs/promises';

import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';

import {
  launchBrowser,
  runInBrowser,
  screenshot,
  signInToConsole,
  textOf,
  visible,
  WAIT_MS,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const JOURNEY_MS = 120_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // The demo desk, as on a fresh `npm start`: twelve weeks of requests for the charts.
  server = await startTestServer({ SEED_DEMO_REQUESTS: 'true' });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits until a chart has drawn marks (bars or lines) in its SVG, and returns how many. */
async function marksOf(page: Page, testId: string): Promise<number> {
  const chart = page.getByTestId(testId);
  await visible(chart.locator('svg').first());
  const marks = chart.locator('svg path[d], svg rect');
  const deadline = Date.now() + WAIT_MS;
  let count = 0;
  while (Date.now() < deadline) {
    count = await marks.count();
    if (count > 0) return count;
    await page.waitForTimeout(100);
  }
  return count;
}

describe('the manager dashboard', () => {
  it(
    'shows charts of the demo desk; the overdue figure opens exactly those requests, and exports them',
    async () => {
      await runInBrowser(browser, 'dashboard-manager', async (page) => {
        await signInToConsole(page, server.baseUrl, 'manager@demo.test');
        await visible(page.getByTestId('dashboard'));

        for (const chart of [
          'chart-throughput',
          'chart-on-time',
          'chart-backlog',
          'chart-time-to-close',
          'chart-workload',
        ])
          expect(await marksOf(page, chart)).toBeGreaterThan(0);
        // The throughput chart has a bar per week with requests: the demo desk has all twelve.
        expect(
          await page.getByTestId('chart-throughput').locator('svg rect').count(),
        ).toBeGreaterThanOrEqual(12);
        // Every figure says the span it covers.
        expect(await textOf(page.getByTestId('fig-throughput-range'))).toMatch(/^\d+ \w+ \d{4} – /);
        expect(await textOf(page.getByTestId('fig-overdue-range'))).toMatch(/^as of /);
        // The workload names the team.
        const workload = page.getByTestId('chart-workload');
        for (const name of ['Sam Staff', 'Riley Reyes', 'Jamie Chen'])
          await visible(workload.getByText(name));

        const overdue = Number(await textOf(page.getByTestId('overdue-count')));
        expect(overdue).toBeGreaterThan(0);
        await screenshot(page, 'dashboard-manager', true);

        await page.getByTestId('overdue-count').click();
        await page.waitForURL(/#\/requests/);
        await page.waitForFunction(
          () =>
            document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim() ===
            'Overdue',
          undefined,
          { timeout: WAIT_MS },
        );
        const rows = page.getByRole('row').filter({ hasText: /PR-\d{4}-\d{6}/ });
        const deadline = Date.now() + WAIT_MS;
        while (Date.now() < deadline && (await rows.count()) !== overdue)
          await page.waitForTimeout(100);
        expect(await rows.count()).toBe(overdue);
        // Each row on screen is overdue by its own due badge.
        for (const row of await rows.all())
          expect(await row.getByTestId('due-badge').getAttribute('data-deadline')).toBe('overdue');

        // Exported from there, the file holds exactly the rows on screen.
        const onScreen = (await page.locator('td.column-reference').allInnerTexts()).map((text) =>
          text.trim(),
        );
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: WAIT_MS }),
          page.getByRole('button', { name: 'Export' }).click(),
        ]);
        const [header, ...exported] = parse(
          await readFile((await download.path())!, 'utf8'),
        ) as string[][];
        expect(header![0]).toBe('Reference');
        expect(exported.map((row) => row[0])).toEqual(onScreen);
      });
    },
    JOURNEY_MS,
  );
});
