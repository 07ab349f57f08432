import { readFileSync } from 'node:fs';

import type { Browser, Page } from 'playwright-core';

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

// A Global Privacy Control opt-out through the public intake API: it is on the suppression
// list before anyone at the desk touches it, the check API (an API key of another system)
// says so, and the console's suppression list, the request's panel and the Scrub page show it.

const JOURNEY_MS = 150_000;

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

describe('a GPC opt-out', () => {
  it(
    'is suppressed before anyone touches it; the check API says so; the console lists it and scrubs it out',
    async () => {
      const stamp = Date.now();
      const email = `gina.gpc.${stamp}@example.test`;

      // 1. A browser with Global Privacy Control submits through the public intake.
      const submitted = await fetch(`${server.baseUrl}/api/public/requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Sec-GPC': '1' },
        body: JSON.stringify({
          kind: 'opt_out',
          requesterName: 'Gina Gpc',
          requesterEmail: email,
          payload: { channels: ['email'], scopes: ['partner_sharing'] },
        }),
      });
      expect(submitted.status).toBe(202);

      // 2. Another system checks with an API key of scope suppressions:read.
      let secret = '';
      await inBrowser('opt-out-admin-key', async (page) => {
        await signInToConsole(page, server.baseUrl, 'admin@demo.test');
        const key = await apiCall<{ secret: string }>(page, 'POST', '/api-keys', {
          name: `Mailer ${stamp}`,
          scopes: ['suppressions:read'],
        });
        expect(key.status).toBe(201);
        secret = key.body.secret;
      });
      const checked = await fetch(
        `${server.baseUrl}/api/suppressions/check?email=${encodeURIComponent(email.toUpperCase())}`,
        { headers: { Authorization: `Bearer ${secret}` } },
      );
      expect(checked.status).toBe(200);
      expect(await checked.json()).toMatchObject({
        suppressed: true,
        scopes: ['partner_sharing'],
        since: expect.any(String),
      });

      // 3. Staff see it on the suppression list, and on the request's page.
      await inBrowser('opt-out-console', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        await mainMenu(page).getByRole('menuitem', { name: 'Suppression list' }).click();
        await page.waitForURL(/#\/suppressions/);
        await page.getByPlaceholder('Email, phone, address, hash or request').fill(email);
        // The search applies after a debounce and rewrites the URL: wait for it, or it would
        // pull the page back to the list after the click below.
        await page.waitForURL((url) => decodeURIComponent(url.toString()).includes(email));
        const row = page.getByRole('row').filter({ hasText: email });
        await visible(row);
        await expectText(row, /Sharing with partners/);
        await expectText(row, /Active/);
        await expect(page.getByRole('button', { name: /delete/i }).count()).resolves.toBe(0);
        await screenshot(page, 'opt-out-01-suppression-list');

        await row.getByRole('link', { name: /^PR-/ }).click();
        await page.waitForURL(/#\/requests\/[^/]+\/show/);
        const panel = await visible(page.getByTestId('opt-out-panel'));
        await expectText(panel.getByTestId('suppression-entry').first(), /Sharing with partners/);
        await expectText(panel.getByTestId('opt-out-check').first(), /Downstream systems told/);
        await expectText(
          page.locator('[data-testid="timeline-event"][data-type="suppression"]').first(),
          /Suppressed 1 entry/,
        );
        await screenshot(page, 'opt-out-02-request-panel', true);

        // 4. The Scrub page uploads a list with a progress bar and offers the result.
        await page.goto(`${server.baseUrl}/#/suppressions/scrub`);
        await page.getByLabel('Mailing list file').setInputFiles({
          name: 'list.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(`email\nsomeone.else.${stamp}@example.test\n${email}\n`),
        });
        await page.getByRole('button', { name: 'Scrub' }).click();
        const result = await visible(page.getByRole('alert').filter({ hasText: 'rows checked' }));
        await expectText(result, /^2 rows checked; 1 suppressed\. Download the suppressed rows$/);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download the suppressed rows' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('suppressed.csv');
        const csv = readFileSync((await download.path())!, 'utf8');
        expect(csv).toBe(`email\n${email}\n`);
        await screenshot(page, 'opt-out-03-scrub');
      });
    },
    JOURNEY_MS,
  );
});
