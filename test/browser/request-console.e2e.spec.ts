import type { Browser, Locator, Page } from 'playwright-core';

import {
  apiCall,
  expectText,
  fillFields,
  fillInput,
  pageForm,
  launchBrowser,
  mainMenu,
  runInBrowser,
  screenshot,
  signInToConsole,
  textOf,
  visible,
  WAIT_MS,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The rest of the request console against the real server: staff entry, subjects with their
// change history, linking, the outbox, bulk actions, the empty queue, a refused extension,
// the deadline badges, and API keys. No SMTP here: mail is held in the outbox.

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

interface RequestJson {
  id: string;
  reference: string;
  status: string;
  version: number;
  extensionAvailable: boolean;
  dueDate: string;
}

/** YYYY-MM-DD, `days` from today (UTC, the server's default business zone). */
function isoDay(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function enterRequest(
  page: Page,
  fields: {
    requesterName: string;
    requesterEmail: string;
    receivedAt?: string;
    jurisdiction?: string;
  },
): Promise<RequestJson> {
  const answer = await apiCall<RequestJson>(page, 'POST', '/requests', {
    kind: 'access',
    channel: 'email',
    jurisdiction: fields.jurisdiction ?? 'gdpr',
    requesterName: fields.requesterName,
    requesterEmail: fields.requesterEmail,
    receivedAt: fields.receivedAt ?? isoDay(),
    payload: { format: 'pdf' },
  });
  expect(answer.status).toBe(201);
  return answer.body;
}

async function openMenu(page: Page, label: string): Promise<void> {
  await mainMenu(page).getByRole('menuitem', { name: label }).click();
}

async function waitInvalid(input: Locator): Promise<void> {
  await input
    .page()
    .waitForFunction(
      (element) => element?.getAttribute('aria-invalid') === 'true',
      await input.elementHandle(),
      { timeout: WAIT_MS },
    );
}

describe('the request console', () => {
  it(
    'tells staff when the queue is empty',
    async () => {
      await inBrowser('console-empty-queue', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        // Journeys before this one may have left requests in the queue: take them first.
        for (let taken = 0; taken < 100; taken += 1) {
          const next = await apiCall(page, 'POST', '/requests/claim-next', {});
          if (next.status === 404) break;
          expect(next.status).toBe(200);
        }
        await openMenu(page, 'Requests');
        await visible(page.getByRole('tablist', { name: 'Request views' }));
        // Staff start on their own queue.
        expect(
          await page.getByRole('tab', { name: 'My queue' }).getAttribute('aria-selected'),
        ).toBe('true');
        await page.getByRole('button', { name: 'Take next' }).click();
        await visible(page.getByText('The queue is empty'));
        expect(page.url()).toMatch(/#\/requests(\?|$)/);
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets staff enter a phone request, create and edit a subject, link it, and read the mail in the outbox',
    async () => {
      const stamp = Date.now();
      const subjectEmail = `otto.${stamp}@example.test`;
      const requesterEmail = `otto.phone.${stamp}@example.test`;
      await inBrowser('console-staff-entry', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');

        // A subject: the server refuses a phone number that is not one, beside the input.
        await openMenu(page, 'Subjects');
        await page.getByRole('link', { name: 'New subject' }).click();
        await page.waitForURL(/#\/subjects\/create$/);
        const subjectForm = await pageForm(page);
        const phone = subjectForm.getByRole('textbox', { name: /^Phone/ });
        await fillFields([
          [subjectForm.getByRole('textbox', { name: /^Name/ }), 'Otto Optout'],
          [subjectForm.getByRole('textbox', { name: /^Email/ }), subjectEmail],
          [phone, 'call me maybe'],
        ]);
        await page.getByRole('button', { name: 'Save' }).click();
        await waitInvalid(phone);
        expect(page.url()).toContain('#/subjects/create');
        await phone.fill('+49 30 1234567');
        await page.getByRole('textbox', { name: /^City/ }).fill('Berlin');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/subjects\/[^/]+\/show$/);
        await expectText(page.getByTestId('subject-name'), 'Otto Optout');
        expect(await textOf(page.getByText('+49301234567').first())).toBe('+49301234567');

        // An edit, sent with the version loaded, lands in the change history.
        await page.getByRole('link', { name: 'Edit' }).click();
        await page.waitForURL(/#\/subjects\/[^/]+$/);
        const city = page.getByRole('textbox', { name: /^City/ });
        await page.waitForFunction(
          (input) => (input as HTMLInputElement | null)?.value === 'Berlin',
          await city.elementHandle(),
        );
        await city.fill('Hamburg');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/subjects\/[^/]+\/show$/);
        const history = page.getByRole('table', { name: 'Change history' });
        const cityChange = history.getByRole('row').filter({ hasText: 'Hamburg' });
        await visible(cityChange);
        expect(await textOf(cityChange)).toContain('Berlin');
        await screenshot(page, 'request-console-subject', true);

        // A request received by phone, entered by hand.
        await openMenu(page, 'Requests');
        await page.getByRole('link', { name: 'New request' }).click();
        await page.waitForURL(/#\/requests\/create$/);
        await page.getByRole('combobox', { name: 'Kind' }).click();
        await page.getByRole('option', { name: 'Opt-out of contact' }).click();
        await page.getByRole('combobox', { name: 'Received by' }).click();
        await page.getByRole('option', { name: 'Phone' }).click();
        await page.getByRole('combobox', { name: 'Jurisdiction' }).click();
        await page.getByRole('option', { name: 'CAN-SPAM' }).click();
        await fillInput(page.getByRole('textbox', { name: /^Requester name/ }), 'Otto Optout');
        // Another address than the subject's, so the server cannot link them by itself.
        await page.getByRole('textbox', { name: /^Requester email/ }).fill(requesterEmail);
        // Today by default. A later date is refused by the form under the field, not by a
        // browser bubble (console-feedback journey), so the input has no max of its own.
        const receivedOn = page.getByLabel(/^Received on/);
        const today = await receivedOn.inputValue();
        expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(await receivedOn.getAttribute('max')).toBeNull();
        await page.getByRole('checkbox', { name: 'Email' }).check();
        await page.getByRole('checkbox', { name: 'Marketing contact' }).check();
        await screenshot(page, 'request-console-entry-form', true);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/requests\/[^/]+\/show$/);
        const reference = await textOf(page.getByTestId('request-reference'));
        expect(reference).toMatch(/^PR-\d{4}-\d{6}$/);
        await expectText(page.getByTestId('request-status'), 'New (queued)');
        // A date where only the day means something reads as a date, not midnight.
        const dayOnly = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'medium' });
        expect(await textOf(page.getByTestId('request-received'))).toBe(
          dayOnly.format(new Date(`${today}T12:00:00Z`)),
        );
        const optOut = page.getByTestId('opt-out');
        await visible(optOut.getByText('Marketing contact'));
        await visible(optOut.getByText('Email'));
        // CAN-SPAM gives ten business days for an opt-out.
        expect(await textOf(page.getByTestId('clock-explanation'))).toContain('10 business days');

        // Link the subject just created, found by name.
        await page.getByRole('button', { name: 'Link subject' }).click();
        const dialog = page.getByRole('dialog', { name: 'Link a subject' });
        await dialog.getByRole('combobox', { name: 'Subject' }).fill('Otto Optout');
        // The options open in a popper outside the dialog.
        await page
          .getByRole('option', { name: new RegExp(`Otto Optout · ${subjectEmail}`) })
          .click();
        await dialog.getByRole('button', { name: 'Link' }).click();
        await dialog.waitFor({ state: 'detached' });
        const subjectLink = page.getByTestId('request-subject');
        await expectText(subjectLink, 'Otto Optout');
        await screenshot(page, 'request-console-entered', true);

        // The subject's page lists the request.
        await subjectLink.click();
        await page.waitForURL(/#\/subjects\/[^/]+\/show$/);
        await visible(page.getByRole('cell', { name: reference }));

        // The acknowledgement waits in the outbox (no SMTP server here: held).
        await openMenu(page, 'Outbox');
        const mailCell = page.getByRole('cell', { name: requesterEmail }).first();
        await visible(mailCell);
        const mailRow = page.getByRole('row').filter({ has: mailCell });
        expect(await textOf(mailRow)).toContain('acknowledgement');
        await mailCell.click();
        await page.waitForURL(/#\/outbox\/[^/]+\/show$/);
        expect(await textOf(page.getByTestId('outbox-body'))).toContain(reference);
        expect(
          await page
            .getByTestId('outbox-body')
            .evaluate((element) => getComputedStyle(element).fontFamily),
        ).toMatch(/monospace/);
        await screenshot(page, 'request-console-outbox');
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets a manager assign in bulk and staff reject in bulk, with a result per request',
    async () => {
      const stamp = `bulk${Date.now()}`;
      const names = ['Ada', 'Ben', 'Cy'].map((first) => `${first} ${stamp}`);
      const references: string[] = [];
      await inBrowser('console-bulk-setup', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        for (const name of names) {
          const request = await enterRequest(page, {
            requesterName: name,
            requesterEmail: `${name.split(' ')[0]!.toLowerCase()}.${stamp}@example.test`,
          });
          references.push(request.reference);
          if (name.startsWith('Cy')) {
            const rejected = await apiCall(page, 'POST', `/requests/${request.id}/actions/reject`, {
              version: request.version,
              reason: 'Sent twice',
            });
            expect(rejected.status).toBe(200);
          }
        }
      });

      await inBrowser('console-bulk-assign', async (page) => {
        await signInToConsole(page, server.baseUrl, 'manager@demo.test');
        await openMenu(page, 'Requests');
        await page.getByRole('tab', { name: 'Unassigned' }).click();
        await page.getByPlaceholder(/^Reference/).fill(stamp);
        for (const reference of references.slice(0, 2)) {
          const row = page
            .getByRole('row')
            .filter({ has: page.getByRole('cell', { name: reference }) });
          await row.getByRole('checkbox').check();
        }
        await page.getByRole('button', { name: 'Assign to…' }).click();
        const dialog = page.getByRole('dialog', { name: /^Assign 2 requests/ });
        await dialog.getByRole('combobox', { name: 'Assignee' }).click();
        await page.getByRole('option', { name: 'Sam Staff' }).click();
        await dialog.getByRole('button', { name: 'Assign' }).click();
        const results = page.getByRole('dialog', { name: 'Assign: 2 done' });
        await visible(results);
        expect(await textOf(results.getByRole('list', { name: 'Results' }))).toContain(
          references[0]!,
        );
        await screenshot(page, 'request-console-bulk-assign');
        await results.getByRole('button', { name: 'Close' }).click();

        await page.getByRole('tab', { name: 'All' }).click();
        for (const reference of references.slice(0, 2)) {
          const row = page
            .getByRole('row')
            .filter({ has: page.getByRole('cell', { name: reference }) });
          await expectText(row.getByTestId('request-status'), 'In progress');
          expect(await textOf(row)).toContain('Sam Staff');
        }
      });

      await inBrowser('console-bulk-reject', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        await openMenu(page, 'Requests');
        await page.getByRole('tab', { name: 'All' }).click();
        await page.getByPlaceholder(/^Reference/).fill(stamp);
        for (const reference of references) {
          const row = page
            .getByRole('row')
            .filter({ has: page.getByRole('cell', { name: reference }) });
          await row.getByRole('checkbox').check();
        }
        await page.getByRole('button', { name: 'Reject' }).click();
        const dialog = page.getByRole('dialog', { name: /^Reject 3 requests/ });
        await dialog.getByLabel('Reason').fill('We hold no information about you.');
        await dialog.getByRole('button', { name: 'Reject' }).click();
        const results = page.getByRole('dialog', { name: 'Reject: 2 done, 1 refused' });
        await visible(results);
        const refused = results.locator('[data-ok="false"]');
        expect(await textOf(refused)).toContain(references[2]!);
        await screenshot(page, 'request-console-bulk-reject');
        await results.getByRole('button', { name: 'Close' }).click();
        for (const reference of references.slice(0, 2)) {
          const row = page
            .getByRole('row')
            .filter({ has: page.getByRole('cell', { name: reference }) });
          await expectText(row.getByTestId('request-status'), 'Rejected');
        }
      });
    },
    JOURNEY_MS,
  );

  it(
    'colours overdue requests, and shows why an extension was refused',
    async () => {
      const stamp = `clock${Date.now()}`;
      await inBrowser('console-clock', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const late = await enterRequest(page, {
          requesterName: `Late ${stamp}`,
          requesterEmail: `late.${stamp}@example.test`,
          receivedAt: isoDay(-75),
        });
        const fresh = await enterRequest(page, {
          requesterName: `Fresh ${stamp}`,
          requesterEmail: `fresh.${stamp}@example.test`,
        });
        expect(fresh.extensionAvailable).toBe(true);

        await openMenu(page, 'Requests');
        await page.getByRole('tab', { name: 'Overdue' }).click();
        const lateRow = page
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: late.reference }) });
        await visible(lateRow);
        const badge = lateRow.getByTestId('due-badge');
        expect(await badge.getAttribute('data-deadline')).toBe('overdue');
        expect(await textOf(badge)).toContain('Overdue');
        await badge.hover();
        expect(await textOf(page.getByRole('tooltip'))).toMatch(/GDPR Art\. 12\(3\)/);
        await screenshot(page, 'request-console-overdue');

        // An overdue GDPR request can no longer be extended: no button, and the reason.
        await lateRow.getByRole('cell', { name: late.reference }).click();
        await page.waitForURL(/#\/requests\/[^/]+\/show$/);
        await visible(page.getByText(/^No extension: /));
        expect(await page.getByRole('button', { name: 'Extend deadline' }).count()).toBe(0);

        // Someone extends the fresh one while it is open here: the server's refusal is shown.
        await page.goto(`${server.baseUrl}/#/requests/${fresh.id}/show`);
        await visible(page.getByRole('button', { name: 'Extend deadline' }));
        const meanwhile = await apiCall<RequestJson>(page, 'POST', `/requests/${fresh.id}/extend`, {
          version: fresh.version,
          reason: 'The copy needs a search of the archive.',
        });
        expect(meanwhile.status).toBe(200);
        await page.getByRole('button', { name: 'Extend deadline' }).click();
        const dialog = page.getByRole('dialog', { name: 'Extend the deadline' });
        await dialog.getByLabel('Reason for the extension').fill('Needs more time.');
        await dialog.getByRole('button', { name: 'Extend' }).click();
        // First the version the page held is stale; the page reloads the request.
        await expectText(dialog.getByTestId('dialog-error'), /Someone else changed this request/);
        // Trying again with the fresh version, the server says why it refuses.
        await dialog.getByRole('button', { name: 'Extend' }).click();
        await expectText(dialog.getByTestId('dialog-error'), /already been extended/);
        await screenshot(page, 'request-console-extension-refused');
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        // The page reloaded the request: extended, no more button.
        await visible(page.getByTestId('extension'));
        expect(await textOf(page.getByTestId('extension'))).toContain('search of the archive');
        expect(await page.getByRole('button', { name: 'Extend deadline' }).count()).toBe(0);
        await expectText(
          page.getByTestId('request-show').getByTestId('due-badge').first(),
          new RegExp(meanwhile.body.dueDate),
        );
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets an admin create an API key, see its secret once, and revoke it',
    async () => {
      const name = `Website form ${Date.now()}`;
      await inBrowser('console-api-keys', async (page) => {
        await signInToConsole(page, server.baseUrl, 'admin@demo.test');
        await openMenu(page, 'API keys');
        await page.getByRole('link', { name: 'New API key' }).click();
        await page.waitForURL(/#\/api-keys\/create$/);
        await fillInput((await pageForm(page)).getByRole('textbox', { name: /^Name/ }), name);
        expect(await page.getByRole('checkbox', { name: /requests:create/ }).isChecked()).toBe(
          true,
        );
        await page.getByRole('button', { name: 'Save' }).click();

        const dialog = page.getByRole('dialog', { name: `API key “${name}” created` });
        const secret = await textOf(dialog.getByTestId('api-key-secret'));
        expect(secret.length).toBeGreaterThan(20);
        await visible(dialog.getByText(/shown only once/));
        await visible(dialog.getByRole('button', { name: 'Copy the secret' }));
        await screenshot(page, 'request-console-api-key-secret');

        const whoami = (key: string) =>
          page.evaluate(async (bearer) => {
            const response = await fetch('/api/api-keys/whoami', {
              headers: { Authorization: `Bearer ${bearer}` },
              credentials: 'omit',
            });
            return response.status;
          }, key);
        expect(await whoami(secret)).toBe(200);

        await dialog.getByRole('button', { name: 'I have stored the secret' }).click();
        await page.waitForURL(/#\/api-keys(\?|$)/);
        const cell = page.getByRole('cell', { name });
        await visible(cell);
        const row = page.getByRole('row').filter({ has: cell });
        expect(await textOf(row)).toContain('requests:create');
        expect(await textOf(row)).not.toContain(secret);
        expect(await textOf(row)).toContain('Active');

        await row.getByRole('button', { name: 'Revoke' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
        await visible(page.getByText(`The key “${name}” is revoked`));
        await row.getByText('Active').waitFor({ state: 'detached' });
        expect(await row.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
        expect(await whoami(secret)).toBe(401);
        await screenshot(page, 'request-console-api-key-revoked');
      });
    },
    JOURNEY_MS,
  );
  it(
    'lets staff merge a likely duplicate into its original from the warning',
    async () => {
      const email = `twice.${Date.now()}@example.test`;
      await inBrowser('console-duplicate-merge', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const original = await enterRequest(page, {
          requesterName: 'Tess Twice',
          requesterEmail: email,
        });
        const duplicate = await enterRequest(page, {
          requesterName: 'Tess Twice',
          requesterEmail: email,
        });
        await page.goto(`${server.baseUrl}/#/requests/${duplicate.id}/show`);
        const warning = await visible(page.getByTestId('duplicate-warning'));
        await expectText(warning, new RegExp(`duplicate of\\s+${original.reference}`));
        await warning.getByRole('button', { name: 'Merge into original' }).click();
        await page.waitForSelector('[data-testid="request-show"][data-status="rejected"]', {
          timeout: WAIT_MS,
        });
        // The notification and the timeline both say it; the timeline is what stays.
        await visible(page.getByTestId('timeline').getByText(`Merged into ${original.reference}`));
        await screenshot(page, 'request-duplicate-merged');
        const stored = await apiCall<{ status: string; reason: string }>(
          page,
          'GET',
          `/requests/${duplicate.id}`,
        );
        expect(stored.body.status).toBe('rejected');
        expect(stored.body.reason).toContain(original.reference);
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets staff resend the confirmation link of an unverified request, then mark it verified with a reason',
    async () => {
      const email = `unconfirmed.${Date.now()}@example.test`;
      await inBrowser('console-mark-verified', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        // A submission from the public form, waiting for its emailed link.
        const submitted = await apiCall(page, 'POST', '/public/requests', {
          kind: 'access',
          requesterName: 'Una Unconfirmed',
          requesterEmail: email,
          jurisdiction: 'gdpr',
          payload: { format: 'pdf' },
        });
        expect(submitted.status).toBe(202);
        const found = await apiCall<RequestJson[]>(
          page,
          'GET',
          `/requests?filter=${encodeURIComponent(JSON.stringify({ q: email }))}`,
        );
        const request = found.body[0]!;
        expect(request.status).toBe('unverified');

        await page.goto(`${server.baseUrl}/#/requests/${request.id}/show`);
        await page.waitForSelector('[data-testid="request-show"][data-status="unverified"]', {
          timeout: WAIT_MS,
        });
        const actions = page.getByRole('group', { name: 'Request actions' });
        await visible(actions.getByRole('button', { name: 'Resend the confirmation link' }));
        await visible(actions.getByRole('button', { name: 'Mark verified' }));

        // Sent moments ago at intake: a resend now is refused, and the page says why.
        await actions.getByRole('button', { name: 'Resend the confirmation link' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Resend' }).click();
        await visible(page.getByText(/sent less than 5 minutes ago/));
        await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

        await actions.getByRole('button', { name: 'Mark verified' }).click();
        const dialog = page.getByRole('dialog', { name: 'Mark the request verified' });
        await fillInput(
          dialog.getByRole('textbox', { name: /How was the identity confirmed/ }),
          'Identity checked by phone against the account record',
        );
        await dialog.getByRole('button', { name: 'Mark verified' }).click();
        await page.waitForSelector('[data-testid="request-show"][data-status="new"]', {
          timeout: WAIT_MS,
        });
        const timeline = page.getByTestId('timeline');
        await visible(timeline.getByText('Marked verified by Sam Staff'));
        await visible(timeline.getByText('Identity checked by phone against the account record'));
        // No SMTP here: the acknowledgement is held, and the timeline says so.
        await visible(
          timeline
            .getByText(
              'Email to the requester (acknowledgement): held in the outbox (no SMTP server is configured)',
            )
            .first(),
        );
        await screenshot(page, 'request-marked-verified');
      });
    },
    JOURNEY_MS,
  );
});
