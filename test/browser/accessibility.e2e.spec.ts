import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';

import {
  DEMO_PASSWORD,
  launchBrowser,
  openConsole,
  runInBrowser,
  signIn,
  visible,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * An accessibility pass (axe-core, WCAG 2.1 A and AA) over the main screen of each resource,
 * as each role meets it on the demo desk: no serious or critical violation.
 */

const JOURNEY_MS = 240_000;
const BLOCKING = new Set(['serious', 'critical']);

interface Screen {
  name: string;
  /** The console route after `#`. */
  route: string;
  /** Something that is there once the screen has drawn its data. */
  ready: (page: Page) => Locator;
}

const list = (name: string, route: string): Screen => ({
  name,
  route,
  // A list with rows shows its column headers; an empty one says that it has none.
  ready: (page) =>
    page
      .getByRole('columnheader')
      .first()
      .or(page.locator('.RaEmpty-message'))
      .or(page.getByText(/^No .+ (found|yet)\b/)),
});

const SCREENS: Record<string, Screen[]> = {
  'staff@demo.test': [
    {
      name: 'Home',
      route: '/',
      ready: (page) => page.getByRole('heading', { name: /^Welcome, / }),
    },
    list('Requests', '/requests'),
    list('Subjects', '/subjects'),
    list('Legal process', '/legal-process'),
    list('Disclosures', '/disclosures'),
    list('Violation flags', '/violations'),
    list('Suppression list', '/suppressions'),
    list('Outbox', '/outbox'),
  ],
  'compliance@demo.test': [
    {
      name: 'Home',
      route: '/',
      ready: (page) => page.getByRole('heading', { name: /^Welcome, / }),
    },
    {
      name: 'Review queue',
      route: '/review-queue',
      ready: (page) => page.getByRole('heading').first(),
    },
    list('Audit log', '/audit'),
    list('Exports', '/exports'),
    { name: 'Retention', route: '/retention', ready: (page) => page.getByRole('heading').first() },
    {
      name: 'CCPA metrics',
      route: '/reports/ccpa-metrics',
      ready: (page) => page.getByRole('heading').first(),
    },
  ],
  'manager@demo.test': [
    {
      name: 'Home',
      route: '/',
      ready: (page) => page.getByRole('heading', { name: /^Welcome, / }),
    },
  ],
  'admin@demo.test': [
    list('Users', '/users'),
    list('API keys', '/api-keys'),
    list('Background jobs', '/jobs'),
  ],
};

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO_REQUESTS: 'true' });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Finding {
  screen: string;
  rule: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

async function blockingFindings(page: Page, screen: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({
      screen,
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`),
    }));
}

/** Waits until the screen has drawn its data and shows no spinner, so axe sees what a person sees. */
async function settle(page: Page, screen: Screen): Promise<void> {
  await visible(screen.ready(page));
  await page.getByRole('progressbar').first().waitFor({ state: 'detached' });
}

describe('accessibility of the console (axe-core)', () => {
  it(
    'has no serious or critical violation on the sign-in page and the public request form',
    async () => {
      await runInBrowser(browser, 'a11y-public', async (page) => {
        await openConsole(page, server.baseUrl);
        const findings = await blockingFindings(page, 'Sign in');
        await page.goto(`${server.baseUrl}/privacy`);
        await visible(page.getByRole('heading').first());
        findings.push(...(await blockingFindings(page, 'Public request form')));
        expect(findings).toEqual([]);
      });
    },
    JOURNEY_MS,
  );

  for (const [email, screens] of Object.entries(SCREENS)) {
    it(
      `has no serious or critical violation on ${email.split('@')[0]}'s main screens`,
      async () => {
        await runInBrowser(browser, `a11y-${email.split('@')[0]}`, async (page) => {
          await openConsole(page, server.baseUrl);
          await signIn(page, email, DEMO_PASSWORD);
          await visible(page.getByRole('button', { name: 'Profile' }));
          const findings: Finding[] = [];
          for (const screen of screens) {
            await page.goto(`${server.baseUrl}/#${screen.route}`);
            await settle(page, screen);
            findings.push(...(await blockingFindings(page, screen.name)));
          }
          expect(findings).toEqual([]);
        });
      },
      JOURNEY_MS,
    );
  }
});
