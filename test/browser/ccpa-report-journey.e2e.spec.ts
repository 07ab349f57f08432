import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';

import {
  apiCall,
  expectText,
  launchBrowser,
  mainMenu,
  runInBrowser,
  screenshot,
  signInToConsole,
  visible,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Staff reject two requests of last year, one from the console's Reject dialog with a denial
// reason from its list; a compliance officer opens the CCPA metrics, picks that year, sees
// the figures, and downloads them as CSV.

const JOURNEY_MS = 240_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Created {
  id: string;
  version: number;
}

describe('the CCPA metrics', () => {
  it(
    'a compliance officer picks the year, sees the figures and downloads the CSV',
    async () => {
      // Last year: the server starts without demo requests, so these are all of that year's.
      const year = String(new Date().getUTCFullYear() - 1);
      const ids: Created[] = [];

      await runInBrowser(browser, 'ccpa-report-staff', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        for (let i = 0; i < 3; i++) {
          const answer = await apiCall<Created>(page, 'POST', '/requests', {
            kind: 'access',
            channel: 'phone',
            jurisdiction: 'ccpa',
            requesterName: `Cass Metrics ${i}`,
            requesterEmail: `ccpa-${i}-${Date.now()}@example.com`,
            receivedAt: `${year}-03-1${i}`,
            payload: { format: 'pdf' },
          });
          expect(answer.status).toBe(201);
          ids.push(answer.body);
        }
        const rejected = await apiCall(page, 'POST', `/requests/${ids[0]!.id}/actions/reject`, {
          version: ids[0]!.version,
          reason: 'The law exempts this information.',
          denialReason: 'exemption_applies',
        });
        expect(rejected.status).toBe(200);

        // The second, from the console: the Reject dialog offers the denial reasons.
        await page.goto(`${server.baseUrl}/#/requests/${ids[1]!.id}/show`);
        await page.locator('[data-action="reject"]').click();
        const dialog = page.getByRole('dialog', { name: 'Reject the request' });
        await dialog
          .getByLabel('Grounds for denial')
          .selectOption({ label: 'Could not verify identity' });
        await dialog
          .getByRole('textbox', { name: /^Reason/ })
          .fill('We could not match your details to an account.');
        await dialog.getByRole('button', { name: 'Reject' }).click();
        await visible(page.getByText(/: Rejected$/));
      });

      await runInBrowser(browser, 'ccpa-report-officer', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await mainMenu(page).getByRole('menuitem', { name: 'CCPA metrics' }).click();
        await visible(page.getByRole('heading', { name: 'CCPA metrics', level: 1 }));
        // The rules behind the figures are on the page.
        await visible(
          page
            .getByTestId('report-rules')
            .getByText(/a correction completed with at least one requested field declined/),
        );

        await page.getByLabel('Year').click();
        await page.getByRole('option', { name: year, exact: true }).click();
        const table = page.getByRole('table', { name: `CCPA metrics ${year}` });
        const access = table.locator('tr[data-row="access"]');
        const cells = access.locator('td');
        await expectText(cells.nth(0), '3'); // received
        await expectText(cells.nth(1), '0'); // complied with in whole
        await expectText(cells.nth(3), '2'); // denied
        await expectText(cells.nth(4), '1'); // could not verify identity
        await expectText(cells.nth(5), '1'); // an exemption applies
        await expectText(table.locator('tr[data-row="correction"] td').nth(0), '0');
        await screenshot(page, 'ccpa-report-01-metrics', true);

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download CSV' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`ccpa-metrics-year-${year}.csv`);
        const lines = readFileSync((await download.path())!, 'utf8')
          .trim()
          .split('\n');
        expect(lines[0]).toMatch(
          /^Request kind,Received,Complied with in whole,Complied with in part,Denied,Denied: Could not verify identity,Denied: An exemption applies,"Denied: Not a consumer, or no data held",/,
        );
        // Access: 3 received, none complied with, 2 denied (one per reason), 2 responded;
        // the days depend on today's date, the server test checks them.
        expect(lines[1]).toMatch(
          /^Access \(copy of my information\),3,0,0,2,1,1,0,0,0,0,2,\d+(\.\d)?,\d+(\.\d)?$/,
        );
        expect(lines.slice(2)).toEqual([
          'Correction,0,0,0,0,0,0,0,0,0,0,0,,',
          'Opt-out of contact,0,0,0,0,0,0,0,0,0,0,0,,',
          'Disclosure report,0,0,0,0,0,0,0,0,0,0,0,,',
        ]);
      });
    },
    JOURNEY_MS,
  );
});
