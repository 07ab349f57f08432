import type { Browser, Page } from 'playwright-core';

import {
  apiCall,
  launchBrowser,
  mainMenu,
  runInBrowser,
  screenshot,
  signInToConsole,
  visible,
} from '../support/browser.js';
import { closeRequestLongAgo } from '../support/retention.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The retention purge in the console: a compliance officer reads the periods and the dry run;
// an admin purges. The spawned server runs on the system clock, so the journey dates a
// rejected request's closing three years back in the server's database.

const JOURNEY_MS = 180_000;

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

const inBrowser = (name: string, journey: (page: Page) => Promise<void>) =>
  runInBrowser(browser, name, journey);

interface Created {
  id: string;
  version: number;
  reference: string;
}

async function openRetention(page: Page): Promise<void> {
  await mainMenu(page).getByRole('menuitem', { name: 'Retention' }).click();
  await visible(page.getByTestId('retention'));
}

describe('the retention purge', () => {
  it(
    'shows the periods and the dry run; an admin purges a request closed three years ago',
    async () => {
      const stamp = Date.now();
      let request: Created | undefined;
      await inBrowser('retention-setup', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const entered = await apiCall<Created>(page, 'POST', '/requests', {
          kind: 'access',
          channel: 'email',
          jurisdiction: 'ccpa',
          requesterName: `Rhea Retained ${stamp}`,
          requesterEmail: `rhea.${stamp}@example.test`,
          receivedAt: new Date().toISOString().slice(0, 10),
          payload: { format: 'pdf' },
        });
        expect(entered.status).toBe(201);
        const rejected = await apiCall<Created>(
          page,
          'POST',
          `/requests/${entered.body.id}/actions/reject`,
          { version: entered.body.version, reason: 'Sent twice' },
        );
        expect(rejected.status).toBe(200);
        request = entered.body;
      });
      const threeYearsAgo = new Date(Date.now() - 3 * 365 * 86_400_000);
      await closeRequestLongAgo(server, request!.id, threeYearsAgo);

      await inBrowser('retention-compliance', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await openRetention(page);
        await visible(page.getByText('Closed requests: 24 months'));
        await visible(page.getByText('Disclosure log: 6 years'));
        await visible(page.getByText(/§7101/).first());
        await visible(page.getByText(/§164\.528/).first());
        await visible(page.getByText(request!.reference, { exact: true }));
        expect(await page.getByRole('button', { name: 'Purge now' }).count()).toBe(0);
        await screenshot(page, 'retention-compliance-officer', true);
      });

      await inBrowser('retention-admin', async (page) => {
        await signInToConsole(page, server.baseUrl, 'admin@demo.test');
        await openRetention(page);
        await visible(page.getByText(request!.reference, { exact: true }));
        await page.getByRole('button', { name: 'Purge now' }).click();
        await visible(page.getByText('Purge what is past its retention period?'));
        await page.getByRole('dialog').getByRole('button', { name: 'Purge now' }).click();
        await visible(page.getByText('The purge is done'));
        const removed = page.getByRole('table', { name: 'What the purge removed' });
        await visible(removed);
        const requestsRow = removed.getByRole('row', { name: /Requests blanked/ });
        expect(
          Number((await requestsRow.getByRole('cell').last().innerText()).trim()),
        ).toBeGreaterThanOrEqual(1);
        // The dry run, fetched again, no longer lists the request.
        await visible(page.getByText(/Dry run on/));
        await page.waitForFunction(
          (reference) => !document.body.innerText.includes(reference),
          request!.reference,
          { timeout: 20_000 },
        );
        await screenshot(page, 'retention-admin-purged', true);
      });

      await inBrowser('retention-check', async (page) => {
        await signInToConsole(page, server.baseUrl, 'manager@demo.test');
        const shown = await apiCall<{ requesterName: string; status: string; reference: string }>(
          page,
          'GET',
          `/requests/${request!.id}`,
        );
        expect(shown.status).toBe(200);
        expect(shown.body).toMatchObject({
          requesterName: 'Purged requester',
          status: 'rejected',
          reference: request!.reference,
        });
        expect(await mainMenu(page).getByRole('menuitem', { name: 'Retention' }).count()).toBe(0);
      });
    },
    JOURNEY_MS,
  );
});
