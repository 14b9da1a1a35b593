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

/** Frame durations from requestAnimationFrame while something runs in the page. */
export interface FrameStats {
  frames: number;
  medianMs: number;
  /** Frames over 16.7 ms plus 1 ms of vsync jitter: a 60 Hz frame missed. */
  over16: number;
  over50: number;
  worstMs: number;
}

export interface OpenResult {
  messages: number;
  firstOpenMs: number;
  /** Click → the newest message visible and painted, from the local cache. */
  cachedOpenMs: number;
  /** Click → the whole document loaded (every row reachable, writes possible). */
  cachedLoadedMs: number;
  heapMB: number;
  /** Nothing scrolling: what this headless Chromium gives an idle page (the floor for the others). */
  idle: FrameStats;
  /** 120 px per frame (7,200 px/s, a fast wheel or fling) for 1,000 frames up from the bottom. */
  steady: FrameStats;
  /** 1.5 screens per frame (every frame all new rows) from the bottom to the top. */
  harsh: FrameStats;
}

function stats(frames: number[]): FrameStats {
  return {
    frames: frames.length,
    medianMs: [...frames].sort((x, y) => x - y)[Math.floor(frames.length / 2)] ?? 0,
    over16: frames.filter((f) => f > 17.7).length,
    over50: frames.filter((f) => f > 50).length,
    worstMs: Math.max(0, ...frames),
  };
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

/**
 * Click a conversation and time, in the page: until the newest message is on
 * screen (in the DOM, its list no longer hidden while settling) and a frame
 * with it has been painted (rAF, then a task), and until the document is loaded.
 */
async function openAndTime(page: Page, convId: string, lastText: string, timeoutMs: number): Promise<{ paintedMs: number; loadedMs: number }> {
  await page.getByTestId('nav-chats').click();
  const item = page.locator(`[data-testid=conversation-item][data-conversation-id="${convId}"]`);
  await item.waitFor({ timeout: timeoutMs });
  // Let the list's own work settle before the click.
  await page.waitForTimeout(1000);
  // tsx keeps function names with a helper the page does not have.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(
    ({ convId, lastText, timeoutMs }) =>
      new Promise<{ paintedMs: number; loadedMs: number }>((resolve, reject) => {
        const target = document.querySelector<HTMLElement>(`[data-testid=conversation-item][data-conversation-id="${convId}"]`);
        if (!target) return reject(new Error('no conversation item'));
        let painted: number | null | undefined;
        let loaded: number | undefined;
        const done = (): void => {
          if (typeof painted !== 'number' || loaded === undefined) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve({ paintedMs: painted, loadedMs: loaded });
        };
        const check = (): void => {
          if (painted === undefined) {
            const list = document.querySelector('[data-testid=message-list]');
            const shown = list && !list.classList.contains('settling');
            const texts = shown ? [...document.querySelectorAll('[data-testid=message-text]')] : [];
            if (texts.some((t) => t.textContent?.includes(lastText))) {
              painted = null;
              requestAnimationFrame(() =>
                setTimeout(() => {
                  painted = performance.now() - t0;
                  done();
                }),
              );
            }
          }
          if (loaded === undefined && document.querySelector('[data-testid=conversation][data-loaded=true]')) {
            loaded = performance.now() - t0;
            done();
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const timer = setTimeout(() => reject(new Error('open timed out')), timeoutMs);
        const t0 = performance.now();
        target.click();
        check();
      }),
    { convId, lastText, timeoutMs },
  );
}

/**
 * Scroll up from where the list is, `step` px per animation frame (0: stay
 * still), for at most `maxFrames` frames or until the top; frame durations from rAF.
 */
async function scrollFrames(page: Page, step: number | 'screens', maxFrames: number): Promise<number[]> {
  return page.evaluate(
    async ({ step, maxFrames }) => {
      const el = document.querySelector<HTMLElement>('[data-testid=message-list]');
      if (!el) throw new Error('no message list');
      const by = step === 'screens' ? el.clientHeight * 1.5 : step;
      const frames: number[] = [];
      let last = performance.now();
      for (let i = 0; i < maxFrames && (by === 0 || el.scrollTop > 0); i++) {
        if (by > 0) el.scrollTop = Math.max(0, el.scrollTop - by);
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      return frames;
    },
    { step, maxFrames },
  );
}

export async function benchOpen(server: TestServer, browser: Browser, count: number, options: { scroll?: boolean; opens?: number } = {}): Promise<OpenResult> {
  const a = await makeUser(server, 'Reader');
  const b = await makeUser(server, 'Writer');
  await api(server, 'POST', '/api/contacts', { token: a.token, body: { userId: b.id } });
  const convId = await directConversation(server, a, b);
  await seedConversation(server, convId, [a, b], count);
  const lastText = `#${count - 1}`;

  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await login(page, a);
  const firstOpenMs = (await openAndTime(page, convId, lastText, 300_000)).paintedMs;
  // Let the first sync land in IndexedDB, then measure an open from the cache: a fresh page on the
  // conversation list (not on the conversation, which would start loading it at once).
  await page.waitForTimeout(3000);
  await page.goto('/');
  await page.getByTestId('connection-status').waitFor();
  let cached = await openAndTime(page, convId, lastText, 120_000);
  // More opens when asked (exploring): report the last.
  for (let i = 1; i < (options.opens ?? 1); i++) {
    await page.goto('/');
    await page.getByTestId('connection-status').waitFor();
    cached = await openAndTime(page, convId, lastText, 120_000);
    console.log(`open ${i + 1}: painted ${cached.paintedMs.toFixed(0)} ms, loaded ${cached.loadedMs.toFixed(0)} ms`);
  }

  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = await cdp.send('Performance.getMetrics');
  const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;

  const scroll = options.scroll !== false;
  const idle = scroll ? await scrollFrames(page, 0, 600) : [];
  const steady = scroll ? await scrollFrames(page, 120, 1000) : [];
  await page.getByTestId('scroll-to-bottom').click().catch(() => {});
  await page.waitForTimeout(1000);
  // Bounded: a list that kept growing could not hang the bench (100k rows need ~6,000 frames).
  const harsh = scroll ? await scrollFrames(page, 'screens', 10_000) : [];
  await context.close();
  return {
    messages: count,
    firstOpenMs,
    cachedOpenMs: cached.paintedMs,
    cachedLoadedMs: cached.loadedMs,
    heapMB: heap / 2 ** 20,
    idle: stats(idle),
    steady: stats(steady),
    harsh: stats(harsh),
  };
}

/**
 * The floor this machine's headless Chromium sets: a static page (3,000 plain
 * rows, no script, no virtualization) scrolled up 120 px per frame.
 */
export async function benchStaticScroll(browser: Browser): Promise<FrameStats> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const rows = Array.from(
    { length: 3000 },
    (_, i) =>
      `<div style="padding:8px 16px;margin:4px 12px;background:${i % 2 ? '#fff' : '#e8f0fe'};border-radius:12px;max-width:60%;${i % 3 ? '' : 'margin-left:auto;'}font:15px sans-serif">message ${i}, a few words of text that wrap now and then</div>`,
  ).join('');
  await page.setContent(`<html><body style="margin:0"><div data-testid="message-list" style="height:800px;overflow-y:auto;background:#eef1f5">${rows}</div></body></html>`);
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.getByTestId('message-list').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const frames = await scrollFrames(page, 120, 1000);
  await page.close();
  return stats(frames);
}

export { launch };
