import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

import {
  DEMO_PASSWORD,
  expectMenu,
  launchBrowser,
  menuEntries,
  openConsole as openConsoleAt,
  runInBrowser,
  SCREENSHOTS,
  signIn,
  textOf,
  visible,
  WAIT_MS,
} from '../support/browser.js';
import { insertJob } from '../support/jobs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { totp } from './totp.js';

const JOURNEY_MS = 120_000;

interface DemoJourney {
  role: string;
  email: string;
  roleLabel: string;
  /** The main menu, top to bottom, exactly. */
  menu: string[];
}

const DEMO_JOURNEYS: DemoJourney[] = [
  {
    role: 'staff',
    email: 'staff@demo.test',
    roleLabel: 'Staff',
    menu: [
      'Home',
      'Requests',
      'Subjects',
      'Legal process',
      'Disclosures',
      'Violation flags',
      'Suppression list',
      'Outbox',
    ],
  },
  {
    role: 'compliance_officer',
    email: 'compliance@demo.test',
    roleLabel: 'Compliance officer',
    menu: [
      'Home',
      'Requests',
      'Subjects',
      'Legal process',
      'Disclosures',
      'Violation flags',
      'Suppression list',
      'Exports',
      'Review queue',
      'Audit log',
      'Retention',
      'CCPA metrics',
      'Transparency report',
      'SLA report',
    ],
  },
  {
    role: 'manager',
    email: 'manager@demo.test',
    roleLabel: 'Manager',
    menu: [
      'Home',
      'Requests',
      'Subjects',
      'Legal process',
      'Disclosures',
      'Violation flags',
      'Suppression list',
      'Exports',
      'CCPA metrics',
      'Transparency report',
      'SLA report',
    ],
  },
  {
    role: 'admin',
    email: 'admin@demo.test',
    roleLabel: 'Admin',
    menu: [
      'Home',
      'Suppression list',
      'Outbox',
      'Users',
      'API keys',
      'Audit log',
      'Background jobs',
      'Retention',
    ],
  },
];

interface SessionUserJson {
  user: { id: string; email: string; name: string; role: string; mfaEnabled: boolean };
  csrfToken: string;
}

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

const openConsole = (page: Page) => openConsoleAt(page, server.baseUrl);

