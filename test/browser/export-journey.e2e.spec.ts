import { readFile } from 'node:fs/promises';

import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';

import {
  apiCall,
  launchBrowser,
  mainMenu,
  runInBrowser,
  screenshot,
  signInToConsole,
  visible,
  WAIT_MS,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// A manager filters the requests list and exports it: the CSV holds exactly the rows on screen.

const JOURNEY_MS = 150_000;
const BACKGROUND_THRESHOLD = 12;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // A low threshold, so that the whole demo list goes to the background and a filtered one does not.
  server = await startTestServer({
    SEED_DEMO_REQUESTS: 'true',
    EXPORT_BACKGROUND_THRESHOLD: String(BACKGROUND_THRESHOLD),
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const inBrowser = (name: string, journey: (page: Page) => Promise<void>) =>
  runInBrowser(browser, name, journey);

interface RequestJson {
  reference: string;
  kind: string;
}

/** The references in the list's table, top to bottom, once the table shows `count` rows. */
async function referencesOnScreen(page: Page, count: number): Promise<string[]> {
  const cells = page.locator('td.column-reference');
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline && (await cells.count()) !== count) await page.waitForTimeout(100);
  return (await cells.allInnerTexts()).map((text) => text.trim());
}

test(
  'a manager exports the filtered requests list, and the CSV has exactly the rows on screen',
  () =>
    inBrowser('export-journey', async (page) => {
      await signInToConsole(page, server.baseUrl, 'manager@demo.test');

      // A kind that some, but not all, of the demo requests have: a real filter.
      const all = await apiCall<RequestJson[]>(page, 'GET', '/requests?range=[0,499]');
      const counts = new Map<string, number>();
      for (const r of all.body) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
      const [kind, expected] = [...counts].find(([, n]) => n >= 2 && n <= BACKGROUND_THRESHOLD)!;

      await mainMenu(page).getByRole('menuitem', { name: 'Requests' }).click();
      await visible(page.locator('td.column-reference').first());
      const filter = encodeURIComponent(JSON.stringify({ view: 'all', kind }));
      await page.goto(
        `${server.baseUrl}/#/requests?filter=${filter}&sort=reference&order=DESC&page=1&perPage=25`,
      );
      const onScreen = await referencesOnScreen(page, expected);
      expect(onScreen).toHaveLength(expected);
      expect([...onScreen].sort().reverse()).toEqual(onScreen);
      await screenshot(page, 'export-journey-filtered-list');

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT_MS }),
        page.getByRole('button', { name: 'Export' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^requests-.*\.csv$/);
      const text = await readFile((await download.path())!, 'utf8');
      const [header, ...rows] = parse(text) as string[][];
      expect(header![0]).toBe('Reference');
      expect(header).toContain('Kind');
      expect(rows.map((row) => row[0])).toEqual(onScreen);
      expect(rows.every((row) => row[header!.indexOf('Kind')] === kind)).toBe(true);
    }),
  JOURNEY_MS,
);

test(
  'a list over the threshold is exported in the background: progress on the Exports page, then the file',
  () =>
    inBrowser('export-journey-background', async (page) => {
      await signInToConsole(page, server.baseUrl, 'manager@demo.test');
      const all = await apiCall<RequestJson[]>(page, 'GET', '/requests?range=[0,499]');
      expect(all.body.length).toBeGreaterThan(BACKGROUND_THRESHOLD);

      const filter = encodeURIComponent(JSON.stringify({ view: 'all' }));
      await page.goto(
        `${server.baseUrl}/#/requests?filter=${filter}&sort=reference&order=ASC&page=1&perPage=25`,
      );
      await visible(page.locator('td.column-reference').first());
      await page.getByRole('button', { name: 'Export' }).click();
      await visible(page.getByText(/exported in the background/));

      await mainMenu(page).getByRole('menuitem', { name: 'Exports' }).click();
      await page.waitForURL(/#\/exports/);
      const row = page.getByRole('row').filter({ hasText: 'Requests' }).first();
      await visible(row.getByRole('progressbar'));
      // The page refreshes itself while the export runs; the Download button comes when it is done.
      const downloadButton = row.getByRole('link', { name: 'Download' });
      await downloadButton.waitFor({ state: 'visible', timeout: WAIT_MS * 3 });
      expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
      await screenshot(page, 'export-journey-background-done');

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT_MS }),
        downloadButton.click(),
      ]);
      const text = await readFile((await download.path())!, 'utf8');
      const [header, ...rows] = parse(text) as string[][];
      expect(header![0]).toBe('Reference');
      expect(rows.map((r) => r[0])).toEqual(all.body.map((r) => r.reference).sort());
    }),
  JOURNEY_MS,
);

test(
  'staff see no Export button',
  () =>
    inBrowser('export-journey-staff', async (page) => {
      await signInToConsole(page, server.baseUrl, 'staff@demo.test');
      await mainMenu(page).getByRole('menuitem', { name: 'Requests' }).click();
      await visible(page.locator('td.column-reference').first());
      await page.waitForTimeout(500);
      expect(await page.getByRole('button', { name: 'Export' }).count()).toBe(0);
    }),
  JOURNEY_MS,
);
