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
  WAIT_MS,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Staff record a court order naming two subjects under a gag order, attach the order as a PDF,
// and produce data; a compliance officer approves the response. The recorder never sees an
// Approve button.

const JOURNEY_MS = 180_000;

/** A small, well-formed PDF. */
const TINY_PDF =
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';

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

/** YYYY-MM-DD, `days` from today (UTC, the server's default business zone). */
function isoDay(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function pickSubject(page: Page, name: string): Promise<void> {
  const input = page.getByRole('combobox', { name: 'Subjects named' });
  await input.fill(name);
  await page.getByRole('option', { name: new RegExp(name) }).click();
}

describe('the legal-process console', () => {
  it(
    'staff record a gagged court order with its PDF and produce data; compliance approves it',
    async () => {
      const tag = Date.now().toString(36);
      const names = [`Gina Gagged ${tag}`, `Hugo Hidden ${tag}`];
      let processUrl = '';

      await runInBrowser(browser, 'legal-process-staff', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        for (const [index, name] of names.entries()) {
          const created = await apiCall(page, 'POST', '/subjects', {
            name,
            email: `lp-${tag}-${index}@example.com`,
          });
          expect(created.status).toBe(201);
        }

        await mainMenu(page).getByRole('menuitem', { name: 'Legal process' }).click();
        await page.getByRole('link', { name: 'Record legal process' }).click();
        await page.getByLabel('Issuing authority').fill('District Court of Example');
        await page.getByLabel('Jurisdiction').fill('US-CA');
        await page.getByLabel('Case or docket number').fill(`CASE-${tag}`);
        await page.getByLabel('Received on').fill(isoDay(-1));
        await page.getByLabel('Response due on').fill(isoDay(14));
        for (const name of names) await pickSubject(page, name);
        await page.getByRole('combobox', { name: 'Data asked for' }).click();
        await page.getByRole('option', { name: 'Name', exact: true }).click();
        await page.getByRole('option', { name: 'Email', exact: true }).click();
        await page.keyboard.press('Escape');
        await page.getByLabel('A non-disclosure (gag) order is attached').check();
        await page.getByLabel(/Gag order holds until/).fill(isoDay(90));
        await page.getByRole('button', { name: 'Save' }).click();

        const reference = await visible(page.getByTestId('lp-reference'));
        await expectText(reference, /^LP-\d{4}-\d{6}$/);
        await expectText(page.getByTestId('gag-chip'), /Gag order until/);
        const subjects = page.getByTestId('lp-subjects');
        for (const name of names) await visible(subjects.getByText(name));
        processUrl = page.url();

        // The order itself, as a (tiny, valid) PDF, through the documents panel.
        const panel = page.getByTestId('documents-panel');
        await panel.getByTestId('document-file').setInputFiles({
          name: 'court-order.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(TINY_PDF),
        });
        await panel.getByRole('button', { name: 'Upload' }).click();
        await expectText(panel.getByTestId('document-row'), /court-order\.pdf/);
        await expectText(panel.getByTestId('document-row'), /application\/pdf/);

        await page.getByTestId('lp-action-start_review').click();
        await expectText(page.getByTestId('lp-status'), 'Under legal review');

        await page.getByTestId('lp-action-respond').click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('combobox', { name: 'Outcome' }).click();
        await page.getByRole('option', { name: 'Produced in part' }).click();
        await dialog.getByLabel('What was decided and sent').fill('Produced names and emails.');
        await dialog.getByTestId('production-purpose-0').fill('Compliance with the court order');
        await dialog.getByRole('button', { name: 'Record the response' }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached', timeout: WAIT_MS });

        await expectText(page.getByTestId('lp-status'), 'Responded');
        await expectText(page.getByTestId('lp-review-status'), 'Pending compliance review');
        await expectText(page.getByTestId('lp-disclosures'), /DL-\d{4}-\d{6}/);
        await screenshot(page, 'legal-process-responded', true);
        // The recorder is never offered approval.
        expect(await page.getByTestId('lp-review-approve').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
      });

      await runInBrowser(browser, 'legal-process-compliance', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await page.goto(processUrl);
        await expectText(page.getByTestId('lp-review-status'), 'Pending compliance review');
        await page.getByTestId('lp-review-approve').click();
        await expectText(page.getByTestId('lp-review-status'), 'Approved');
        expect(await page.getByTestId('lp-review-approve').count()).toBe(0);
      });
    },
    JOURNEY_MS,
  );
});
