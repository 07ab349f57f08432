import type { Browser, Page } from 'playwright-core';

import {
  apiCall,
  expectText,
  fillInput,
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

// A correction of email and phone from the public form to applied: staff decide each field
// beside the subject's current value, apply it (the subject page then shows the new values
// and their history), tell the recipient of an approved disclosure that carried the email
// (GDPR Art. 19), and complete; the letter lists what changed and who was told.

const JOURNEY_MS = 180_000;
const MAIL_WAIT_MS = 30_000;

let smtp: SmtpListener;
let server: TestServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  smtp = await startSmtpListener();
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

const expectStatus = (page: Page, label: string) =>
  expectText(page.getByTestId('request-show').getByTestId('request-status').first(), label);

function isoDay(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('a correction request, from the public form to applied and completed', () => {
  it(
    'corrects email and phone, shows them with their history, and tells the recipient',
    async () => {
      const stamp = Date.now();
      const oldEmail = `cora.${stamp}@example.test`;
      const newEmail = `cora.new.${stamp}@example.test`;
      const recipient = `Northwind Analytics ${stamp}`;
      let subjectId = '';
      let reference = '';

      // 0. The person is in our records, and an approved disclosure sent their email and phone
      //    to a recipient: recorded by staff, approved by a compliance officer (four eyes).
      let disclosure = { id: '', version: 0 };
      await inBrowser('correction-setup-staff', async (page) => {
        await signInToConsole(page, baseUrl, 'staff@demo.test');
        const subject = await apiCall<{ id: string }>(page, 'POST', '/subjects', {
          name: 'Cora Correct',
          email: oldEmail,
          phone: '+49 30 1234567',
        });
        expect(subject.status).toBe(201);
        subjectId = subject.body.id;
        const recorded = await apiCall<{ id: string; version: number }>(
          page,
          'POST',
          '/disclosures',
          {
            recipientName: recipient,
            recipientType: 'service_provider',
            basis: 'service_delivery',
            purpose: 'Delivery notifications for the orders the person placed',
            dataCategories: ['email', 'phone'],
            disclosedAt: isoDay(-3),
            subjects: [{ subjectId }],
          },
        );
        expect(recorded.status).toBe(201);
        disclosure = recorded.body;
      });
      await inBrowser('correction-setup-officer', async (page) => {
        await signInToConsole(page, baseUrl, 'compliance@demo.test');
        const approved = await apiCall(page, 'POST', `/disclosures/${disclosure.id}/approve`, {
          version: disclosure.version,
        });
        expect(approved.status).toBe(200);
      });

      // 1. The person asks, on the public form, to correct their email and their phone.
      await inBrowser('correction-public', async (page) => {
        await page.goto(`${baseUrl}/privacy`);
        await page.getByLabel('Your name').fill('Cora Correct');
        await page.getByLabel('Your email').fill(oldEmail);
        await page.getByLabel('What do you want to do?').selectOption('correction');
        await page.getByLabel('Jurisdiction').selectOption('gdpr');
        await page.getByLabel('Which information is wrong?').selectOption('email');
        await page.getByLabel(/^Details/).fill(newEmail);
        await page.getByLabel(/^Anything else that is wrong/).selectOption('phone');
        await page.getByLabel('Its correct value').fill('+44 20 7946 0958');
        await screenshot(page, 'correction-01-public-form', true);
        await page.getByRole('button', { name: 'Send request' }).click();
        await visible(page.getByRole('heading', { name: 'Check your email' }));

        const linkPattern = new RegExp(
          `${escapeRegExp(baseUrl)}/privacy/verify\\?token=[A-Za-z0-9_\\-.~%]+`,
        );
        const verification = await mailTo(oldEmail, (mail) => linkPattern.test(mail.text));
        await page.goto(linkPattern.exec(verification.text)![0]);
        const confirmation = await textOf(
          page.getByText(/Your request PR-\d{4}-\d{6} is confirmed/),
        );
        reference = /PR-\d{4}-\d{6}/.exec(confirmation)![0];
      });

      // 2. Staff take it, decide each field beside the current value, and apply.
      await inBrowser('correction-staff', async (page) => {
        await signInToConsole(page, baseUrl, 'staff@demo.test');
        await mainMenu(page).getByRole('menuitem', { name: 'Requests' }).click();
        await visible(page.getByRole('tablist', { name: 'Request views' }));
        await page.getByRole('button', { name: 'Take next' }).click();
        await page.waitForURL(/#\/requests\/[^/]+\/show$/);
        expect(await textOf(page.getByTestId('request-reference'))).toBe(reference);
        await expectStatus(page, 'In progress');
        // Linked to the subject by the requester's email.
        expect(await textOf(page.getByTestId('request-subject'))).toBe('Cora Correct');

        const panel = page.getByTestId('correction-panel');
        const emailRow = panel.getByTestId('correction-row-email');
        const phoneRow = panel.getByTestId('correction-row-phone');
        await expectText(emailRow.getByTestId('current-value'), oldEmail);
        expect(await textOf(emailRow)).toContain(newEmail);
        await expectText(phoneRow.getByTestId('current-value'), '+49301234567');

        await panel.getByRole('combobox', { name: 'Decision on Email' }).click();
        await page.getByRole('option', { name: 'Accept as requested' }).click();
        await panel.getByRole('combobox', { name: 'Decision on Phone' }).click();
        await page.getByRole('option', { name: 'Accept as requested' }).click();
        await fillInput(
          panel.getByRole('textbox', { name: 'Evidence notes' }),
          'The person confirmed both from the account settings page.',
        );
        await panel.getByRole('button', { name: 'Save decisions' }).click();
        await visible(
          panel.getByRole('button', { name: 'Apply to the subject' }).and(page.locator(':enabled')),
        );
        await screenshot(page, 'correction-02-decided', true);

        await panel.getByRole('button', { name: 'Apply to the subject' }).click();
        await visible(panel.getByTestId('correction-applied'));
        // The recipient of the approved disclosure is now a follow-up, and blocks completion.
        const followUp = panel.getByTestId(`follow-up-${recipient}`);
        await visible(followUp);
        expect(await followUp.getAttribute('data-status')).toBe('open');
        expect(await textOf(followUp)).toMatch(/Email, Phone/);
        await expectText(
          panel.getByTestId('correction-blockers'),
          /1 recipient\(s\) still to notify/,
        );
        await screenshot(page, 'correction-03-applied', true);

        // Mark it notified: how and when.
        await followUp.getByRole('button', { name: 'Mark notified' }).click();
        await fillInput(
          followUp.getByRole('textbox', { name: 'How the recipient was told' }),
          'Email to privacy@northwind.example',
        );
        await fillInput(followUp.getByLabel('When'), isoDay(-1));
        await followUp.getByRole('button', { name: 'Save' }).click();
        await expectText(followUp, /Told on/);
        expect(await followUp.getAttribute('data-status')).toBe('notified');

        // The letter, previewed before anything is sent.
        await panel.getByRole('button', { name: 'Preview the completion letter' }).click();
        const letter = panel.getByTestId('correction-letter');
        await expectText(letter, new RegExp(escapeRegExp(newEmail)));
        expect(await textOf(letter)).toContain(recipient);
        await screenshot(page, 'correction-04-notified', true);

        // Complete: the letter goes to the requester.
        await page.getByRole('button', { name: 'Complete' }).click();
        const dialog = page.getByRole('dialog', { name: 'Complete the request' });
        await dialog.getByLabel('Resolution').fill('Thank you for keeping your details right.');
        await dialog.getByRole('button', { name: 'Complete' }).click();
        await dialog.waitFor({ state: 'detached' });
        await expectStatus(page, 'Completed');
        const mail = await mailTo(oldEmail, (m) =>
          m.subject.includes(`Your correction request ${reference} is complete`),
        );
        expect(mail.text).toContain(`Email: now "${newEmail}"`);
        expect(mail.text).toContain('Phone: now "+442079460958"');
        expect(mail.text).toContain(recipient);

        // 3. The subject page shows the new values and their history, with the reference.
        await page.getByTestId('request-subject').click();
        await page.waitForURL(/#\/subjects\/[^/]+\/show$/);
        await visible(page.getByText(newEmail).first());
        await visible(page.getByText('+442079460958').first());
        const history = page.getByRole('table', { name: 'Change history' });
        const rows = history.getByRole('row').filter({ hasText: reference });
        await expectText(
          rows.filter({ hasText: 'Email' }).first(),
          new RegExp(escapeRegExp(newEmail)),
        );
        await expectText(rows.filter({ hasText: 'Phone' }).first(), /\+442079460958/);
        expect(await textOf(rows.filter({ hasText: 'Email' }).first())).toContain(oldEmail);
        await screenshot(page, 'correction-05-subject', true);
      });
    },
    JOURNEY_MS,
  );
});
