import type { Browser, Page } from 'playwright-core';

import {
  apiCall,
  expectText,
  fillInput,
  pageForm,
  launchBrowser,
  mainMenu,
  runInBrowser,
  screenshot,
  signInToConsole,
  textOf,
  visible,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Staff record a disclosure in the console (the basis rules answer as they type); the recorder
// never sees an approve button; a compliance officer approves it; the subject's page then
// shows it in their accounting, in both views.

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

function isoDay(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('the disclosure log in the console', () => {
  it(
    'records a disclosure with the basis checked as you type, and a second person approves it',
    async () => {
      const stamp = Date.now();
      const subjectName = `Dora Disclosed ${stamp}`;
      let subjectId = '';
      let showUrl = '';
      let reference = '';

      await inBrowser('disclosure-staff', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const subject = await apiCall<{ id: string }>(page, 'POST', '/subjects', {
          name: subjectName,
          email: `dora.${stamp}@example.test`,
        });
        expect(subject.status).toBe(201);
        subjectId = subject.body.id;

        await mainMenu(page).getByRole('menuitem', { name: 'Disclosures' }).click();
        await page.getByRole('link', { name: 'Record a disclosure' }).click();
        await page.waitForURL(/#\/disclosures\/create$/);
        await fillInput(
          (await pageForm(page)).getByRole('textbox', { name: /^Recipient$/ }),
          'Parcel Express',
        );
        await page.getByRole('combobox', { name: 'Recipient type' }).click();
        await page.getByRole('option', { name: 'Service provider' }).click();

        // The basis rules answer as the basis changes, before anything is sent.
        await page.getByRole('combobox', { name: 'Basis' }).click();
        await page.getByRole('option', { name: 'Court order or other legal process' }).click();
        await expectText(page.getByTestId('basis-check'), /Link the legal-process record/);
        await page.getByRole('combobox', { name: 'Basis' }).click();
        await page.getByRole('option', { name: 'Consent of the person' }).click();
        await expectText(page.getByTestId('basis-check'), /Consent needs its evidence/);
        await page.getByRole('combobox', { name: 'Basis' }).click();
        await page
          .getByRole('option', { name: 'To provide a service the person asked for' })
          .click();
        await expectText(page.getByTestId('basis-check'), /Name at least one subject/);

        await fillInput(page.getByRole('textbox', { name: /^Purpose/ }), 'Deliver the parcel');
        await page.getByRole('checkbox', { name: 'Name' }).check();
        await page.getByRole('checkbox', { name: 'Address line 1' }).check();
        await page.getByLabel(/^Disclosed on/).fill(isoDay(-1));
        await page.getByRole('button', { name: 'Add' }).click();
        await page.getByRole('combobox', { name: 'Subject' }).fill(subjectName);
        await page.getByRole('option', { name: new RegExp(subjectName) }).click();
        await expectText(page.getByTestId('basis-check'), /The basis rules are met/);
        await screenshot(page, 'disclosure-01-form', true);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/disclosures\/[^/]+\/show$/);
        showUrl = page.url();
        await expectText(page.getByTestId('review-status'), 'Pending compliance review');
        reference = await textOf(page.getByText(/^DL-\d{4}-\d{6}$/).first());
        // The recorder is never offered the approval.
        expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
        await screenshot(page, 'disclosure-02-recorded', true);
      });
      expect(reference).toMatch(/^DL-\d{4}-\d{6}$/);

      await inBrowser('disclosure-officer', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await mainMenu(page).getByRole('menuitem', { name: 'Review queue' }).click();
        await visible(page.getByTestId('review-queue').getByRole('link', { name: reference }));
        await page.goto(showUrl);
        await page.getByRole('button', { name: 'Approve' }).click();
        await expectText(page.getByTestId('review-status'), 'Approved');
        // Approved: no more review actions; amending is for staff, who record.
        expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
        expect(await page.getByRole('link', { name: 'Amend' }).count()).toBe(0);
        await screenshot(page, 'disclosure-03-approved', true);

        // The subject's page: the accounting, and the subject's own view.
        await page.goto(`${server.baseUrl}/#/subjects/${subjectId}/show`);
        const table = page.getByTestId('subject-accounting');
        await visible(table.getByRole('cell', { name: new RegExp(reference) }));
        await page.getByLabel(/Show the subject's view/).check();
        await visible(table.getByRole('cell', { name: /Parcel Express/ }));
        expect(await table.getByText(reference).count()).toBe(0);
        await screenshot(page, 'disclosure-04-subject-view', true);
      });

      // A mistake found later is fixed by an amending record, prefilled from the original.
      await inBrowser('disclosure-amend', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        await page.goto(showUrl);
        await expectText(page.getByTestId('review-status'), 'Approved');
        expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
        await page.getByRole('link', { name: 'Amend' }).click();
        await page.waitForURL(/#\/disclosures\/create/);
        // The form opens prefilled from the original (the basis panel sees a complete record).
        await expectText(page.getByTestId('basis-check'), /The basis rules are met/);
        expect(await page.getByRole('textbox', { name: /^Recipient$/ }).inputValue()).toBe(
          'Parcel Express',
        );
        await page.getByRole('checkbox', { name: 'City' }).check();
        await expectText(page.getByTestId('basis-check'), /The basis rules are met/);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/disclosures\/[^/]+\/show$/);
        await visible(page.getByRole('link', { name: reference }));
        await expectText(page.getByTestId('review-status'), 'Pending compliance review');
        await screenshot(page, 'disclosure-05-amendment', true);
      });
    },
    JOURNEY_MS,
  );

  it(
    'accepts a ToS-violation disclosure for a subject with a confirmed flag, and refuses it for another',
    async () => {
      const stamp = Date.now();
      const flaggedName = `Fred Flagged ${stamp}`;
      const otherName = `Olga Other ${stamp}`;
      const ids: Record<string, string> = {};
      let flagRef = '';

      await inBrowser('tos-setup-staff', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        for (const [key, name] of [
          ['flagged', flaggedName],
          ['other', otherName],
        ] as const) {
          const res = await apiCall<{ id: string }>(page, 'POST', '/subjects', {
            name,
            email: `${key}.${stamp}@example.test`,
          });
          expect(res.status).toBe(201);
          ids[key] = res.body.id;
        }
        const flag = await apiCall<{ id: string; reference: string; version: number }>(
          page,
          'POST',
          '/violations',
          {
            subjectId: ids.flagged,
            category: 'fraud',
            severity: 'high',
            termsClause: '4.2 Prohibited uses',
            description: 'Card testing',
            source: 'monitoring_review',
          },
        );
        expect(flag.status).toBe(201);
        ids.flag = flag.body.id;
        flagRef = flag.body.reference;
      });

      await inBrowser('tos-setup-officer', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        const started = await apiCall<{ version: number }>(
          page,
          'POST',
          `/violations/${ids.flag}/actions/start_review`,
          { version: 1 },
        );
        expect(started.status).toBe(200);
        const confirmed = await apiCall(page, 'POST', `/violations/${ids.flag}/actions/confirm`, {
          version: started.body.version,
          reason: 'The logs show it',
          enforcementAction: 'suspension',
        });
        expect(confirmed.status).toBe(200);
      });

      await inBrowser('tos-disclosure', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        await page.goto(`${server.baseUrl}/#/disclosures/create`);
        await fillInput(page.getByRole('textbox', { name: /^Recipient$/ }), 'City Police');
        await page.getByRole('combobox', { name: 'Recipient type' }).click();
        await page.getByRole('option', { name: 'Law enforcement' }).click();
        await page.getByRole('combobox', { name: 'Basis' }).click();
        await page.getByRole('option', { name: 'Terms of Service violation' }).click();
        await fillInput(page.getByRole('textbox', { name: /^Purpose/ }), 'Report the fraud');
        await page.getByRole('checkbox', { name: 'Email' }).check();
        await page.getByLabel(/^Disclosed on/).fill(isoDay(-1));

        // The other subject has no confirmed flag: the console says so, and so does the server.
        await page.getByRole('button', { name: 'Add' }).click();
        await page.getByRole('combobox', { name: 'Subject' }).fill(otherName);
        await page.getByRole('option', { name: new RegExp(otherName) }).click();
        await expectText(page.getByTestId('basis-check'), /Cite a confirmed violation flag/);
        const refused = await apiCall<{ errors: Record<string, string> }>(
          page,
          'POST',
          '/disclosures',
          {
            recipientName: 'City Police',
            recipientType: 'law_enforcement',
            basis: 'tos_violation',
            purpose: 'Report the fraud',
            dataCategories: ['email'],
            disclosedAt: isoDay(-1),
            subjects: [{ subjectId: ids.other, violationFlagId: ids.flag }],
          },
        );
        expect(refused.status).toBe(422);
        expect(refused.body.errors['subjects.0.violationFlagId']).toContain(otherName);

        // The flagged subject, citing the confirmed flag: accepted.
        await page.getByRole('combobox', { name: 'Subject' }).fill(flaggedName);
        await page.getByRole('option', { name: new RegExp(flaggedName) }).click();
        await page.getByRole('combobox', { name: 'Confirmed violation flag' }).click();
        await page.getByRole('option', { name: flagRef }).click();
        await expectText(page.getByTestId('basis-check'), /The basis rules are met/);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/disclosures\/[^/]+\/show$/);
        await visible(page.getByText(new RegExp(`flag ${flagRef}`)));
        await screenshot(page, 'disclosure-06-tos-violation', true);
      });
    },
    JOURNEY_MS,
  );
});
