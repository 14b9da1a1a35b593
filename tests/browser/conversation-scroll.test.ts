/**
 * A long conversation (thousands of messages pushed through the real server)
 * in Chromium: landing at the newest message, following new ones, the "new
 * messages" count, the reader's row staying put when rows above change, a
 * quote leading thousands of messages up, and search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedConversation } from '../bench/seed.js';
import { clientDir, launch, screenshot } from '../support/browser.js';
import { type Signed, type Writer, addContacts, distanceFromEnd, inView, main, makePerson, openById, row, signedIn, writer } from '../support/conversation.js';
import { type TestServer, directConversation, startTestServer } from '../support/server.js';

const COUNT = 3000;

let server: TestServer;
let browser: Browser;
let reader: Signed;
let walt: Writer;
let convId: string;

beforeAll(async () => {
  server = await startTestServer({ clientDir });
  browser = await launch();
  const rita = await makePerson(server, 'Rita Reader');
  const waltUser = await makePerson(server, 'Walt Writer');
  await addContacts(server, rita, [waltUser]);
  convId = await directConversation(server, rita, waltUser);
  await seedConversation(server, convId, [rita, waltUser], COUNT);
  walt = await writer(server, waltUser, convId);
  reader = await signedIn(browser, server, rita);
  // Every frame, note whether the list is shown and how far from its end: a visible jump shows up here.
  await reader.page.addInitScript(() => {
    const frames: Array<{ visible: boolean; distance: number }> = [];
    Object.assign(window, { __listFrames: frames });
    const watch = (): void => {
      const el = document.querySelector<HTMLElement>('[data-testid=message-list]');
      if (el) frames.push({ visible: getComputedStyle(el).visibility === 'visible', distance: el.scrollHeight - el.scrollTop - el.clientHeight });
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
});

afterAll(async () => {
  walt?.close();
  await browser?.close();
  await server?.dispose();
});

/** The first message row wholly in view, and where its top is. */
function firstInView(page: Page): Promise<{ id: string; top: number }> {
  return page.getByTestId('message-list').evaluate((list) => {
    const box = list.getBoundingClientRect();
    for (const el of list.querySelectorAll<HTMLElement>('[data-testid=message]')) {
      const r = el.getBoundingClientRect();
      if (r.top >= box.top && r.bottom <= box.bottom) return { id: el.dataset.messageId ?? '', top: r.top };
    }
    throw new Error('no message in view');
  });
}

function topOf(page: Page, msgId: string): Promise<number | null> {
  return page.evaluate((id) => document.querySelector(`[data-message-id="${id}"]`)?.getBoundingClientRect().top ?? null, msgId);
}

/** Resolves once the rows in view have not moved for several frames (rows scrolled into view are measured first). */
function settled(page: Page): Promise<void> {
  return page.getByTestId('message-list').evaluate(
    (list) =>
      new Promise<void>((resolve, reject) => {
        let last = '';
        let still = 0;
        let frames = 0;
        const look = (): void => {
          const now = [...list.querySelectorAll<HTMLElement>('[data-testid=message]')].map((el) => `${el.dataset.messageId}@${el.getBoundingClientRect().top}`).join();
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 5) return resolve();
          if (++frames > 300) return reject(new Error('the list kept moving'));
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }),
  );
}

/** Scroll the list to the middle, as a reader would, and let it settle. */
async function scrollToMiddle(page: Page): Promise<void> {
  await page.getByTestId('message-list').evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await page.getByTestId('scroll-to-bottom').waitFor();
  await settled(page);
}

const nextFrames = (page: Page): Promise<unknown> => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Within a pixel (sub-pixel positions round differently). */
function expectSamePlace(actual: number | null, expected: number): void {
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(1);
}

