import { describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.js';
import {
  type Person,
  addContact,
  clientDir,
  messageTexts,
  openConversation,
  openDirect,
  screenshot,
  sendText,
  signUp,
  useServerAndBrowser,
} from '../support/browser.js';

const env = useServerAndBrowser();
let ann: Person;
let ben: Person;
let cat: Person;

describe('chatting in the browser', () => {
  it('lets two people sign up, find each other, and exchange messages live', async () => {
    ann = await signUp(env.browser, env.server.url, 'Ann');
    ben = await signUp(env.browser, env.server.url, 'Ben');
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
    cat = await signUp(env.browser, env.server.url, 'Cat');
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
    env.server = await env.server.restart();
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
    const port = env.server.port;
    await env.server.close();
    await ann.page.reload();
    await openConversation(ann, 'Ben');
    await expect.poll(() => messageTexts(ann.page)).toEqual(['Hi Ben, it is Ann', 'Hello Ann!', 'Back after the restart']);
    await sendText(ann, 'Written while the server was down');
    const last = ann.page.getByTestId('message').last();
    await expect.poll(() => last.getAttribute('data-state')).toBe('sending');
    // The list shows it as the last message already, though the server has not got it.
    const item = ann.page.getByTestId('conversation-item').filter({ hasText: 'Ben' });
    await expect.poll(() => item.innerText()).toContain('You: Written while the server was down');
    await screenshot(ann.page, 'offline-ann');

    env.server = await startTestServer({ dataDir: env.server.dataDir, port, clientDir });
    await expect.poll(() => messageTexts(ben.page), { timeout: 30_000 }).toContain('Written while the server was down');
    await expect.poll(() => last.getAttribute('data-state'), { timeout: 30_000 }).not.toBe('sending');
  });
});
