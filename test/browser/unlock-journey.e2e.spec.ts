import type { Browser, Page } from 'playwright-core';

import {
  apiCall,
  DEMO_PASSWORD,
  launchBrowser,
  openConsole,
  runInBrowser,
  screenshot,
  signIn,
  textOf,
  visible,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

// An address that fails too often is locked out of one account; an admin unlocks it in the
// console. Its own server: three failures lock (instead of ten, with their growing waits), and
// one proxy hop is trusted, so that the failures come "from" another address.

const JOURNEY_MS = 120_000;
const ATTACKER = '198.51.100.7';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES: '3', TRUST_PROXY_HOPS: '1' });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const inBrowser = (name: string, journey: (page: Page) => Promise<void>) =>
  runInBrowser(browser, name, journey);

const signInFrom = (address: string, email: string, password: string) =>
  fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
    body: JSON.stringify({ email, password }),
  }).then((res) => res.status);

describe('a locked-out address', () => {
  it(
    'is shown to the admin, who unlocks the account; the address can sign in again',
    async () => {
      const email = `locked.${Date.now()}@example.test`;
      const password = 'lou-locked-password';
      await inBrowser('admin-unlocks-user', async (page) => {
        await openConsole(page, server.baseUrl);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        const created = await apiCall<{ id: string }>(page, 'POST', '/users', {
          email,
          name: 'Lou Locked',
          role: 'staff',
          password,
        });
        expect(created.status).toBe(201);

        for (let i = 0; i < 3; i++)
          expect(await signInFrom(ATTACKER, email, `wrong-${i}`)).toBe(401);
        expect(await signInFrom(ATTACKER, email, password)).toBe(401);

        await page.goto(`${server.baseUrl}/#/users`);
        const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: email }) });
        await visible(row);
        expect(await textOf(row)).toContain('An address is locked out');
        await row.getByRole('cell', { name: email }).click();
        await page.waitForURL(/#\/users\/[^/]+$/);
        await page.getByRole('button', { name: 'Unlock' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
        await visible(page.getByText(`${email} is unlocked`));
        await page.getByRole('button', { name: 'Unlock' }).waitFor({ state: 'detached' });
        await screenshot(page, 'admin-unlocked-user');
      });
      expect(await signInFrom(ATTACKER, email, password)).toBe(200);
    },
    JOURNEY_MS,
  );
});
