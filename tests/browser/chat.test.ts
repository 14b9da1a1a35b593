import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { type TestServer, startTestServer } from '../support/server.js';
import {
  type Person,
  addContact,
  clientDir,
  launch,
  messageTexts,
  openConversation,
  openDirect,
  screenshot,
  sendText,
  signUp,
} from '../support/browser.js';

let server: TestServer;
let browser: Browser;
let ann: Person;
let ben: Person;
let cat: Person;

beforeAll(async () => {
  server = await startTestServer({ clientDir });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('chatting in the browser', () => {
  it('lets two people sign up, find each other, and exchange messages live', async () => {
    ann = await signUp(browser, server.url, 'Ann');
    ben = await signUp(browser, server.url, 'Ben');
    await addContact(ann, ben);
    await openDirect(ann, ben);
    await sendText(ann, 'Hi Ben, it is Ann');
    await expect.poll(() => messageTexts(ann.page)).toEqual(['Hi Ben, it is Ann']);

    // Ben sees the new conversation appear and opens it.
    await openConversation(ben, 'Ann');
    await expect.poll(() => messageTexts(ben.page)).toEqual(['Hi Ben, it is Ann']);
    await sendText(ben, 'Hello Ann!');
    await expect.poll(() => messageTexts(ann.page)).toEqual(['Hi Ben, it is Ann', 'Hello Ann!']);
    // Ann's message reaches "seen" once Ben has it open.
    await expect
      .poll(() => ann.page.getByTestId('message').first().getAttribute('data-state'), { timeout: 10_000 })
      .toBe('seen');
    await screenshot(ann.page, 'direct-ann');
    await screenshot(ben.page, 'direct-ben');
  });

  it('lets three people create a group and chat in it', async () => {
    cat = await signUp(browser, server.url, 'Cat');
    await addContact(ann, cat);
    await ann.page.getByTestId('new-group').click();
    await ann.page.getByTestId('group-title').fill('Weekend trip');
    await ann.page.getByTestId('group-member').filter({ hasText: 'Ben' }).click();
    await ann.page.getByTestId('group-member').filter({ hasText: 'Cat' }).click();
    await ann.page.getByTestId('group-create').click();
    await ann.page.getByTestId('composer-input').waitFor();
    await sendText(ann, 'Where shall we go?');
    await openConversation(ben, 'Weekend trip');
    await openConversation(cat, 'Weekend trip');
    await sendText(ben, 'The lake');
    await expect.poll(() => messageTexts(cat.page)).toEqual(['Where shall we go?', 'The lake']);
    await sendText(cat, 'Agreed');
    for (const p of [ann, ben, cat]) {
      await expect.poll(() => messageTexts(p.page)).toEqual(['Where shall we go?', 'The lake', 'Agreed']);
    }
    await screenshot(cat.page, 'group-cat');
  });

  it('keeps every message, in order, across a server restart', async () => {
    server = await server.restart();
    for (const p of [ann, ben]) {
      await p.page.reload();
      await openConversation(p, 'Weekend trip');
      await expect.poll(() => messageTexts(p.page)).toEqual(['Where shall we go?', 'The lake', 'Agreed']);
    }
    await openConversation(ann, 'Ben');
    await expect.poll(() => messageTexts(ann.page)).toEqual(['Hi Ben, it is Ann', 'Hello Ann!']);
    // Live sync works again after the restart.
    await openConversation(ben, 'Ann');
    await sendText(ben, 'Back after the restart');
    await expect.poll(() => messageTexts(ann.page)).toContain('Back after the restart');
  });

  it('shows cached messages after a reload while the server is down, and sends what was written once it is back', async () => {
    const port = server.port;
    await server.close();
    await ann.page.reload();
    await openConversation(ann, 'Ben');
    await expect.poll(() => messageTexts(ann.page)).toEqual(['Hi Ben, it is Ann', 'Hello Ann!', 'Back after the restart']);
    await sendText(ann, 'Written while the server was down');
    const last = ann.page.getByTestId('message').last();
    await expect.poll(() => last.getAttribute('data-state')).toBe('sending');
    await screenshot(ann.page, 'offline-ann');

    server = await startTestServer({ dataDir: server.dataDir, port, clientDir });
    await expect.poll(() => messageTexts(ben.page), { timeout: 30_000 }).toContain('Written while the server was down');
    await expect.poll(() => last.getAttribute('data-state'), { timeout: 30_000 }).not.toBe('sending');
  });
});
