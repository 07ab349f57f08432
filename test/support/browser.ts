import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

// What the browser journeys share: the browser, a fresh context per journey with a screenshot
// on failure, and the waits and sign-in steps every journey takes.

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');
export const DEMO_PASSWORD = 'privacy-desk-demo';
export const WAIT_MS = 20_000;

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs `journey` in a fresh browser context (own cookies). On failure it saves a screenshot
 * as failure-<name>.png; uncaught page errors fail the journey.
 */
export async function runInBrowser(
  browser: Browser,
  name: string,
  journey: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await journey(page);
    expect(pageErrors).toEqual([]);
  } catch (error) {
    await page
      .screenshot({ path: path.join(SCREENSHOTS, `failure-${name}.png`), fullPage: true })
      .catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

export async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: WAIT_MS });
  return locator;
}

export async function textOf(locator: Locator): Promise<string> {
  await visible(locator);
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until the locator's text matches (it may change as the page refetches). */
export async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  await visible(locator);
  const deadline = Date.now() + WAIT_MS;
  let text = '';
  while (Date.now() < deadline) {
    text = ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    if (typeof expected === 'string' ? text === expected : expected.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (typeof expected === 'string') expect(text).toBe(expected);
  else expect(text).toMatch(expected);
}

/**
 * The form of the create or edit page just opened. After a click the router renders the new
 * page in a transition, so the page being left stays on screen until the new page's code has
 * loaded, and a page-wide locator can match an input there: the subject list's search box is
 * named "Name, email, phone or company", so `textbox /^Name/` typed into it, and the new form
 * came up empty. Locating inside this form waits for the new page instead.
 */
export async function pageForm(page: Page): Promise<Locator> {
  return visible(page.locator('.create-page form, .edit-page form'));
}

/** The message shown under one input of a react-admin form. */
export function fieldError(form: Locator, source: string): Locator {
  return form.locator(`.ra-input-${source} .MuiFormHelperText-root.Mui-error`);
}

/** Fills an input once and checks that the value holds. */
export async function fillInput(locator: Locator, value: string): Promise<void> {
  await locator.fill(value);
  expect(await locator.inputValue()).toBe(value);
}

/** Fills several inputs of one form once and checks them all together. */
export async function fillFields(fields: [Locator, string][]): Promise<void> {
  for (const [locator, value] of fields) await locator.fill(value);
  for (const [locator, value] of fields) expect(await locator.inputValue()).toBe(value);
}

export async function openConsole(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await visible(page.getByLabel('Email'));
  expect(page.url()).toContain('#/login');
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the console, signs in and waits for the home page. */
export async function signInToConsole(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await openConsole(page, baseUrl);
  await signIn(page, email, password);
  await visible(page.getByRole('heading', { name: /^Welcome, / }));
}

export function mainMenu(page: Page): Locator {
  return page.getByRole('menu', { name: 'Main menu' });
}

export async function menuEntries(page: Page): Promise<string[]> {
  const items = mainMenu(page).getByRole('menuitem');
  return (await items.allInnerTexts()).map((text) => text.trim());
}

/** The menu fills in as canAccess answers: wait until it matches and stays so. */
export async function expectMenu(page: Page, expected: string[]): Promise<void> {
  await visible(mainMenu(page));
  const deadline = Date.now() + WAIT_MS;
  let entries: string[] = [];
  while (Date.now() < deadline) {
    entries = await menuEntries(page);
    if (JSON.stringify(entries) === JSON.stringify(expected)) {
      await page.waitForTimeout(750);
      entries = await menuEntries(page);
      if (JSON.stringify(entries) === JSON.stringify(expected)) return;
    }
    await page.waitForTimeout(100);
  }
  expect(entries).toEqual(expected);
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/**
 * Calls the API from the page, with its session cookie and CSRF token, as the console does.
 * For setting up what a journey needs without clicking through it.
 */
export async function apiCall<T = unknown>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          'X-CSRF-Token': me.csrfToken,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as T };
    },
    { method, path, body },
  );
}
