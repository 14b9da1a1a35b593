/**
 * Test support for browser tests: Debian's Chromium driven by playwright-core
 * against the real server serving the built client (dist/client).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type TestServer, startTestServer } from './server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built client; TEST_CLIENT_DIR points elsewhere (e.g. a build of one's own while another build runs). */
export const clientDir = process.env.TEST_CLIENT_DIR ? path.resolve(process.env.TEST_CLIENT_DIR) : path.join(root, 'dist/client');
export const screenshotDir = path.join(root, '.tmp/screenshots');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(path.join(clientDir, 'index.html'))) throw new Error('client not built: run `npx vite build` first');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  username: string;
  displayName: string;
}

let n = 0;

/** A new browser context (its own cookies and IndexedDB) signed up as a new user. */
export async function signUp(browser: Browser, baseUrl: string, displayName: string, viewport = { width: 1100, height: 760 }): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${displayName}] page error:`, e.message));
  const username = `${displayName.toLowerCase()}${Date.now().toString(36)}${++n}`;
  await page.goto('/');
  await page.getByTestId('signup-username').fill(username);
  await page.getByTestId('signup-display-name').fill(displayName);
  await page.getByTestId('signup-password').fill('correct horse battery staple');
  await page.getByTestId('signup-submit').click();
  await page.getByTestId('connection-status').waitFor();
  return { context, page, username, displayName };
}

/** Search `other` by name, add them as a contact. */
export async function addContact(person: Person, other: Person): Promise<void> {
  const { page } = person;
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contact-search').fill(other.displayName);
  const result = page.getByTestId('search-result').filter({ hasText: other.username });
  await result.getByTestId('add-contact').click();
  await page.getByTestId('contact').filter({ hasText: other.displayName }).waitFor();
}

/** Open the direct conversation with a contact from the contact list. */
export async function openDirect(person: Person, other: Person): Promise<void> {
  const { page } = person;
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contact').filter({ hasText: other.displayName }).click();
  await page.getByTestId('composer-input').waitFor();
}

export async function openConversation(person: Person, title: string): Promise<void> {
  const { page } = person;
  await page.getByTestId('nav-chats').click();
  await page.getByTestId('conversation-item').filter({ hasText: title }).first().click();
  await page.getByTestId('composer-input').waitFor();
}

export async function sendText(person: Person, text: string): Promise<void> {
  await person.page.getByTestId('composer-input').fill(text);
  await person.page.getByTestId('composer-input').press('Enter');
}

export function messageTexts(page: Page): Promise<string[]> {
  return page.getByTestId('message-text').allInnerTexts();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * A browser suite's real server (serving the built client) and Chromium,
 * started before its tests and stopped after. Fields are replaceable, e.g.
 * `env.server = await env.server.restart()`.
 */
export function useServerAndBrowser(extraArgs: string[] = []): { server: TestServer; browser: Browser } {
  const env = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    env.server = await startTestServer({ clientDir });
    env.browser = await launch(extraArgs);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.dispose();
  });
  return env;
}
