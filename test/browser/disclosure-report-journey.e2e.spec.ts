import type { Browser } from 'playwright-core';

import {
  apiCall,
  expectText,
  launchBrowser,
  runInBrowser,
  screenshot,
  signInToConsole,
  visible,
  WAIT_MS,
} from '../support/browser.js';
import { insertJob } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/server.js';

// A subject's disclosure report leaves out a disclosure made under a gagged court order. When
// the order lapses, the lapse task marks the sent report incomplete and queues a follow-up,
// whose report includes the court order's disclosure.

const JOURNEY_MS = 240_000;
const SEALED = 'Sealed Court of Records';

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

interface Created {
  id: string;
  reference: string;
  version: number;
}

async function created<T = Created>(
  answer: Promise<{ status: number; body: unknown }>,
  expected = 201,
): Promise<T> {
  const { status, body } = await answer;
  if (status !== expected)
    throw new Error(`expected ${expected}, got ${status}: ${JSON.stringify(body)}`);
  return body as T;
}

describe('the disclosure report', () => {
  it(
    'leaves out a gagged court order, and includes it in the follow-up after the lapse',
    async () => {
      const tag = Date.now().toString(36);
      let subjectId = '';
      let processId = '';
      const disclosureIds: Created[] = [];
      let firstReport: Created | undefined;

      await runInBrowser(browser, 'disclosure-report-setup', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        subjectId = (
          await created(
            apiCall(page, 'POST', '/subjects', {
              name: `Rhea Report ${tag}`,
              email: `report-${tag}@example.com`,
            }),
          )
        ).id;
        const process = await created(
          apiCall(page, 'POST', '/legal-process', {
            type: 'court_order',
            issuingAuthority: 'District Court of Example',
            jurisdiction: 'US-CA',
            receivedAt: isoDay(-10),
            responseDueOn: isoDay(10),
            subjectIds: [subjectId],
            dataCategories: ['name', 'email'],
            gagOrder: true,
            gagUntil: isoDay(60),
          }),
        );
        processId = process.id;
        for (const body of [
          {
            recipientName: 'Parcel Co',
            recipientType: 'service_provider',
            basis: 'service_delivery',
            purpose: 'Ship the order the person placed',
            dataCategories: ['name', 'addressLine1'],
            disclosedAt: isoDay(-5),
            subjects: [{ subjectId }],
          },
          {
            recipientName: SEALED,
            recipientType: 'court',
            basis: 'legal_process',
            legalProcessId: processId,
            purpose: 'Production under seal',
            dataCategories: ['name', 'email'],
            disclosedAt: isoDay(-3),
            subjects: [{ subjectId }],
          },
        ])
          disclosureIds.push(await created(apiCall(page, 'POST', '/disclosures', body)));
        firstReport = await created(
          apiCall(page, 'POST', '/requests', {
            kind: 'disclosure_report',
            channel: 'phone',
            jurisdiction: 'gdpr',
            requesterName: `Rhea Report ${tag}`,
            requesterEmail: `report-${tag}@example.com`,
            receivedAt: isoDay(0),
            subjectId,
            payload: { periodStart: isoDay(-30), periodEnd: isoDay(0) },
          }),
        );
      });

      await runInBrowser(browser, 'disclosure-report-approve', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        for (const d of disclosureIds)
          await created(
            apiCall(page, 'POST', `/disclosures/${d.id}/approve`, { version: d.version }),
            200,
          );
      });

      await runInBrowser(browser, 'disclosure-report-send', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        await page.goto(`${server.baseUrl}/#/requests/${firstReport!.id}/show`);
        await page.getByRole('button', { name: 'Claim' }).click();
        const rows = page.getByTestId('disclosure-report-rows');
        await visible(rows.getByText(/Parcel Co/));
        // The gagged court order is nowhere: not in the rows, not in the letter.
        expect(await page.getByText(SEALED).count()).toBe(0);
        const letter = page.frameLocator('[data-testid="disclosure-report-letter"]');
        await visible(letter.getByText(/Parcel Co/).first());
        expect(await letter.getByText(SEALED).count()).toBe(0);
        await screenshot(page, 'disclosure-report-01-preview', true);
        await page.getByRole('button', { name: 'Send report' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Send report' }).click();
        await expectText(page.getByTestId('disclosure-report-sent'), /Sent/);
        await expectText(
          page.getByTestId('request-show').getByTestId('request-status').first(),
          'Completed',
        );
        expect(await page.getByText(SEALED).count()).toBe(0);
        await screenshot(page, 'disclosure-report-02-sent', true);

        // The gag order lapses (its last day was yesterday) and the lapse task runs.
        const process = await created<Created & { version: number }>(
          apiCall(page, 'GET', `/legal-process/${processId}`),
          200,
        );
        await created(
          apiCall(page, 'PUT', `/legal-process/${processId}`, {
            version: process.version,
            gagOrder: true,
            gagUntil: isoDay(-1),
          }),
          200,
        );
      });
      await insertJob(server, {
        type: 'legal_process.gag_lapse',
        status: 'pending',
        attempts: 0,
        maxAttempts: 1,
      });

      await runInBrowser(browser, 'disclosure-report-follow-up', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        // The earlier report says it was incomplete, once the task has run.
        await page.goto(`${server.baseUrl}/#/requests/${firstReport!.id}/show`);
        const deadline = Date.now() + WAIT_MS;
        const warning = page.getByTestId('disclosure-report-incomplete');
        while ((await warning.count()) === 0) {
          if (Date.now() > deadline) throw new Error('The lapse task did not mark the report');
          await page.waitForTimeout(250);
          await page.reload();
          await visible(page.getByTestId('request-show'));
        }
        await expectText(warning, /incomplete: it left out legal process LP-\d{4}-\d{6}/);
        const followUpReference = /follow-up (PR-\d{4}-\d{6})/.exec(await warning.innerText())![1]!;
        await screenshot(page, 'disclosure-report-03-incomplete', true);

        // The follow-up, from the queue: same period, linked to the earlier report.
        const list = await created<Array<{ id: string; reference: string }>>(
          apiCall(
            page,
            'GET',
            `/requests?filter=${encodeURIComponent(JSON.stringify({ q: followUpReference }))}`,
          ),
          200,
        );
        const followUp = list.find((r) => r.reference === followUpReference)!;
        expect(followUp).toBeDefined();
        await page.goto(`${server.baseUrl}/#/requests/${followUp.id}/show`);
        await expectText(
          page.getByTestId('disclosure-report-follow-up'),
          new RegExp(`^Follow-up of ${firstReport!.reference}: .*left out a disclosure`),
        );
        await page.getByRole('button', { name: 'Claim' }).click();
        const rows = page.getByTestId('disclosure-report-rows');
        await visible(rows.getByText(new RegExp(SEALED)));
        await visible(rows.getByText(/Parcel Co/));
        const letter = page.frameLocator('[data-testid="disclosure-report-letter"]');
        await visible(letter.getByText(SEALED).first());
        await screenshot(page, 'disclosure-report-04-follow-up', true);
        await page.getByRole('button', { name: 'Send report' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Send report' }).click();
        await expectText(page.getByTestId('disclosure-report-sent'), /Sent/);
      });
    },
    JOURNEY_MS,
  );
});
