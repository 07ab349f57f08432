import { addDays } from '@privacy-desk/shared';
import type { Browser, Page, Request } from 'playwright-core';

import {
  apiCall,
  DEMO_PASSWORD,
  expectText,
  fieldError,
  launchBrowser,
  openConsole,
  pageForm,
  runInBrowser,
  screenshot,
  signIn,
  signInToConsole,
  textOf,
  visible,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// How the console tells people what went wrong and what happened: the session is checked once,
// a page the role lacks says so once without asking the server, form errors show under their
// fields before anything is sent, and a save notice names the record.

const JOURNEY_MS = 120_000;

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

/** The API calls the page makes from now on, as "METHOD /api/path". */
function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) calls.push(`${request.method()} ${url.pathname}`);
  });
  return calls;
}

describe('the console’s feedback', () => {
  it(
    'asks the server who is signed in once on the login page, and checks the sign-in fields there',
    async () => {
      await inBrowser('feedback-login-once', async (page) => {
        const calls = recordApiCalls(page);
        await openConsole(page, server.baseUrl);
        // Nothing typed, then a name instead of an address: said under the fields, not sent.
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expectText(page.locator('#login-email-helper-text'), 'Is required');
        await expectText(page.locator('#login-password-helper-text'), 'Is required');
        await page.getByLabel('Email').fill('staff');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expectText(page.locator('#login-email-helper-text'), 'Must be a valid email address');
        expect(calls).not.toContain('POST /api/auth/login');
        // Everything the login page asked for by the time the person signs in.
        await signIn(page, 'staff@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        const beforeSignIn = calls.slice(0, calls.indexOf('POST /api/auth/login'));
        expect(beforeSignIn).toEqual(['GET /api/auth/me']);
      });
    },
    JOURNEY_MS,
  );

  it(
    'asks for the page a list address opens on while the console starts, and only once',
    async () => {
      await inBrowser('feedback-list-prefetch', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const defaults = await apiCall<{ today: string }>(page, 'GET', '/requests/entry-defaults');
        const entered = await apiCall<{ reference: string }>(page, 'POST', '/requests', {
          receivedAt: defaults.body.today,
          kind: 'access',
          channel: 'email',
          jurisdiction: 'gdpr',
          requesterName: 'Grace Prefetch',
          requesterEmail: `grace.prefetch.${Date.now()}@example.test`,
          payload: { format: 'pdf' },
        });
        expect(entered.status).toBe(201);
        // A list page's address as react-admin writes it once the list was used (a bookmark).
        const listAddress =
          '#/requests?' +
          new URLSearchParams({
            filter: JSON.stringify({ view: 'all' }),
            order: 'ASC',
            page: '1',
            perPage: '25',
            sort: 'dueAt',
          }).toString();
        // A fresh load of that address in a second tab of the signed-in browser.
        const tab = await page.context().newPage();
        const tabErrors: string[] = [];
        tab.on('pageerror', (error) => tabErrors.push(error.message));
        await tab.addInitScript(() => {
          // When React first replaced index.html's loading shell: the console's first drawing.
          const marks = window as unknown as { drawnAt?: number };
          const observer = new MutationObserver(() => {
            const root = document.getElementById('root');
            if (!root || root.querySelector('.loading-note')) return;
            marks.drawnAt = performance.now();
            observer.disconnect();
          });
          observer.observe(document, { childList: true, subtree: true });
        });
        const calls = recordApiCalls(tab);
        await tab.goto(`${server.baseUrl}/${listAddress}`);
        await visible(
          tab.locator('table tbody td.column-reference', { hasText: entered.body.reference }),
        );
        const timing = await tab.evaluate(() => ({
          drawnAt: (window as unknown as { drawnAt?: number }).drawnAt,
          listAskedAt: performance
            .getEntriesByType('resource')
            .find((entry) => new URL(entry.name).pathname === '/api/requests')?.startTime,
        }));
        // The page was asked for before the console drew anything: react-admin alone asks only
        // once its list has mounted.
        expect(timing.listAskedAt).toBeDefined();
        expect(timing.drawnAt).toBeDefined();
        expect(timing.listAskedAt!).toBeLessThan(timing.drawnAt!);
        // The list took that answer instead of asking again, and the session was asked once:
        // the page's preload of /api/auth/me is the request session.ts reads.
        await tab.waitForTimeout(500);
        expect(calls.filter((call) => call === 'GET /api/requests')).toHaveLength(1);
        expect(calls.filter((call) => call === 'GET /api/auth/me')).toHaveLength(1);
        expect(tabErrors).toEqual([]);
      });
    },
    JOURNEY_MS,
  );

  it(
    'shows a page the role lacks as one message, without asking the server for it',
    async () => {
      await inBrowser('feedback-access-denied', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const calls = recordApiCalls(page);
        const refused: string[] = [];
        page.on('response', (response) => {
          if (response.status() === 403) refused.push(response.url());
        });
        await page.goto(`${server.baseUrl}/#/users`);
        const denied = await visible(page.getByTestId('access-denied'));
        expect(await textOf(denied.getByRole('heading'))).toBe('Access denied');
        expect(await textOf(denied.getByRole('paragraph'))).toBe(
          'The Staff role does not open Users. If your work needs it, ask an admin to change your role.',
        );
        expect(await page.getByText('Access denied', { exact: true }).count()).toBe(1);
        await screenshot(page, 'feedback-access-denied');
        // A report page, outside the resources, likewise.
        await page.goto(`${server.baseUrl}/#/reports/sla`);
        await expectText(
          page.getByTestId('access-denied').getByRole('paragraph'),
          'The Staff role does not open the SLA report. If your work needs it, ask an admin to change your role.',
        );
        // A page the role may open, loaded after it: whatever the denied page asked for was
        // asked before, and a refusal's notice would still be on screen.
        const subjectsListed = page.waitForResponse((response) =>
          new URL(response.url()).pathname.startsWith('/api/subjects'),
        );
        await page
          .getByRole('menu', { name: 'Main menu' })
          .getByRole('menuitem', { name: 'Subjects' })
          .click();
        expect((await subjectsListed).status()).toBe(200);
        expect(await page.locator('.MuiSnackbar-root').count()).toBe(0);
        expect(
          calls.filter((call) => call.startsWith('GET /api/users') || call.includes('/reports')),
        ).toEqual([]);
        expect(refused).toEqual([]);
      });
    },
    JOURNEY_MS,
  );

  it(
    'shows what a new subject lacks under each field before sending it, then names the subject it created',
    async () => {
      await inBrowser('feedback-new-subject', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const defaults = await apiCall<{ today: string }>(page, 'GET', '/requests/entry-defaults');
        const tomorrow = addDays(defaults.body.today, 1);
        const email = `ada.byron.${Date.now()}@example.test`;
        const calls = recordApiCalls(page);

        await page.goto(`${server.baseUrl}/#/subjects/create`);
        const form = await pageForm(page);
        const save = form.getByRole('button', { name: 'Save' });
        expect(await save.isEnabled()).toBe(true);
        expect(await textOf(form.locator('.ra-input-name label'))).toBe('Name *');
        expect(await textOf(form.locator('.ra-input-email label'))).toBe('Email *');

        // Empty: every missing field says so at once.
        await save.click();
        await expectText(fieldError(form, 'name'), 'Is required');
        await expectText(fieldError(form, 'email'), 'Is required');
        await expectText(
          page.getByRole('alert').filter({ hasText: 'Not saved' }),
          'Not saved: correct the fields marked in red',
        );

        // Wrong: the same rules the server applies, checked here.
        await form.getByLabel('Name').fill('Ada Byron');
        await form.getByLabel('Email').fill('ada.byron-at-example.test');
        await form.getByLabel('Date of birth').fill(tomorrow);
        await save.click();
        await expectText(fieldError(form, 'email'), 'Must be a valid email address');
        await expectText(fieldError(form, 'dateOfBirth'), 'Cannot be in the future');
        expect(await fieldError(form, 'name').count()).toBe(0);
        // No bubble from the browser: the inputs carry no constraints of their own.
        expect(await form.locator('input[type="email"], input[max], input[required]').count()).toBe(
          0,
        );
        await screenshot(page, 'feedback-subject-errors');
        expect(calls.filter((call) => call === 'POST /api/subjects')).toEqual([]);

        await form.getByLabel('Email').fill(email);
        await form.getByLabel('Date of birth').fill('1990-05-17');
        // The country is picked by its name and stored as its code.
        await form.getByRole('combobox', { name: 'Country' }).fill('Germ');
        await page.getByRole('option', { name: 'Germany', exact: true }).click();
        await save.click();
        await expectText(
          page.getByRole('alert').filter({ hasText: 'created' }),
          'Subject Ada Byron created',
        );
        await visible(page.locator('.show-page'));
        await visible(page.locator('.show-page').getByText(/\bGermany$/));
        expect(calls.filter((call) => call === 'POST /api/subjects')).toHaveLength(1);

        const stored = await apiCall<{ data?: unknown } | { name: string; email: string }[]>(
          page,
          'GET',
          `/subjects?filter=${encodeURIComponent(JSON.stringify({ q: email }))}`,
        );
        expect(stored.status).toBe(200);
        const rows = stored.body as {
          name: string;
          email: string;
          dateOfBirth: string;
          country: string;
        }[];
        expect(rows.map((row) => [row.name, row.email, row.dateOfBirth, row.country])).toEqual([
          ['Ada Byron', email, '1990-05-17', 'DE'],
        ]);
      });
    },
    JOURNEY_MS,
  );

  it(
    'names the request it entered, and refuses a future receipt date under its field first',
    async () => {
      await inBrowser('feedback-new-request', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const defaults = await apiCall<{ today: string }>(page, 'GET', '/requests/entry-defaults');
        const calls = recordApiCalls(page);
        const email = `grace.${Date.now()}@example.test`;

        await page.goto(`${server.baseUrl}/#/requests/create`);
        const form = await pageForm(page);
        await form.getByLabel('Received on').fill(addDays(defaults.body.today, 1));
        await form.getByRole('button', { name: 'Save' }).click();
        await expectText(fieldError(form, 'receivedAt'), 'Cannot be in the future');
        await expectText(fieldError(form, 'kind'), 'Is required');
        await expectText(fieldError(form, 'requesterName'), 'Is required');
        expect(calls.filter((call) => call === 'POST /api/requests')).toEqual([]);

        await form.getByRole('combobox', { name: 'Kind' }).click();
        await page.getByRole('option', { name: 'Opt-out of contact' }).click();
        await form.getByRole('textbox', { name: /^Requester name/ }).fill('Grace Hopper');
        await form.getByRole('textbox', { name: /^Requester email/ }).fill(email);
        await form.getByLabel('Received on').fill(defaults.body.today);
        await form.getByRole('checkbox', { name: 'Email' }).check();
        await form.getByRole('checkbox', { name: 'Marketing contact' }).check();
        await form.getByRole('button', { name: 'Save' }).click();
        await page.waitForURL(/#\/requests\/[^/]+\/show$/);
        const reference = await textOf(page.getByTestId('request-reference'));
        expect(reference).toMatch(/^PR-\d{4}-\d{6}$/);
        await expectText(
          page.getByRole('alert').filter({ hasText: 'entered' }),
          `Request ${reference} entered`,
        );
        const id = /#\/requests\/([^/]+)\/show$/.exec(page.url())?.[1];
        const stored = await apiCall<{ reference: string; requesterEmail: string }>(
          page,
          'GET',
          `/requests/${id}`,
        );
        expect([stored.body.reference, stored.body.requesterEmail]).toEqual([reference, email]);
      });
    },
    JOURNEY_MS,
  );
});
