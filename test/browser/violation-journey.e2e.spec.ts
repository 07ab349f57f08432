import type { Browser, Page } from 'playwright-core';

import {
  apiCall,
  expectText,
  fillInput,
  launchBrowser,
  mainMenu,
  runInBrowser,
  signInToConsole,
  visible,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Violation flags in the console against the real server: staff flag a subject and attach
// evidence (a file that is not what its name says is refused inline), a compliance officer
// confirms the flag, and staff are then offered the one appeal.

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

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const HTML = Buffer.from('<!DOCTYPE html><html><body><p>not a pdf</p></body></html>');

async function signOut(page: Page): Promise<void> {
  await apiCall(page, 'POST', '/auth/logout');
}

describe('violation flags in the console', () => {
  it(
    'staff flag a violation with evidence; compliance confirms it; it grounds a ToS disclosure for that subject only; staff may appeal once',
    async () => {
      const stamp = Date.now();
      // Letters only: a search with digits in it is read as a phone number.
      const tag = stamp
        .toString()
        .slice(-6)
        .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
      const subjectName = `Vera Violator ${tag}`;
      let flagUrl = '';
      await inBrowser('violation-journey', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const subject = await apiCall<{ id: string }>(page, 'POST', '/subjects', {
          name: subjectName,
          email: `vera.${stamp}@example.test`,
        });
        expect(subject.status).toBe(201);

        await mainMenu(page).getByRole('menuitem', { name: 'Violation flags' }).click();
        await page.getByRole('link', { name: 'Flag a violation' }).click();
        await page.waitForURL(/#\/violations\/create$/);
        await page.getByRole('combobox', { name: 'Subject' }).fill(subjectName);
        await page.getByRole('option', { name: subjectName }).click();
        await page.getByRole('combobox', { name: 'Category' }).click();
        await page.getByRole('option', { name: 'Fraud' }).click();
        await page.getByRole('combobox', { name: 'Severity' }).click();
        await page.getByRole('option', { name: 'Critical' }).click();
        await fillInput(page.getByRole('textbox', { name: /^Clause of the Terms cited/ }), '4.2');
        await fillInput(page.getByRole('textbox', { name: /^Description/ }), 'Card testing.');
        await fillInput(
          page.getByRole('textbox', { name: /^Evidence links/ }),
          'https://monitoring.example.com/cases/1',
        );
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/violations\/[0-9a-f-]+\/show$/);
        flagUrl = page.url();
        await expectText(page.getByTestId('violation-status'), 'Open');
        await expectText(page.getByTestId('violation-severity'), 'Critical');

        // While open, staff may edit it.
        await page.getByRole('link', { name: 'Edit' }).click();
        await page.waitForURL(/#\/violations\/[0-9a-f-]+$/);
        await page.getByRole('combobox', { name: 'Severity' }).click();
        await page.getByRole('option', { name: 'High' }).click();
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/violations\/[0-9a-f-]+\/show$/);
        await expectText(page.getByTestId('violation-severity'), 'High');

        // Evidence: an HTML page named .pdf is refused beside the upload, a real PDF is listed.
        const panel = page.getByTestId('documents-panel');
        await panel.getByTestId('document-file').setInputFiles({
          name: 'report.pdf',
          mimeType: 'application/pdf',
          buffer: HTML,
        });
        await panel.getByRole('button', { name: 'Upload' }).click();
        await expectText(panel.getByTestId('document-upload-error'), /content is not a PDF/);
        await panel.getByTestId('document-file').setInputFiles({
          name: 'report.pdf',
          mimeType: 'application/pdf',
          buffer: PDF,
        });
        await panel.getByRole('button', { name: 'Upload' }).click();
        await visible(panel.getByRole('link', { name: 'report.pdf' }));
        expect(await panel.getByTestId('document-row').count()).toBe(1);
        // Staff cannot decide: no decision buttons.
        expect(await page.getByRole('button', { name: 'Confirm' }).count()).toBe(0);
        await signOut(page);

        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await page.goto(flagUrl);
        await page.getByRole('button', { name: 'Start review' }).click();
        await expectText(page.getByTestId('violation-status'), 'Under review');
        await page.getByRole('button', { name: 'Confirm' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Card testing confirmed.');
        await dialog.getByRole('combobox', { name: /^Enforcement action/ }).click();
        await page.getByRole('option', { name: 'Suspension' }).click();
        await dialog.getByRole('button', { name: 'Confirm' }).click();
        await expectText(page.getByTestId('violation-status'), 'Confirmed');
        await expectText(page.getByTestId('violation-enforcement'), 'Suspension');
        expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
        await expectText(page.getByTestId('violation-decided-by'), /^Chris Compliance/);
        // The officer who decided it is offered no appeal decision, and no upload.
        expect(await page.getByRole('button', { name: /appeal/i }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Upload' }).count()).toBe(0);
        await signOut(page);

        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        await page.goto(flagUrl);
        await page.getByRole('button', { name: 'Appeal' }).click();
        await page
          .getByRole('dialog')
          .getByRole('textbox', { name: /^Reason/ })
          .fill('Stolen card.');
        await page.getByRole('dialog').getByRole('button', { name: 'Appeal' }).click();
        await expectText(page.getByTestId('violation-appeal-status'), /pending/i);
        await page.getByRole('dialog').waitFor({ state: 'detached' });
        expect(await page.getByRole('button', { name: 'Appeal' }).count()).toBe(0);

        // The confirmed flag grounds a tos_violation disclosure for its subject only (recorded
        // with the page's session, through the API the disclosure form calls).
        const flagId = /#\/violations\/([0-9a-f-]+)\/show$/.exec(flagUrl)![1]!;
        const other = await apiCall<{ id: string }>(page, 'POST', '/subjects', {
          name: `Olga Other ${tag}`,
          email: `olga.${stamp}@example.test`,
        });
        const disclosure = (subjectId: string) => ({
          aggregated: false,
          subjects: [{ subjectId, violationFlagId: flagId }],
          recipientName: 'Card issuer fraud team',
          recipientType: 'business_partner',
          basis: 'tos_violation',
          purpose: 'Report the card testing',
          dataCategories: ['name', 'email'],
          disclosedAt: new Date().toISOString().slice(0, 10),
        });
        const refused = await apiCall<{ errors?: Record<string, string> }>(
          page,
          'POST',
          '/disclosures',
          disclosure(other.body.id),
        );
        expect(refused.status).toBe(422);
        expect(Object.keys(refused.body.errors ?? {})).toEqual(['subjects.0.violationFlagId']);
        const accepted = await apiCall<{ reference: string }>(
          page,
          'POST',
          '/disclosures',
          disclosure(subject.body.id),
        );
        expect(accepted.status).toBe(201);
        expect(accepted.body.reference).toMatch(/^DL-/);
      });
    },
    JOURNEY_MS,
  );
});