/** What the server says about the session the page holds. */
async function sessionOf(page: Page): Promise<SessionUserJson> {
  return page.evaluate(async () => {
    const response = await fetch('/api/auth/me', { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`GET /api/auth/me answered ${response.status}`);
    return (await response.json()) as SessionUserJson;
  });
}

async function expectHome(page: Page, name: string, roleLabel: string): Promise<void> {
  expect(await textOf(page.getByRole('heading', { name: /^Welcome, / }))).toBe(`Welcome, ${name}`);
  expect(await textOf(page.getByTestId('home-role'))).toBe(roleLabel);
  expect(await textOf(page.getByTestId('role-badge'))).toBe(roleLabel);
  expect(await textOf(page.getByRole('button', { name: 'Profile' }))).toContain(name);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await visible(page.getByLabel('Email'));
  await visible(page.getByRole('button', { name: 'Sign in' }));
  expect(page.url()).toContain('#/login');
}

/** Creates a user through the API with the page's admin session (CSRF header included). */
async function createUserViaApi(
  page: Page,
  user: { email: string; name: string; role: string; password: string },
): Promise<{ id: string }> {
  return page.evaluate(async (body) => {
    const me = (await (await fetch('/api/auth/me')).json()) as SessionUserJson;
    const response = await fetch('/api/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
      body: JSON.stringify(body),
    });
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`POST /api/users answered ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as { id: string };
  }, user);
}

/** Turns on "Show routine runs" on the Background jobs screen (succeeded recurring runs). */
async function showRoutineRuns(page: Page): Promise<void> {
  const toggle = page.getByLabel(/^Show routine runs/);
  await toggle.click();
  await page.waitForFunction(
    (element) => (element as HTMLInputElement | null)?.checked === true,
    await toggle.elementHandle(),
    { timeout: WAIT_MS },
  );
}

describe('role journeys in the console', () => {
  describe.each(DEMO_JOURNEYS)('$role', ({ role, email, roleLabel, menu }) => {
    it(
      `signs in, sees ${menu.join(' + ')} and their identity, and signs out`,
      async () => {
        await inBrowser(`${role}-journey`, async (page) => {
          await openConsole(page);
          await signIn(page, email, DEMO_PASSWORD);

          await visible(page.getByRole('heading', { name: /^Welcome, / }));
          const session = await sessionOf(page);
          expect(session.user.email).toBe(email);
          expect(session.user.role).toBe(role);
          await expectHome(page, session.user.name, roleLabel);
          await expectMenu(page, menu);

          await page.screenshot({ path: path.join(SCREENSHOTS, `${role}-home.png`) });
          await signOut(page);

          // Signed out for real: the console does not come back without signing in.
          await page.goto(`${server.baseUrl}/#/`);
          await visible(page.getByLabel('Email'));
          expect(page.url()).toContain('#/login');
        });
      },
      JOURNEY_MS,
    );
  });

  it(
    'refuses a wrong password with the server message, and hides resources from a direct URL',
    async () => {
      await inBrowser('wrong-password', async (page) => {
        await openConsole(page);
        await signIn(page, 'staff@demo.test', 'not-the-password');
        const alert = await textOf(page.getByRole('alert'));
        expect(alert).toMatch(/sign-in failed/i);

        await page.getByLabel('Password').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        await page.goto(`${server.baseUrl}/#/users`);
        await visible(page.getByText(/not authorized|access denied|unauthorized/i).first());
        expect(await page.getByRole('cell', { name: 'admin@demo.test' }).count()).toBe(0);
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets an admin create a user through the form and see it in the list',
    async () => {
      await inBrowser('admin-create-user', async (page) => {
        const newEmail = `new.officer.${Date.now()}@example.test`;
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));

        await page
          .getByRole('menu', { name: 'Main menu' })
          .getByRole('menuitem', { name: 'Users' })
          .click();
        await visible(page.getByRole('cell', { name: 'admin@demo.test' }));
        await page.getByRole('link', { name: 'New user' }).click();
        await page.waitForURL(/#\/users\/create$/);

        await page.getByRole('textbox', { name: /^Email/ }).fill(newEmail);
        await page.getByRole('textbox', { name: /^Name/ }).fill('Nova Officer');
        await page.getByRole('combobox', { name: 'Role' }).click();
        await page.getByRole('option', { name: 'Compliance officer' }).click();
        await page.getByLabel('Initial password').fill('a-long-initial-password');
        await page.getByRole('button', { name: 'Save' }).click();

        await visible(page.getByRole('cell', { name: newEmail }));
        expect(page.url()).toMatch(/#\/users(\?|$)/);
        const row = page.getByRole('row').filter({ hasText: newEmail });
        expect(await textOf(row)).toContain('Compliance officer');
      });
    },
    JOURNEY_MS,
  );

  it(
    'shows field errors from the server beside the inputs',
    async () => {
      await inBrowser('admin-duplicate-user', async (page) => {
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        await page.goto(`${server.baseUrl}/#/users/create`);
        await page.getByRole('textbox', { name: /^Email/ }).fill('staff@demo.test');
        await page.getByRole('textbox', { name: /^Name/ }).fill('Duplicate Staff');
        await page.getByRole('combobox', { name: 'Role' }).click();
        await page.getByRole('option', { name: 'Staff' }).click();
        await page.getByLabel('Initial password').fill('a-long-initial-password');
        await page.getByRole('button', { name: 'Save' }).click();
        // The email is taken: the server's 422 names the field, shown as its helper text.
        const emailInput = page.getByRole('textbox', { name: /^Email/ });
        await page.waitForFunction(
          (input) => input?.getAttribute('aria-invalid') === 'true',
          await emailInput.elementHandle(),
          { timeout: WAIT_MS },
        );
        expect(page.url()).toContain('#/users/create');
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets a staff member turn two-factor sign-in on and off from the user menu',
    async () => {
      const email = `optional.${Date.now()}@example.test`;
      const password = 'olive-initial-password';
      await inBrowser('admin-creates-staff', async (page) => {
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        await createUserViaApi(page, { email, name: 'Olive Optional', role: 'staff', password });
      });

      await inBrowser('staff-optional-mfa', async (page) => {
        await openConsole(page);
        await signIn(page, email, password);
        await expectHome(page, 'Olive Optional', 'Staff');
        await page.getByRole('button', { name: 'Profile' }).click();
        await page.getByRole('menuitem', { name: 'Two-factor sign-in' }).click();
        await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
        const secret = await textOf(page.getByTestId('mfa-secret'));
        await page.getByLabel('6-digit code').fill(totp(secret));
        await page.getByRole('button', { name: 'Turn on' }).click();
        await visible(page.getByRole('list', { name: 'Recovery codes' }));
        await page.getByRole('button', { name: 'I have saved these codes' }).click();
        await expectHome(page, 'Olive Optional', 'Staff');
        expect((await sessionOf(page)).user.mfaEnabled).toBe(true);

        await page.getByRole('button', { name: 'Profile' }).click();
        await page.getByRole('menuitem', { name: 'Two-factor sign-in' }).click();
        await visible(page.getByText('Two-factor sign-in is on for your account.'));
        // No password: said under the field, and nothing is turned off.
        await page.getByRole('button', { name: 'Turn off' }).click();
        await visible(page.getByText('Is required'));
        expect((await sessionOf(page)).user.mfaEnabled).toBe(true);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Turn off' }).click();
        await visible(page.getByRole('button', { name: 'Set up two-factor sign-in' }));
        expect((await sessionOf(page)).user.mfaEnabled).toBe(false);
      });
    },
    JOURNEY_MS,
  );

  it(
    'tells the admin when someone else changed the user first (409)',
    async () => {
      await inBrowser('admin-stale-edit', async (page) => {
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        const { id } = await createUserViaApi(page, {
          email: `stale.${Date.now()}@example.test`,
          name: 'Stella Stale',
          role: 'staff',
          password: 'stella-initial-password',
        });
        await page.goto(`${server.baseUrl}/#/users/${id}`);
        const name = page.getByRole('textbox', { name: /^Name/ });
        await visible(name);
        await page.waitForFunction(
          (input) => (input as HTMLInputElement | null)?.value === 'Stella Stale',
          await name.elementHandle(),
        );

        // Meanwhile, another admin renames the user.
        const status = await page.evaluate(async (userId) => {
          const me = (await (await fetch('/api/auth/me')).json()) as SessionUserJson;
          const user = (await (await fetch(`/api/users/${userId}`)).json()) as { version: number };
          const response = await fetch(`/api/users/${userId}`, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
            body: JSON.stringify({ name: 'Stella Elsewhere', version: user.version }),
          });
          return response.status;
        }, id);
        expect(status).toBe(200);

        await name.fill('Stella Here');
        await page.getByRole('button', { name: 'Save' }).click();
        await visible(page.getByText('Someone else changed this user; reload'));
        expect(page.url()).toContain(`#/users/${id}`);
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets a compliance officer verify the audit chain',
    async () => {
      await inBrowser('compliance-verify-chain', async (page) => {
        await openConsole(page);
        await signIn(page, 'compliance@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        await page
          .getByRole('menu', { name: 'Main menu' })
          .getByRole('menuitem', { name: 'Audit log' })
          .click();
        await visible(page.getByRole('columnheader', { name: 'Summary' }));
        await page.getByRole('button', { name: 'Verify chain' }).click();
        const result = await textOf(page.getByTestId('audit-verify-result'));
        expect(result).toMatch(/^Audit chain verified: \d+ (entry|entries) intact$/);
        const checked = Number(/(\d+)/.exec(result)?.[1]);
        expect(checked).toBeGreaterThan(0);
        await page.screenshot({
          path: path.join(SCREENSHOTS, 'compliance_officer-audit-verified.png'),
        });

        // The log reads in words: the officer's own sign-in, done by them, about an account
        // (which an officer may not open, so it is named by its kind and not linked).
        await visible(page.getByRole('columnheader', { name: 'What happened' }));
        const firstRow = page.getByRole('row').nth(1);
        expect(await textOf(firstRow.getByRole('cell').nth(3))).toBe('Sign-in');
        expect(await textOf(firstRow.getByTestId('audit-actor'))).toContain('Chris Compliance');
        expect(await textOf(firstRow.getByTestId('audit-about'))).toBe('User');
        expect(await firstRow.getByTestId('audit-about').getByRole('link').count()).toBe(0);
        const otherRows = page
          .getByRole('row')
          .filter({ has: page.getByRole('cell') })
          .filter({ hasNot: page.getByRole('cell', { name: 'Sign-in', exact: true }) });
        await visible(otherRows.first());
        const filtered = page.waitForResponse(
          (res) => res.url().includes('/api/audit?') && res.url().includes('auth.login_succeeded'),
        );
        await page.getByRole('combobox', { name: 'What happened' }).fill('Sign-i');
        await page.getByRole('option', { name: 'Sign-in', exact: true }).click();
        expect((await filtered).status()).toBe(200);
        await otherRows.first().waitFor({ state: 'detached', timeout: WAIT_MS });
        await visible(page.getByRole('cell', { name: 'Sign-in', exact: true }).first());

        // Background jobs are for admins: no menu entry, and no list from a direct URL.
        expect(await menuEntries(page)).not.toContain('Background jobs');
        await page.goto(`${server.baseUrl}/#/jobs`);
        await visible(page.getByText(/not authorized|access denied|unauthorized/i).first());
        expect(await page.getByRole('cell', { name: 'sessions.purge_expired' }).count()).toBe(0);
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets an admin look at the background jobs and open one',
    async () => {
      await inBrowser('admin-jobs', async (page) => {
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        await page
          .getByRole('menu', { name: 'Main menu' })
          .getByRole('menuitem', { name: 'Background jobs' })
          .click();
        await page.waitForURL(/#\/jobs(\?|$)/);
        await visible(page.getByRole('tablist', { name: 'Job status' }));
        // Succeeded runs of recurring jobs are hidden by default (the screen shows what
        // matters); the switch shows them.
        await showRoutineRuns(page);

        // Queued at start-up and run within a second or two; the list refetches by itself.
        // An hour boundary during the run plans a second one, so take one row, not every row.
        const purgeRow = page
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: 'sessions.purge_expired' }) })
          .first();
        const purgeCell = purgeRow.getByRole('cell', { name: 'sessions.purge_expired' });
        await visible(purgeCell);
        expect(await textOf(purgeRow.getByTestId('job-status'))).toMatch(
          /^(Pending|Running|Succeeded)$/,
        );
        // Nothing to retry on a job that has not failed.
        expect(await purgeRow.getByRole('button', { name: 'Retry' }).count()).toBe(0);

        await purgeCell.click();
        await page.waitForURL(/#\/jobs\/[^/]+\/show$/);
        expect(await textOf(page.getByTestId('job-type'))).toBe('sessions.purge_expired');
        expect(await textOf(page.getByTestId('job-status'))).toMatch(
          /^(Pending|Running|Succeeded)$/,
        );
        expect(await textOf(page.getByTestId('job-payload'))).toContain('"periodStart"');
        expect(await textOf(page.getByTestId('job-attempts'))).toMatch(/^\d+ of \d+$/);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-jobs.png') });
      });
    },
    JOURNEY_MS,
  );

  it(
    'lets an admin retry a dead job from the list and from its page',
    async () => {
      const type = 'console.orphan_job';
      await insertJob(server, {
        type,
        status: 'dead',
        payload: { reference: 'orphan-1' },
        attempts: 5,
        maxAttempts: 5,
        lastError: 'Error: the mail relay refused the message\n    at deliver (mail.js:10:5)',
      });
      await inBrowser('admin-retries-job', async (page) => {
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        await page.goto(`${server.baseUrl}/#/jobs`);
        await showRoutineRuns(page);

        // The Dead tab narrows the list to dead jobs.
        const purgeCell = page.getByRole('cell', { name: 'sessions.purge_expired' }).first();
        await visible(purgeCell);
        await page.getByRole('tab', { name: 'Dead' }).click();
        await purgeCell.waitFor({ state: 'detached', timeout: WAIT_MS });
        expect(page.url()).toContain('dead');
        const cell = page.getByRole('cell', { name: type, exact: true });
        await visible(cell);
        const row = page.getByRole('row').filter({ has: cell });
        expect(await textOf(row.getByTestId('job-status'))).toBe('Dead');
        expect(await textOf(row)).toContain('5 / 5');
        expect(await textOf(row)).toContain('the mail relay refused the message');

        // Retry from the row: the job is queued again and the page stays on the list.
        await row.getByRole('button', { name: 'Retry' }).click();
        await visible(page.getByText(`The ${type} job is queued to run again`));
        expect(page.url()).toMatch(/#\/jobs(\?|$)/);

        // It has no handler, so it dies again at once, with the runner's error.
        await page.getByRole('tab', { name: 'All' }).click();
        // Exact: once it has died again, its last-error cell names the type too.
        await page.getByRole('cell', { name: type, exact: true }).click();
        await page.waitForURL(/#\/jobs\/[^/]+\/show$/);
        expect(await textOf(page.getByTestId('job-type'))).toBe(type);
        expect(await textOf(page.getByTestId('job-payload'))).toContain('"reference": "orphan-1"');
        await visible(page.getByTestId('job-last-error').getByText(/No handler is registered/));
        expect(await textOf(page.getByTestId('job-status'))).toBe('Dead');
        expect(await textOf(page.getByTestId('job-attempts'))).toBe('1 of 5');

        // And once more from its page.
        await page.getByRole('button', { name: 'Retry' }).click();
        await visible(page.getByText(`The ${type} job is queued to run again`).last());
      });
    },
    JOURNEY_MS,
  );

  it(
    'makes a new compliance officer enrol two-factor sign-in before anything else',
    async () => {
      const email = `enrol.${Date.now()}@example.test`;
      const password = 'officer-initial-password';
      await inBrowser('admin-creates-officer', async (page) => {
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        await createUserViaApi(page, {
          email,
          name: 'Enid Enrol',
          role: 'compliance_officer',
          password,
        });
      });

      await inBrowser('officer-enrols-mfa', async (page) => {
        await openConsole(page);
        await signIn(page, email, password);
        await visible(page.getByText('Your role requires two-factor sign-in'));
        expect(page.url()).toContain('#/mfa-enrol');

        // Nothing else is reachable before enrolment.
        await page.goto(`${server.baseUrl}/#/audit`);
        await visible(page.getByText('Your role requires two-factor sign-in'));
        expect(page.url()).toContain('#/mfa-enrol');

        await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
        await visible(page.getByRole('img', { name: 'QR code for your authenticator app' }));
        const secret = await textOf(page.getByTestId('mfa-secret'));
        await page.getByLabel('6-digit code').fill(totp(secret));
        await page.getByRole('button', { name: 'Turn on' }).click();

        const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
        await visible(codes.first());
        const recoveryCodes = (await codes.allInnerTexts()).map((code) => code.trim());
        expect(recoveryCodes).toHaveLength(10);
        await page.getByRole('button', { name: 'I have saved these codes' }).click();

        await expectHome(page, 'Enid Enrol', 'Compliance officer');
        await expectMenu(page, [
          'Home',
          'Requests',
          'Subjects',
          'Legal process',
          'Disclosures',
          'Violation flags',
          'Suppression list',
          'Exports',
          'Review queue',
          'Audit log',
          'Retention',
          'CCPA metrics',
          'Transparency report',
          'SLA report',
        ]);
        await signOut(page);

        // Next sign-in asks for the second factor; a recovery code works instead of the app.
        await signIn(page, email, password);
        await visible(page.getByLabel('6-digit code'));
        await page.getByRole('button', { name: 'Use a recovery code' }).click();
        await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expectHome(page, 'Enid Enrol', 'Compliance officer');
      });
    },
    JOURNEY_MS,
  );

  it(
    'shows a reset password once, makes the user change it, and deactivates accounts',
    async () => {
      const email = `reset.${Date.now()}@example.test`;
      let temporaryPassword = '';
      await inBrowser('admin-resets-password', async (page) => {
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        const { id } = await createUserViaApi(page, {
          email,
          name: 'Riley Reset',
          role: 'staff',
          password: 'riley-initial-password',
        });
        await page.goto(`${server.baseUrl}/#/users/${id}`);
        await visible(page.getByRole('button', { name: 'Reset password' }));
        await page.getByRole('button', { name: 'Reset password' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Reset password' }).click();
        temporaryPassword = await textOf(page.getByTestId('temporary-password'));
        expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByTestId('temporary-password').waitFor({ state: 'detached' });
      });

      await inBrowser('user-changes-password', async (page) => {
        await openConsole(page);
        await signIn(page, email, temporaryPassword);
        await visible(page.getByText('Your password was reset'));
        expect(page.url()).toContain('#/password');
        await page.getByLabel('Current password').fill(temporaryPassword);
        await page.getByLabel(/^New password/).fill('riley-brand-new-password');
        await page.getByLabel('Confirm new password').fill('riley-brand-new-password');
        await page.getByRole('button', { name: 'Change password', exact: true }).click();
        await expectHome(page, 'Riley Reset', 'Staff');
        await signOut(page);
      });

      await inBrowser('admin-deactivates', async (page) => {
        await openConsole(page);
        await signIn(page, 'admin@demo.test', DEMO_PASSWORD);
        await visible(page.getByRole('heading', { name: /^Welcome, / }));
        await page.goto(`${server.baseUrl}/#/users`);
        await page.getByRole('cell', { name: email }).click();
        await page.getByRole('button', { name: 'Deactivate' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
        await visible(page.getByText(`${email} is deactivated`));
      });

      await inBrowser('deactivated-user-refused', async (page) => {
        await openConsole(page);
        await signIn(page, email, 'riley-brand-new-password');
        expect(await textOf(page.getByRole('alert'))).toMatch(/sign-in failed/i);
      });
    },
    JOURNEY_MS,
  );
});
