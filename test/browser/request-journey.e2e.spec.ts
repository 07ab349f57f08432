import type { Browser, Page } from 'playwright-core';

import {
  expectText,
  launchBrowser,
  mainMenu,
  runInBrowser,
  screenshot,
  signInToConsole,
  textOf,
  visible,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpListener, type ReceivedMail, type SmtpListener } from '../support/smtp.js';

// A privacy request from the public form to its completion, with real email: the server
// delivers over SMTP to a listener started here, and the journey reads what arrives. The test
// server seeds no demo requests, so "Take next" finds the one submitted here.

const JOURNEY_MS = 180_000;
const MAIL_WAIT_MS = 30_000;

let smtp: SmtpListener;
let server: TestServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  smtp = await startSmtpListener();
  // The links in the emails (PUBLIC_BASE_URL) point at this server's own address.
  server = await startTestServer((url) => ({
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: url,
    MAIL_FROM: 'Privacy Desk <privacy@desk.test>',
  }));
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

const inBrowser = (name: string, journey: (page: Page) => Promise<void>) =>
  runInBrowser(browser, name, journey);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const mailTo = (address: string, match: (mail: ReceivedMail) => boolean) =>
  smtp.waitFor((mail) => mail.to.includes(address) && match(mail), MAIL_WAIT_MS);

/** The status chip on a request page, once it says `label`. */
const expectStatus = (page: Page, label: string) =>
  expectText(page.getByTestId('request-show').getByTestId('request-status').first(), label);

