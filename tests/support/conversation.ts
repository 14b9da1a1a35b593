/**
 * Test support for the conversation features: people signed in through the
 * API (a browser context each, no sign-up form to fill), group creation, and
 * a Node-side writer that speaks for one user through the real sync server
 * (to send, reply, edit or delete as someone whose screen is not under test).
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import * as conversation from '../../shared/doc/conversation.js';
import { type TestUser, api, connect, stored, synced } from './server.js';

export interface Signed {
  user: TestUser;
  context: BrowserContext;
  page: Page;
}

export const PASSWORD = 'correct horse battery staple';

let people = 0;

/** An account with a display name of any shape (makeUser uses the name as the username). */
export async function makePerson(server: { url: string }, displayName: string): Promise<TestUser> {
  const username = `${displayName.toLowerCase().replace(/[^a-z0-9]/g, '')}${++people}${Math.random().toString(36).slice(2, 6)}`;
  const signup = await api(server, 'POST', '/api/auth/signup', { body: { username, displayName, password: PASSWORD } });
  if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`);
  const token = await api<{ token: string; user: { id: string } }>(server, 'POST', '/api/auth/token', { body: { username, password: PASSWORD } });
  if (token.status !== 200) throw new Error(`token failed: ${JSON.stringify(token.body)}`);
  return { id: token.body.user.id, username, displayName, token: token.body.token };
}

/** A new user (made through the API), logged in through the form in a browser context of its own. */
export async function signedIn(
  browser: Browser,
  server: { url: string },
  name: string | TestUser,
  viewport = { width: 1280, height: 800 },
): Promise<Signed> {
  const user = typeof name === 'string' ? await makePerson(server, name) : name;
  const context = await browser.newContext({ baseURL: server.url, viewport, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${user.displayName}] page error:`, e.message));
  await page.goto('/');
  await page.getByTestId('signup-username').or(page.getByTestId('login-username')).waitFor();
  const showLogin = page.getByTestId('show-login');
  if (await showLogin.isVisible()) await showLogin.click();
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('connection-status').waitFor();
  return { user, context, page };
}

export async function addContacts(server: { url: string }, user: TestUser, others: TestUser[]): Promise<void> {
  for (const other of others) await api(server, 'POST', '/api/contacts', { token: user.token, body: { userId: other.id } });
}

export async function createGroup(server: { url: string }, admin: TestUser, title: string, members: TestUser[]): Promise<string> {
  const res = await api<{ conversation: { id: string } }>(server, 'POST', '/api/conversations', {
    token: admin.token,
    body: { kind: 'group', title, memberIds: members.map((m) => m.id) },
  });
  if (res.status !== 201) throw new Error(`group not created: ${JSON.stringify(res.body)}`);
  return res.body.conversation.id;
}

/** Open a conversation from the list by its id (the list fetches it if it is new). */
export async function openById(page: Page, conversationId: string): Promise<void> {
  await page.getByTestId('nav-chats').click();
  const item = page.locator(`[data-testid=conversation-item][data-conversation-id="${conversationId}"]`);
  await item.click();
  await page.getByTestId('conversation-main').getByTestId('composer-input').waitFor();
}

/** Within the main column (not the thread panel). */
export const main = (page: Page): Locator => page.getByTestId('conversation-main');

/** The message whose own text (not a quote in it) contains `text`. */
export function row(scope: Page | Locator, text: string): Locator {
  const page = 'page' in scope ? scope.page() : scope;
  return scope.getByTestId('message').filter({ has: page.getByTestId('message-text').filter({ hasText: text }) });
}

export function texts(scope: Page | Locator): Promise<string[]> {
  return scope.getByTestId('message-text').allInnerTexts();
}

export async function send(scope: Page | Locator, text: string): Promise<void> {
  const input = scope.getByTestId('composer-input');
  await input.fill(text);
  await input.press('Enter');
}

/** Hover a row so its actions show, then click one. */
export async function act(message: Locator, action: 'react' | 'reply' | 'thread' | 'edit' | 'delete' | 'history'): Promise<void> {
  await message.hover();
  await message.getByTestId(`message-${action}`).click();
}

export interface Writer {
  userId: string;
  doc: Y.Doc;
  send(text: string, options?: { replyTo?: string; threadOf?: string }): Promise<string>;
  /** A message written at `at` (as if offline then): it sorts among the older messages. */
  sendAt(text: string, at: number): Promise<string>;
  edit(msgId: string, text: string): Promise<void>;
  remove(msgId: string): Promise<void>;
  /** The first message whose text contains `text` (or ends with it, with `{ end: true }`). */
  find(text: string, options?: { end?: boolean }): conversation.MessageView;
  close(): void;
}

/** Speak for `user` in a conversation from Node, through the real server. */
export async function writer(server: { url: string }, user: TestUser, conversationId: string): Promise<Writer> {
  const doc = new Y.Doc();
  const provider = connect(server, user, `conv:${conversationId}`, doc);
  await synced(provider);
  const clock = conversation.makeDocClock(doc);
  return {
    userId: user.id,
    doc,
    async send(text, options = {}) {
      const record = conversation.sendMessage(doc, clock, { author: user.id, text, ...options });
      await stored(provider, 30_000);
      return record.id;
    },
    async sendAt(text, at) {
      const id = conversation.newMessageId(at);
      conversation.appendRecord(doc, { id, author: user.id, hlc: at, sentAt: at, kind: 'text', text });
      await stored(provider, 30_000);
      return id;
    },
    async edit(msgId, text) {
      conversation.editMessage(doc, { msgId, editor: user.id, text });
      await stored(provider, 30_000);
    },
    async remove(msgId) {
      conversation.deleteMessage(doc, { msgId, userId: user.id });
      await stored(provider, 30_000);
    },
    find(text, options = {}) {
      const found = conversation.readMessages(doc).find((m) => (options.end ? m.text?.endsWith(text) : m.text?.includes(text)));
      if (!found) throw new Error(`no message with "${text}"`);
      return found;
    },
    close: () => provider.destroy(),
  };
}

/** Whether the locator's element lies wholly inside the visible part of the scrolling list it is in. */
export function inView(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const list = el.closest('.messages');
    if (!list) return false;
    const a = el.getBoundingClientRect();
    const b = list.getBoundingClientRect();
    return a.height > 0 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  });
}

/** Pixels between the bottom of the visible list and the end of its content. */
export function distanceFromEnd(page: Page, testId = 'message-list'): Promise<number> {
  return page.getByTestId(testId).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
}