describe('a conversation with thousands of messages', () => {
  it('opens at the newest message, shown only once it sits at the bottom', async () => {
    await reader.page.reload();
    await reader.page.getByTestId('connection-status').waitFor();
    await openById(reader.page, convId);
    const newest = row(main(reader.page), `#${COUNT - 1}`);
    await newest.waitFor();
    await expect.poll(() => inView(newest)).toBe(true);
    expect(await distanceFromEnd(reader.page)).toBeLessThanOrEqual(2);
    const frames = await reader.page.evaluate(() => (window as unknown as { __listFrames: Array<{ visible: boolean; distance: number }> }).__listFrames);
    const shown = frames.filter((f) => f.visible);
    expect(shown.length).toBeGreaterThan(0);
    // Never shown anywhere but at the end: no visible jump.
    expect(shown.filter((f) => f.distance > 2)).toEqual([]);
    expect(await reader.page.getByTestId('scroll-to-bottom').count()).toBe(0);
    await screenshot(reader.page, 'long-open');
  });

  it('keeps the newest message in view as new ones arrive while at the bottom', async () => {
    await walt.send('Fresh off the press');
    const fresh = row(main(reader.page), 'Fresh off the press');
    await fresh.waitFor();
    await expect.poll(() => inView(fresh)).toBe(true);
    await expect.poll(() => distanceFromEnd(reader.page)).toBeLessThanOrEqual(2);
    expect(await reader.page.getByTestId('new-messages').count()).toBe(0);
  });

  it('scrolled up, counts new messages on the button instead of moving, and goes down on click', async () => {
    await scrollToMiddle(reader.page);
    const anchor = await firstInView(reader.page);
    await walt.send('New while you read, one');
    await walt.send('New while you read, two');
    await expect.poll(() => reader.page.getByTestId('new-messages').textContent()).toBe('2');
    expectSamePlace(await topOf(reader.page, anchor.id), anchor.top);
    await screenshot(reader.page, 'long-new-messages');
    await reader.page.getByTestId('scroll-to-bottom').click();
    await expect.poll(() => distanceFromEnd(reader.page)).toBeLessThanOrEqual(2);
    await expect.poll(() => inView(row(main(reader.page), 'New while you read, two'))).toBe(true);
    await expect.poll(() => reader.page.getByTestId('scroll-to-bottom').count()).toBe(0);
  });

  it('keeps the row under the reader in place when a taller row appears or grows above it', async () => {
    await scrollToMiddle(reader.page);
    const anchor = await firstInView(reader.page);
    const sentAt = Number(await reader.page.locator(`[data-message-id="${anchor.id}"] time`).evaluate((t) => Date.parse(t.getAttribute('datetime') ?? '')));
    // Written "offline" a few messages earlier: it sorts in just above the reader.
    const tall = `${'A long message written offline, now arriving. '.repeat(14)}(tall)`;
    await walt.sendAt(tall, sentAt - 4 * 60_000 + 30_000);
    await row(main(reader.page), '(tall)').waitFor({ state: 'attached' });
    await nextFrames(reader.page);
    expectSamePlace(await topOf(reader.page, anchor.id), anchor.top);

    // One of Walt's messages above the reader grows when he edits it.
    const above = await reader.page.evaluate(
      ({ id, author }) => {
        const rows = [...document.querySelectorAll<HTMLElement>('[data-testid=message]')];
        const at = rows.findIndex((r) => r.dataset.messageId === id);
        return rows
          .slice(0, at)
          .reverse()
          .find((r) => r.dataset.author === author && r.getBoundingClientRect().bottom < (document.querySelector('[data-testid=message-list]')?.getBoundingClientRect().top ?? 0))?.dataset.messageId;
      },
      { id: anchor.id, author: walt.userId },
    );
    expect(above).toBeDefined();
    const before = await topOf(reader.page, anchor.id);
    await walt.edit(above ?? '', `${'Edited to be much longer than before. '.repeat(12)}(grown)`);
    await row(main(reader.page), '(grown)').waitFor({ state: 'attached' });
    await nextFrames(reader.page);
    expectSamePlace(await topOf(reader.page, anchor.id), before ?? Number.NaN);
  });

  it('goes to a quoted message thousands of messages up and highlights it', async () => {
    await reader.page.getByTestId('scroll-to-bottom').click();
    const first = walt.find(' #3', { end: true });
    await walt.send('Remember where it all started?', { replyTo: first.id });
    const reply = row(main(reader.page), 'Remember where it all started?');
    await expect.poll(() => inView(reply)).toBe(true);
    expect(await reply.getByTestId('reply-quote-text').innerText()).toMatch(/#3$/);
    await reply.getByTestId('reply-quote').click();
    const original = reader.page.locator(`[data-message-id="${first.id}"]`);
    await expect.poll(() => original.getAttribute('data-highlighted')).toBe('true');
    await expect.poll(() => inView(original)).toBe(true);
    await screenshot(reader.page, 'long-quote-jump');
  });

  it('searches by words ignoring case and accents, steps through matches however far up, and highlights them', async () => {
    const early = walt.find(' #10', { end: true }).sentAt + 30_000;
    const middle = walt.find(` #${COUNT / 2}`, { end: true }).sentAt + 30_000;
    await walt.sendAt('Meet me at the Café Zoë', early);
    await walt.sendAt('the CAFE closes early today', middle);
    await walt.send('cafe tomorrow?');
    const page = reader.page;
    await page.getByTestId('scroll-to-bottom').click();
    await row(main(page), 'cafe tomorrow?').waitFor();

    await page.getByTestId('search-open').click();
    await page.getByTestId('search-input').fill('café');
    const count = page.getByTestId('search-count');
    await expect.poll(() => count.innerText()).toBe('1 of 3');
    const hits = (text: string) => row(main(page), text).getByTestId('search-hit').allInnerTexts();
    await expect.poll(() => hits('cafe tomorrow?')).toEqual(['cafe']);

    await page.getByTestId('search-input').press('Enter');
    await expect.poll(() => count.innerText()).toBe('2 of 3');
    await expect.poll(() => inView(row(main(page), 'CAFE closes early'))).toBe(true);
    expect(await hits('CAFE closes early')).toEqual(['CAFE']);
    expect(await row(main(page), 'CAFE closes early').getAttribute('class')).toContain('search-current');

    await page.getByTestId('search-input').press('Enter');
    await expect.poll(() => count.innerText()).toBe('3 of 3');
    await expect.poll(() => inView(row(main(page), 'Café Zoë'))).toBe(true);
    expect(await hits('Café Zoë')).toEqual(['Café']);
    await screenshot(page, 'long-search');

    await page.getByTestId('search-input').press('Shift+Enter');
    await expect.poll(() => count.innerText()).toBe('2 of 3');
    await page.getByTestId('search-next').click();
    await expect.poll(() => count.innerText()).toBe('3 of 3');
    await page.getByTestId('search-next').click();
    await expect.poll(() => count.innerText()).toBe('1 of 3');
    await page.getByTestId('search-prev').click();
    await expect.poll(() => count.innerText()).toBe('3 of 3');

    await page.getByTestId('search-input').fill('ZOE cafe');
    await expect.poll(() => count.innerText()).toBe('1 of 1');
    await expect.poll(() => hits('Café Zoë')).toEqual(['Café', 'Zoë']);
    await page.getByTestId('search-input').fill('nowhere to be found');
    await expect.poll(() => count.innerText()).toBe('No results');
    await page.getByTestId('search-close').click();
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(0);
  });

  it('opens from the cached tail: the newest rows are painted before the document is in, and stay in place when it takes over', async () => {
    const page = reader.page;
    // The tail is written a moment after the last change; then a fresh page on the list.
    await page.waitForTimeout(1500);
    await page.goto('/');
    await page.getByTestId('connection-status').waitFor();
    const item = page.locator(`[data-testid=conversation-item][data-conversation-id="${convId}"]`);
    await item.waitFor();
    // Every frame from the click on: is the preview up, is the list shown, which row is last and where.
    await page.evaluate(() => {
      const frames: Array<{ preview: boolean; loaded: boolean; visible: boolean; distance: number; lastId?: string; lastBottom?: number }> = [];
      Object.assign(window, { __openFrames: frames });
      const watch = (): void => {
        const section = document.querySelector<HTMLElement>('[data-testid=conversation]');
        const list = document.querySelector<HTMLElement>('[data-testid=message-list]');
        const rows = list ? list.querySelectorAll<HTMLElement>('[data-testid=message]') : [];
        const last = rows[rows.length - 1];
        if (section && list) {
          frames.push({
            preview: section.dataset.preview === 'true',
            loaded: section.dataset.loaded === 'true',
            visible: getComputedStyle(list).visibility === 'visible',
            distance: list.scrollHeight - list.scrollTop - list.clientHeight,
            lastId: last?.dataset.messageId,
            lastBottom: last?.getBoundingClientRect().bottom,
          });
        }
        if (frames.filter((f) => f.loaded).length < 10) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    await item.click();
    await page.locator('[data-testid=conversation][data-loaded=true]').waitFor();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __openFrames: Array<{ loaded: boolean }> }).__openFrames.filter((f) => f.loaded).length)).toBeGreaterThanOrEqual(10);
    const frames = await page.evaluate(() => (window as unknown as { __openFrames: Array<{ preview: boolean; loaded: boolean; visible: boolean; distance: number; lastId?: string; lastBottom?: number }> }).__openFrames);
    const previewFrames = frames.filter((f) => f.preview && f.visible && f.lastId !== undefined);
    expect(previewFrames.length).toBeGreaterThan(0);
    const loadedFrames = frames.filter((f) => f.loaded);
    const before = previewFrames.at(-1)!;
    const after = loadedFrames.at(-1)!;
    // The same newest row, at the same place, at the bottom, before and after the document came in.
    expect(after.lastId).toBe(before.lastId);
    expect(Math.abs((after.lastBottom ?? 0) - (before.lastBottom ?? 0))).toBeLessThanOrEqual(1);
    expect(frames.filter((f) => f.visible && f.distance > 2)).toEqual([]);
    expect(await distanceFromEnd(page)).toBeLessThanOrEqual(2);
  });
});