describe('a privacy request, from the public form to completion', () => {
  it(
    'is submitted, confirmed by email, worked by staff with emails to the requester, and seen by a manager',
    async () => {
      const stamp = Date.now();
      const requesterEmail = `grace.${stamp}@example.test`;
      const requesterName = 'Grace Requester';
      const infoMessage = `Please confirm the postcode of your new address in Berlin (ref ${stamp}).`;
      const resolution = `Your city is now recorded as Berlin. Thank you (ref ${stamp}).`;
      const note = 'Phoned the requester: the move to Berlin is real.';
      let reference = '';

      // 1. A member of the public fills in the form.
      await inBrowser('request-public', async (page) => {
        await page.goto(`${baseUrl}/privacy`);
        await page.getByLabel('Your name').fill(requesterName);
        await page.getByLabel('Your email').fill(requesterEmail);
        await page.getByLabel('What do you want to do?').selectOption('correction');
        await page.getByLabel('Jurisdiction').selectOption('gdpr');
        // The fields are offered by the words on the requester's own records, not by keys.
        const fields = page.getByLabel('Which information is wrong?');
        const offered = await fields.locator('option').allTextContents();
        expect(offered).toEqual(
          expect.arrayContaining(['Address line 1', 'Postal code', 'Job title', 'Date of birth']),
        );
        expect(offered.join(' ')).not.toMatch(/addressLine1|postalCode|jobTitle|dateOfBirth/);
        await fields.selectOption({ label: 'City' });
        await page.getByLabel(/^Details/).fill('Berlin');
        await screenshot(page, 'request-01-public-form', true);
        await page.getByRole('button', { name: 'Send request' }).click();
        await visible(page.getByRole('heading', { name: 'Check your email' }));
        expect(await textOf(page.getByRole('status'))).toMatch(/email/i);
        await screenshot(page, 'request-02-check-your-email');

        // 2. The verification email arrives over SMTP; its link confirms the request.
        const linkPattern = new RegExp(
          `${escapeRegExp(baseUrl)}/privacy/verify\\?token=[A-Za-z0-9_\\-.~%]+`,
        );
        const verification = await mailTo(requesterEmail, (mail) => linkPattern.test(mail.text));
        const link = linkPattern.exec(verification.text)![0];
        await page.goto(link);
        const confirmation = await textOf(
          page.getByText(/Your request PR-\d{4}-\d{6} is confirmed/),
        );
        reference = /PR-\d{4}-\d{6}/.exec(confirmation)![0];
        await screenshot(page, 'request-03-confirmed');
      });
      expect(reference).toMatch(/^PR-\d{4}-\d{6}$/);

      // 3. Staff take the next request from the queue and work it.
      await inBrowser('request-staff', async (page) => {
        await signInToConsole(page, baseUrl, 'staff@demo.test');
        // A link that leads nowhere says so in one sentence, with one full stop.
        await page.goto(`${baseUrl}/#/no-such-page`);
        await visible(page.getByRole('heading', { name: 'Page not found' }));
        const notFound = await textOf(page.locator('#main-content'));
        expect(notFound).toContain('This page does not exist. Check the address, or go back.');
        expect(notFound).not.toContain('..');
        await mainMenu(page).getByRole('menuitem', { name: 'Requests' }).click();
        await visible(page.getByRole('tablist', { name: 'Request views' }));
        await page.getByRole('tab', { name: 'Unassigned' }).click();
        await visible(page.getByRole('cell', { name: reference }));
        await screenshot(page, 'request-04-queue');

        await page.getByRole('button', { name: 'Take next' }).click();
        await page.waitForURL(/#\/requests\/[^/]+\/show$/);
        expect(await textOf(page.getByTestId('request-reference'))).toBe(reference);
        await expectStatus(page, 'In progress');
        expect(await textOf(page.getByTestId('request-assignee'))).toContain('Sam Staff');
        expect(await textOf(page.getByTestId('requester-email'))).toBe(requesterEmail);
        const corrections = page.getByRole('table', { name: 'Requested corrections' });
        expect(await textOf(corrections.getByRole('row').nth(1))).toContain('City');
        expect(await textOf(corrections.getByRole('row').nth(1))).toContain('Berlin');
        expect(await textOf(page.getByTestId('clock-explanation'))).toMatch(
          /received \d{4}-\d{2}-\d{2}/,
        );
        const badge = page.getByTestId('request-show').getByTestId('due-badge').first();
        expect(await badge.getAttribute('data-deadline')).toMatch(/^(on_track|due_soon|overdue)$/);
        await screenshot(page, 'request-05-claimed', true);

        // An internal note (never emailed).
        await page.getByLabel('Add internal note').fill(note);
        await page.getByRole('button', { name: 'Add note' }).click();
        await visible(page.getByTestId('timeline-body').filter({ hasText: note }));

        // Ask the requester for information: the message is emailed.
        await page.getByRole('button', { name: 'Request info' }).click();
        const infoDialog = page.getByRole('dialog', { name: 'Ask the requester for information' });
        await infoDialog.getByLabel('Message to the requester').fill(infoMessage);
        await infoDialog.getByRole('button', { name: 'Send' }).click();
        await infoDialog.waitFor({ state: 'detached' });
        await expectStatus(page, 'Waiting for the requester');
        const infoMail = await mailTo(requesterEmail, (mail) => mail.text.includes(infoMessage));
        expect(infoMail.text).toContain(reference);
        await screenshot(page, 'request-06-awaiting-requester', true);

        // The requester answered (by email, outside the desk): resume, then complete.
        await page.getByRole('button', { name: 'Resume' }).click();
        await expectStatus(page, 'In progress');

        await page.getByRole('button', { name: 'Complete' }).click();
        const completeDialog = page.getByRole('dialog', { name: 'Complete the request' });
        await completeDialog.getByLabel('Resolution').fill(resolution);
        await completeDialog.getByRole('button', { name: 'Complete' }).click();
        await completeDialog.waitFor({ state: 'detached' });
        await expectStatus(page, 'Completed');
        expect(await textOf(page.getByTestId('request-resolution'))).toBe(resolution);
        const completionMail = await mailTo(requesterEmail, (mail) =>
          mail.text.includes(resolution),
        );
        expect(completionMail.text).toContain(reference);
        // A closed request offers no more actions and no deadline.
        expect(await page.getByRole('group', { name: 'Request actions' }).count()).toBe(0);
        expect(
          await page
            .getByTestId('request-show')
            .getByTestId('due-badge')
            .first()
            .getAttribute('data-deadline'),
        ).toBe('closed');

        // The timeline tells the whole story, newest first.
        const timeline = page.getByRole('list', { name: 'Timeline' });
        await visible(timeline.getByTestId('timeline-body').filter({ hasText: resolution }));
        const events = timeline.getByTestId('timeline-event');
        const steps = await events.evaluateAll((items) =>
          items.map((item) =>
            [item.getAttribute('data-type'), item.getAttribute('data-to')]
              .filter(Boolean)
              .join(':'),
          ),
        );
        // Oldest first, the life of the request (emails sent may sit in between).
        const story = steps.reverse().filter((step) => !step.startsWith('email_sent'));
        expect(story).toEqual([
          'created',
          'verified:new',
          'claimed:in_progress',
          'note',
          'status_changed:awaiting_requester',
          'status_changed:in_progress',
          'status_changed:completed',
        ]);
        const timelineText = await textOf(timeline);
        for (const text of [note, infoMessage, resolution]) expect(timelineText).toContain(text);
        await screenshot(page, 'request-07-completed', true);
      });

      // 4. A manager sees it among all requests, completed.
      await inBrowser('request-manager', async (page) => {
        await signInToConsole(page, baseUrl, 'manager@demo.test');
        await mainMenu(page).getByRole('menuitem', { name: 'Requests' }).click();
        await visible(page.getByRole('tablist', { name: 'Request views' }));
        await page.getByRole('tab', { name: 'All' }).click();
        const cell = page.getByRole('cell', { name: reference });
        await visible(cell);
        const row = page.getByRole('row').filter({ has: cell });
        await expectText(row.getByTestId('request-status'), 'Completed');
        expect(await textOf(row)).toContain(requesterName);
        expect(await textOf(row)).toContain('Sam Staff');
        await screenshot(page, 'request-08-manager-all');

        // Managers read requests but do not work them.
        await cell.click();
        await page.waitForURL(/#\/requests\/[^/]+\/show$/);
        expect(await textOf(page.getByTestId('request-reference'))).toBe(reference);
        expect(await page.getByLabel('Add internal note').count()).toBe(0);
      });

      // Every email went to the requester, none to anyone else.
      const toRequester = smtp.messages.filter((mail) => mail.to.includes(requesterEmail));
      expect(toRequester.length).toBeGreaterThanOrEqual(3);
      expect(smtp.messages.every((mail) => mail.to.length === 1)).toBe(true);
    },
    JOURNEY_MS,
  );
});
