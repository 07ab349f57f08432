import type { Browser, Page } from 'playwright-core';

import {
  apiCall,
  expectText,
  fillInput,
  launchBrowser,
  runInBrowser,
  signInToConsole,
  textOf,
  visible,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Minor review in the console against the real server: the request page shows the legal due
// date beside the desk's target date; staff erase a confirmed minor's data (the subject then
// shows as "Erased minor" and cannot be edited), or correct a wrong date of birth.

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

interface Row {
  id: string;
  version: number;
}

/** A subject recorded as a minor, and its minor review claimed by the signed-in staff member. */
async function claimedMinorReview(
  page: Page,
  name: string,
): Promise<{ subject: Row; review: Row }> {
  const subject = await apiCall<Row>(page, 'POST', '/subjects', {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.test`,
    city: 'Springfield',
    dateOfBirth: '2016-06-15',
  });
  expect(subject.status).toBe(201);
  const filter = encodeURIComponent(JSON.stringify({ subjectId: subject.body.id, view: 'all' }));
  const list = await apiCall<(Row & { kind: string })[]>(page, 'GET', `/requests?filter=${filter}`);
  const review = list.body.find((r) => r.kind === 'minor_review')!;
  expect(review).toBeDefined();
  const claimed = await apiCall<Row>(page, 'POST', `/requests/${review.id}/actions/claim`, {
    version: review.version,
  });
  expect(claimed.status).toBe(200);
  return { subject: subject.body, review: claimed.body };
}

describe('minor review in the console', () => {
  it(
    'erases a confirmed minor: the subject shows as Erased minor and cannot be edited',
    async () => {
      await runInBrowser(browser, 'minor-review-erase', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const { subject, review } = await claimedMinorReview(page, 'Mina Minor');

        await page.goto(`${server.baseUrl}/#/requests/${review.id}/show`);
        // The clock panel: the date the law allows and the date the desk aims for.
        expect(await textOf(page.getByTestId('legal-due-date'))).toMatch(
          /^\d{4}-\d{2}-\d{2} \(\w{3}\): the date the law allows$/,
        );
        expect(await textOf(page.getByTestId('target-date'))).toMatch(
          /^\d{4}-\d{2}-\d{2} \(\w{3}\): the date the desk aims for$/,
        );
        const panel = await visible(page.getByTestId('minor-review-panel'));
        await panel.getByRole('button', { name: 'Confirm age and erase data' }).click();
        await page
          .getByRole('dialog')
          .getByRole('button', { name: 'Confirm age and erase data' })
          .click();
        await expectText(page.getByTestId('request-status'), 'Completed');

        await page.goto(`${server.baseUrl}/#/subjects/${subject.id}/show`);
        await visible(page.getByTestId('subject-erased-notice'));
        await expectText(page.getByTestId('subject-name'), 'Erased minor');
        await visible(page.getByTestId('subject-erased'));
        expect(await page.getByText('Springfield').count()).toBe(0);
        expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
        // The change history went with the data.
        await visible(page.getByText('No changes yet.'));
      });
    },
    JOURNEY_MS,
  );

  it(
    'corrects a wrong date of birth: a date under 18 is refused, an adult one completes the review',
    async () => {
      await runInBrowser(browser, 'minor-review-dob', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const { subject, review } = await claimedMinorReview(page, 'Adam Adult');

        await page.goto(`${server.baseUrl}/#/requests/${review.id}/show`);
        const panel = await visible(page.getByTestId('minor-review-panel'));
        await panel.getByRole('button', { name: 'Correct date of birth' }).click();
        const dialog = page.getByRole('dialog');
        const field = dialog.getByRole('textbox', { name: /Date of birth/ });
        // A date the shared rules refuse is shown under the field, before anything is sent.
        const sent: string[] = [];
        page.on('request', (request) => {
          if (request.method() !== 'GET') sent.push(request.url());
        });
        await fillInput(field, '2999-01-01');
        await dialog.getByRole('button', { name: 'Correct' }).click();
        await visible(dialog.getByText('Cannot be in the future'));
        expect(sent).toEqual([]);
        await fillInput(field, '2012-01-01');
        await dialog.getByRole('button', { name: 'Correct' }).click();
        await expectText(dialog.getByTestId('dialog-error'), /under 18/);

        await fillInput(field, '1990-04-12');
        await dialog.getByRole('button', { name: 'Correct' }).click();
        await expectText(page.getByTestId('request-status'), 'Completed');

        await page.goto(`${server.baseUrl}/#/subjects/${subject.id}/show`);
        await expectText(page.getByTestId('subject-name'), 'Adam Adult');
        const history = await visible(page.getByTestId('subject-history'));
        await visible(history.getByRole('cell', { name: '1990-04-12' }));
        await visible(history.getByRole('cell', { name: /^PR-\d{4}-\d{6}$/ }));
      });
    },
    JOURNEY_MS,
  );
});
