import type { Browser, Page } from 'playwright-core';

import {
  apiCall,
  expectText,
  launchBrowser,
  runInBrowser,
  screenshot,
  signInToConsole,
  textOf,
  visible,
} from '../support/browser.js';
import { expirePackageLinks } from '../support/packages.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpListener, type SmtpListener } from '../support/smtp.js';

// An access request answered with the subject's package: staff preview it in the console and
// send it; the requester's emailed link serves the letter with the current values; once the link
// expires it stops working. The spawned server runs on the system clock, so the journey expires
// the link by moving its expiry into the past in the server's database (support/packages.ts)
// rather than waiting a week.

const JOURNEY_MS = 180_000;
const MAIL_WAIT_MS = 30_000;

let smtp: SmtpListener;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpListener();
  server = await startTestServer((url) => ({
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: url,
    MAIL_FROM: 'Privacy Desk <privacy@desk.test>',
  }));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

const inBrowser = (name: string, journey: (page: Page) => Promise<void>) =>
  runInBrowser(browser, name, journey);

interface Created {
  id: string;
  version: number;
  reference?: string;
}

describe('an access request, answered with the subject’s package', () => {
  it(
    'holds the subject’s current values, and its link stops working once it expires',
    async () => {
      const stamp = Date.now();
      const email = `ada.${stamp}@example.test`;
      let requestId = '';
      let reference = '';

      await inBrowser('access-staff', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        // Set-up through the API: a subject whose city was corrected, and their access request.
        const subject = await apiCall<Created>(page, 'POST', '/subjects', {
          name: 'Ada Lovelace',
          email,
          city: 'London',
        });
        expect(subject.status).toBe(201);
        const edited = await apiCall<Created>(page, 'PUT', `/subjects/${subject.body.id}`, {
          version: subject.body.version,
          city: 'Marylebone',
        });
        expect(edited.status).toBe(200);
        const entered = await apiCall<Created>(page, 'POST', '/requests', {
          kind: 'access',
          channel: 'email',
          jurisdiction: 'gdpr',
          requesterName: 'Ada Lovelace',
          requesterEmail: email,
          receivedAt: new Date().toISOString().slice(0, 10),
          payload: { format: 'pdf' },
          subjectId: subject.body.id,
        });
        expect(entered.status).toBe(201);
        requestId = entered.body.id;
        reference = entered.body.reference!;
        const claimed = await apiCall(page, 'POST', `/requests/${requestId}/actions/claim`, {
          version: entered.body.version,
        });
        expect(claimed.status).toBe(200);

        await page.goto(`${server.baseUrl}/#/requests/${requestId}/show`);
        const panel = page.getByTestId('request-show');
        await visible(panel.getByRole('heading', { name: 'Access package' }));
        await page.getByRole('button', { name: 'Preview' }).click();
        const preview = page.getByTestId('access-preview');
        const values = preview.getByRole('table', { name: 'Current values' });
        await expectText(values.getByRole('row', { name: /^City/ }), /Marylebone/);
        // Creating the subject recorded three fields; the correction of the city a fourth.
        await expectText(preview, /Field changes\s*4/);
        await screenshot(page, 'access-01-preview', true);

        await page.getByRole('button', { name: 'Send package' }).click();
        const dialog = page.getByRole('dialog', { name: 'Send the access package?' });
        await dialog.getByRole('button', { name: 'Send package' }).click();
        await expectText(panel.getByTestId('request-status').first(), 'Completed');
        const status = page.getByTestId('access-package-status');
        await expectText(status, /Downloads\s*0 of 5/);
        await expectText(status, /Link\s*Works/);
        await screenshot(page, 'access-02-sent', true);
      });

      const mail = await smtp.waitFor(
        (m) => m.to.includes(email) && m.text.includes('/api/public/packages/'),
        MAIL_WAIT_MS,
      );
      const link = /https?:\/\/\S+\/api\/public\/packages\/[\w-]+/.exec(mail.text)![0];
      expect(mail.subject).toContain(reference);

      // The requester opens the link (no session) and reads the letter.
      await inBrowser('access-requester', async (page) => {
        const landing = await page.goto(link);
        expect(landing?.status()).toBe(200);
        await visible(page.getByRole('heading', { name: `Your privacy request ${reference}` }));
        await page.getByRole('link', { name: 'Web page (HTML)' }).click();
        await visible(page.getByRole('heading', { name: 'A copy of your personal information' }));
        const city = page.getByRole('row', { name: /^City/ }).first();
        expect(await textOf(city)).toContain('Marylebone');
        await visible(page.getByText(/London -> Marylebone/));
        await screenshot(page, 'access-03-letter', true);
      });

      // A week later (the expiry moved into the past): the link no longer works.
      await expirePackageLinks(server, requestId);
      await inBrowser('access-expired', async (page) => {
        const answer = await page.goto(link);
        expect(answer?.status()).toBe(410);
        await visible(page.getByRole('heading', { name: 'Link no longer works' }));
        await expectText(page.getByRole('alert'), /has expired/);
        const file = await page.goto(`${link}?format=pdf`);
        expect(file?.status()).toBe(410);
        await screenshot(page, 'access-04-expired', true);
      });

      // Staff see that it was downloaded once and that the link is dead.
      await inBrowser('access-status', async (page) => {
        await signInToConsole(page, server.baseUrl, 'staff@demo.test');
        await page.goto(`${server.baseUrl}/#/requests/${requestId}/show`);
        const status = page.getByTestId('access-package-status');
        await expectText(status, /Downloads\s*1 of 5/);
        await expectText(status, /No longer works/);
      });
    },
    JOURNEY_MS,
  );
});
