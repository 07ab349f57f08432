import { addDays } from '@privacy-desk/shared';
import type { Browser, Page, Response } from 'playwright-core';

import {
  apiCall,
  expectText,
  fieldError,
  fillInput,
  launchBrowser,
  pageForm,
  runInBrowser,
  signInToConsole,
  textOf,
  visible,
  WAIT_MS,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The words a person reads for each resource they create records in: the error under a field
// the form refuses, the notice naming the record once it is saved, and the audit log's row
// about that record ("What happened").

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

/** The success notice whose words contain `hasText`. */
const notice = (page: Page, hasText: string) => page.getByRole('alert').filter({ hasText });

/** The response to the create call of `path` (POST /api/<path>). */
const created = (page: Page, path: string): Promise<Response> =>
  page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && new URL(response.url()).pathname === `/api${path}`,
    { timeout: WAIT_MS },
  );

/** The id at the end of a show page's URL (#/<resource>/<id>/show). */
async function shownId(page: Page, resource: string): Promise<string> {
  const pattern = new RegExp(`#/${resource}/([^/]+)/show$`);
  await page.waitForURL(pattern, { timeout: WAIT_MS });
  return decodeURIComponent(pattern.exec(page.url())?.[1] ?? '');
}

async function newSubject(page: Page, name: string): Promise<string> {
  const answer = await apiCall<{ id: string }>(page, 'POST', '/subjects', {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
  });
  expect(answer.status).toBe(201);
  return answer.body.id;
}

/**
 * Opens the audit log filtered to one record, as a role that reads it, and checks the words of
 * the row saying `label` ("What happened" is the fourth column).
 */
async function expectAuditRow(
  page: Page,
  entityId: string,
  label: string,
  about?: string,
): Promise<void> {
  const filter = encodeURIComponent(JSON.stringify({ entityId }));
  await page.goto(`${server.baseUrl}/#/audit?filter=${filter}`);
  await visible(page.getByRole('columnheader', { name: 'What happened' }));
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  await visible(row.first());
  expect(await row.count()).toBe(1);
  expect(await textOf(row.getByRole('cell').nth(3))).toBe(label);
  if (about) expect(await textOf(row.getByTestId('audit-about'))).toBe(about);
  // Every row shown is about that record.
  const listed = await apiCall<{ entityId: string; actionLabel: string }[]>(
    page,
    'GET',
    `/audit?filter=${filter}`,
  );
  expect(listed.status).toBe(200);
  expect(listed.body.map((entry) => entry.entityId)).toEqual(listed.body.map(() => entityId));
  expect(listed.body.map((entry) => entry.actionLabel)).toContain(label);
}

