/**
 * Bench in Chromium: open a large conversation from the local cache (time to
 * the newest message painted, JS heap after open) and scroll it from bottom to
 * top (frame times). The peer is a 1,000-message conversation measured the
 * same way in the same run.
 */
import type { Browser, Page } from 'playwright-core';
import { api, directConversation, makeUser, type TestServer, type TestUser } from '../support/server.js';
import { launch } from '../support/browser.js';
import { seedConversation } from './seed.js';

export interface OpenResult {
  messages: number;
  firstOpenMs: number;
  cachedOpenMs: number;
  heapMB: number;
  frames: number;
  medianFrameMs: number;
  /** Frames over 16.7 ms plus 1 ms of vsync jitter: a 60 Hz frame missed. */
  over16: number;
  over50: number;
  worstFrameMs: number;
}

async function login(page: Page, user: TestUser): Promise<void> {
  await page.goto('/');
  const showLogin = page.getByTestId('show-login');
  if (await showLogin.isVisible().catch(() => false)) await showLogin.click();
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill('correct horse battery staple');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('connection-status').waitFor();
}

async function openAndTime(page: Page, convId: string, lastText: string, timeoutMs: number): Promise<number> {
  await page.getByTestId('nav-chats').click();
  const item = page.locator(`[data-testid=conversation-item][data-conversation-id="${convId}"]`);
  await item.waitFor({ timeout: timeoutMs });
  const t0 = Date.now();
  await item.click();
  await page.getByTestId('message-text').filter({ hasText: lastText }).waitFor({ timeout: timeoutMs });
  return Date.now() - t0;
}

/** Scroll from the bottom to the top in steps, one per animation frame; frame durations from rAF. */
async function scrollToTop(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>('[data-testid=message-list]');
    if (!el) throw new Error('no message list');
    const frames: number[] = [];
    let last = performance.now();
    const step = Math.max(600, el.clientHeight * 1.5);
    // Bounded: at most 6,000 frames, so a list that keeps growing cannot hang the bench.
    for (let i = 0; i < 6000 && el.scrollTop > 0; i++) {
      el.scrollTop = Math.max(0, el.scrollTop - step);
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return frames;
  });
}

export async function benchOpen(server: TestServer, browser: Browser, count: number): Promise<OpenResult> {
  const a = await makeUser(server, 'Reader');
  const b = await makeUser(server, 'Writer');
  await api(server, 'POST', '/api/contacts', { token: a.token, body: { userId: b.id } });
  const convId = await directConversation(server, a, b);
  await seedConversation(server, convId, [a, b], count);
  const lastText = `#${count - 1}`;

  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await login(page, a);
  const firstOpenMs = await openAndTime(page, convId, lastText, 300_000);
  // Let the first sync land in IndexedDB, then measure an open from the cache.
  await page.waitForTimeout(2000);
  await page.reload();
  await page.getByTestId('connection-status').waitFor();
  const cachedOpenMs = await openAndTime(page, convId, lastText, 120_000);

  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = await cdp.send('Performance.getMetrics');
  const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;

  const frames = await scrollToTop(page);
  await context.close();
  return {
    messages: count,
    firstOpenMs,
    cachedOpenMs,
    heapMB: heap / 2 ** 20,
    frames: frames.length,
    medianFrameMs: [...frames].sort((x, y) => x - y)[Math.floor(frames.length / 2)] ?? 0,
    over16: frames.filter((f) => f > 17.7).length,
    over50: frames.filter((f) => f > 50).length,
    worstFrameMs: Math.max(0, ...frames),
  };
}

export { launch };