describe('the words the console shows for each resource', () => {
  it(
    'requests: a missing kind, "Request PR-… entered", and "Request: received"; the opt-out writes "Suppression: added"',
    async () => {
      let requestId = '';
      await inBrowser('words-request', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const defaults = await apiCall<{ today: string }>(page, 'GET', '/requests/entry-defaults');
        await page.goto(`${server.baseUrl}/#/requests/create`);
        const form = await pageForm(page);
        await form.getByRole('textbox', { name: /^Requester name/ }).fill('Grace Hopper');
        await form.getByRole('button', { name: 'Save' }).click();
        await expectText(fieldError(form, 'kind'), 'Is required');
        expect(await fieldError(form, 'requesterName').count()).toBe(0);

        await form.getByRole('combobox', { name: 'Kind' }).click();
        await page.getByRole('option', { name: 'Opt-out of contact' }).click();
        await form
          .getByRole('textbox', { name: /^Requester email/ })
          .fill(`grace.${Date.now()}@example.test`);
        await form.getByLabel('Received on').fill(defaults.body.today);
        await form.getByRole('checkbox', { name: 'Email' }).check();
        await form.getByRole('checkbox', { name: 'Marketing contact' }).check();
        await form.getByRole('button', { name: 'Save' }).click();
        requestId = await shownId(page, 'requests');
        const reference = await textOf(page.getByTestId('request-reference'));
        expect(reference).toMatch(/^PR-\d{4}-\d{6}$/);
        await expectText(notice(page, 'entered'), `Request ${reference} entered`);
        const stored = await apiCall<{ reference: string }>(page, 'GET', `/requests/${requestId}`);
        expect(stored.body.reference).toBe(reference);
      });
      await inBrowser('words-request-audit', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await expectAuditRow(page, requestId, 'Request: received');
        // The suppression list has no create form: entries are written by an opt-out request
        // (the list is read-only), so for suppressions only the audit row is checked. Its
        // entry is about the request that wrote it.
        const panel = await apiCall<{ entries: { value: string }[] }>(
          page,
          'GET',
          `/suppressions/requests/${requestId}`,
        );
        expect(panel.status).toBe(200);
        expect(panel.body.entries.length).toBeGreaterThan(0);
        await expectAuditRow(page, requestId, 'Suppression: added');
      });
    },
    JOURNEY_MS,
  );

  it(
    'subjects: a refused email, "Subject … created", and "Subject: created"',
    async () => {
      let subjectId = '';
      const name = `Ada Byron ${Date.now().toString(36)}`;
      await inBrowser('words-subject', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        await page.goto(`${server.baseUrl}/#/subjects/create`);
        const form = await pageForm(page);
        await form.getByLabel('Name').fill(name);
        await form.getByLabel('Email').fill('ada-at-example.test');
        await form.getByRole('button', { name: 'Save' }).click();
        await expectText(fieldError(form, 'email'), 'Must be a valid email address');

        await fillInput(form.getByLabel('Email'), `ada.${Date.now()}@example.test`);
        await form.getByRole('button', { name: 'Save' }).click();
        subjectId = await shownId(page, 'subjects');
        await expectText(notice(page, 'created'), `Subject ${name} created`);
        const stored = await apiCall<{ name: string }>(page, 'GET', `/subjects/${subjectId}`);
        expect(stored.body.name).toBe(name);
      });
      await inBrowser('words-subject-audit', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await expectAuditRow(page, subjectId, 'Subject: created');
      });
    },
    JOURNEY_MS,
  );

  it(
    'legal process: a missing issuing authority, "Legal process LP-… recorded", and "Legal process: recorded"',
    async () => {
      let processId = '';
      await inBrowser('words-legal-process', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const defaults = await apiCall<{ today: string }>(page, 'GET', '/requests/entry-defaults');
        const today = defaults.body.today;
        const subjectName = `Lena Legal ${Date.now().toString(36)}`;
        await newSubject(page, subjectName);

        await page.goto(`${server.baseUrl}/#/legal-process/create`);
        const form = await pageForm(page);
        await form.getByLabel('Jurisdiction').fill('US-CA');
        await form.getByRole('button', { name: 'Save' }).click();
        await expectText(fieldError(form, 'issuingAuthority'), 'Is required');
        expect(await fieldError(form, 'jurisdiction').count()).toBe(0);

        await form.getByLabel('Issuing authority').fill('District Court of Example');
        await form.getByLabel('Received on').fill(addDays(today, -1));
        await form.getByLabel('Response due on').fill(addDays(today, 14));
        await form.getByRole('combobox', { name: 'Subjects named' }).fill(subjectName);
        await page.getByRole('option', { name: new RegExp(subjectName) }).click();
        await form.getByRole('combobox', { name: 'Data asked for' }).click();
        await page.getByRole('option', { name: 'Name', exact: true }).click();
        await page.keyboard.press('Escape');
        await form.getByRole('button', { name: 'Save' }).click();
        processId = await shownId(page, 'legal-process');
        const reference = await textOf(page.getByTestId('lp-reference'));
        expect(reference).toMatch(/^LP-\d{4}-\d{6}$/);
        await expectText(notice(page, 'recorded'), `Legal process ${reference} recorded`);
        const stored = await apiCall<{ reference: string }>(
          page,
          'GET',
          `/legal-process/${processId}`,
        );
        expect(stored.body.reference).toBe(reference);
      });
      await inBrowser('words-legal-process-audit', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await expectAuditRow(page, processId, 'Legal process: recorded');
      });
    },
    JOURNEY_MS,
  );

  it(
    'disclosures: a missing recipient, "Disclosure DL-… recorded", and "Disclosure: recorded"',
    async () => {
      let disclosureId = '';
      await inBrowser('words-disclosure', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const defaults = await apiCall<{ today: string }>(page, 'GET', '/requests/entry-defaults');
        const subjectName = `Dora Disclosed ${Date.now().toString(36)}`;
        await newSubject(page, subjectName);

        await page.goto(`${server.baseUrl}/#/disclosures/create`);
        const form = await pageForm(page);
        await form.getByRole('button', { name: 'Save' }).click();
        await expectText(fieldError(form, 'recipientName'), 'Is required');

        await fillInput(form.getByRole('textbox', { name: /^Recipient$/ }), 'Parcel Co');
        await expect(fieldError(form, 'recipientName').count()).resolves.toBe(0);
        await form.getByRole('combobox', { name: 'Recipient type' }).click();
        await page.getByRole('option', { name: 'Service provider' }).click();
        await form.getByRole('combobox', { name: 'Basis' }).click();
        await page
          .getByRole('option', { name: 'To provide a service the person asked for' })
          .click();
        await fillInput(form.getByRole('textbox', { name: /^Purpose/ }), 'Deliver the parcel');
        await form.getByRole('checkbox', { name: 'Name' }).check();
        await form.getByLabel(/^Disclosed on/).fill(addDays(defaults.body.today, -1));
        await form.getByRole('button', { name: 'Add' }).click();
        await form.getByRole('combobox', { name: 'Subject' }).fill(subjectName);
        await page.getByRole('option', { name: new RegExp(subjectName) }).click();
        await form.getByRole('button', { name: 'Save' }).click();
        disclosureId = await shownId(page, 'disclosures');
        const stored = await apiCall<{ reference: string }>(
          page,
          'GET',
          `/disclosures/${disclosureId}`,
        );
        expect(stored.body.reference).toMatch(/^DL-\d{4}-\d{6}$/);
        await expectText(notice(page, 'recorded'), `Disclosure ${stored.body.reference} recorded`);
      });
      await inBrowser('words-disclosure-audit', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await expectAuditRow(page, disclosureId, 'Disclosure: recorded');
      });
    },
    JOURNEY_MS,
  );

  it(
    'violation flags: a link that is not http(s), "Violation flag VF-… raised", and "Violation flag: raised"',
    async () => {
      let flagId = '';
      await inBrowser('words-violation', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        const subjectName = `Victor Flagged ${Date.now().toString(36)}`;
        await newSubject(page, subjectName);

        await page.goto(`${server.baseUrl}/#/violations/create`);
        const form = await pageForm(page);
        await form.getByRole('combobox', { name: 'Subject' }).fill(subjectName);
        await page.getByRole('option', { name: subjectName }).click();
        await form.getByRole('combobox', { name: 'Category' }).click();
        await page.getByRole('option', { name: 'Fraud' }).click();
        await fillInput(form.getByRole('textbox', { name: /^Clause of the Terms cited/ }), '4.2');
        await fillInput(form.getByRole('textbox', { name: /^Description/ }), 'Card testing.');
        await fillInput(
          form.getByRole('textbox', { name: /^Evidence links/ }),
          'ftp://files.example.test/log',
        );
        await form.getByRole('button', { name: 'Save' }).click();
        await expectText(
          fieldError(form, 'evidenceLinks'),
          'Each link must be an http(s) URL (not "ftp://files.example.test/log")',
        );

        await fillInput(
          form.getByRole('textbox', { name: /^Evidence links/ }),
          'https://files.example.test/log',
        );
        await form.getByRole('button', { name: 'Save' }).click();
        flagId = await shownId(page, 'violations');
        const stored = await apiCall<{ reference: string }>(page, 'GET', `/violations/${flagId}`);
        expect(stored.body.reference).toMatch(/^VF-\d{4}-\d{6}$/);
        await expectText(notice(page, 'raised'), `Violation flag ${stored.body.reference} raised`);
      });
      await inBrowser('words-violation-audit', async (page) => {
        await signInToConsole(page, server.baseUrl, 'compliance@demo.test');
        await expectAuditRow(page, flagId, 'Violation flag: raised');
      });
    },
    JOURNEY_MS,
  );

  it(
    'users: a short password, "User … created", and "User: account created"',
    async () => {
      await inBrowser('words-user', async (page) => {
        await signInToConsole(page, server.baseUrl, 'admin@demo.test');
        const email = `uma.user.${Date.now()}@example.test`;
        await page.goto(`${server.baseUrl}/#/users/create`);
        const form = await pageForm(page);
        await form.getByLabel('Email').fill(email);
        await form.getByLabel('Name').fill('Uma User');
        await form.getByRole('combobox', { name: 'Role' }).click();
        await page.getByRole('option', { name: 'Staff', exact: true }).click();
        await form.getByLabel('Initial password').fill('short');
        await form.getByRole('button', { name: 'Save' }).click();
        const minimum = /at least (\d+) characters/.exec(
          await textOf(form.locator('.ra-input-password .MuiFormHelperText-root')),
        );
        expect(minimum).not.toBeNull();
        await expectText(fieldError(form, 'password'), `Use at least ${minimum?.[1]} characters`);

        await fillInput(form.getByLabel('Initial password'), 'a-long-enough-password-1');
        const saved = created(page, '/users');
        await form.getByRole('button', { name: 'Save' }).click();
        const userId = ((await (await saved).json()) as { id: string }).id;
        await expectText(notice(page, 'created'), `User ${email} created`);
        const stored = await apiCall<{ email: string }>(page, 'GET', `/users/${userId}`);
        expect(stored.body.email).toBe(email);

        await expectAuditRow(page, userId, 'User: account created');
      });
    },
    JOURNEY_MS,
  );

  it(
    'API keys: no scope chosen, the key named as created, and "API key: created"',
    async () => {
      await inBrowser('words-api-key', async (page) => {
        await signInToConsole(page, server.baseUrl, 'admin@demo.test');
        const name = `Website form ${Date.now().toString(36)}`;
        await page.goto(`${server.baseUrl}/#/api-keys/create`);
        const form = await pageForm(page);
        await form.getByLabel('Name').fill(name);
        await form.getByRole('checkbox', { name: /^requests:create/ }).uncheck();
        await form.getByRole('button', { name: 'Save' }).click();
        await expectText(fieldError(form, 'scopes'), 'Choose at least one scope');

        await form.getByRole('checkbox', { name: /^requests:create/ }).check();
        const saved = created(page, '/api-keys');
        await form.getByRole('button', { name: 'Save' }).click();
        const keyId = ((await (await saved).json()) as { id: string }).id;
        // An API key is named in a dialog, not a passing notice: it holds the secret, shown
        // once, until the person says it is stored.
        const dialog = await visible(page.getByRole('dialog', { name: /created$/ }));
        expect(await textOf(dialog.getByRole('heading'))).toBe(`API key “${name}” created`);
        expect(await textOf(dialog.getByTestId('api-key-secret'))).toMatch(/^pdk_/);
        await dialog.getByRole('button', { name: 'I have stored the secret' }).click();
        await page.waitForURL(/#\/api-keys$/, { timeout: WAIT_MS });
        await visible(page.getByRole('cell', { name, exact: true }));

        await expectAuditRow(page, keyId, 'API key: created');
      });
    },
    JOURNEY_MS,
  );
});
