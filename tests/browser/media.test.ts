import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { type TestServer, startTestServer } from '../support/server.js';
import { type Person, addContact, clientDir, launch, openConversation, openDirect, screenshot, sendText, signUp } from '../support/browser.js';
import { makePng } from '../support/images.js';

let server: TestServer;
let browser: Browser;
let ann: Person;
let ben: Person;

beforeAll(async () => {
  server = await startTestServer({ clientDir });
  // Chromium's fake microphone (a beeping tone) and no permission prompt.
  browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
  ann = await signUp(browser, server.url, 'Ann');
  ben = await signUp(browser, server.url, 'Ben');
  await addContact(ann, ben);
  await openDirect(ann, ben);
  await sendText(ann, 'Media test');
  await openConversation(ben, 'Ann');
  await ben.page.getByTestId('message').first().waitFor();
  // The notifications prompt sits over the composer's corner; these tests do not need it.
  for (const person of [ann, ben]) {
    const prompt = person.page.getByTestId('notifications-prompt');
    if ((await prompt.count()) > 0) await prompt.getByText('Not now').click();
  }
});

/** Screenshots after animations (fades, the viewer's entrance) have finished. */
async function settledScreenshot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).length)).toBe(0);
  await screenshot(page, name);
}

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

const messages = (page: Page): Locator => page.getByTestId('message');

/** The newest message that holds attachments. */
const lastMedia = (page: Page): Locator => messages(page).filter({ has: page.getByTestId('attachments') }).last();

/** Whether every picture in `scope` has loaded (naturalWidth > 0). */
const imagesLoaded = (scope: Locator): Promise<boolean> =>
  scope
    .getByTestId('media-image')
    .evaluateAll((images) => images.length > 0 && images.every((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0));

async function pickImage(person: Person, name: string, width: number, height: number): Promise<void> {
  await person.page.getByTestId('composer-file-input').setInputFiles({ name, mimeType: 'image/png', buffer: makePng(width, height) });
  await person.page.getByTestId('draft').last().waitFor();
}

describe('media messages in the browser', () => {
  it('sends a picture with a caption that shows in the other window, and opens it in the viewer', async () => {
    await pickImage(ann, 'gradient.png', 640, 400);
    await ann.page.getByTestId('composer-input').fill('Sunset colours');
    await ann.page.getByTestId('composer-input').press('Enter');

    const mine = lastMedia(ann.page);
    await expect.poll(() => mine.getByTestId('message-text').innerText()).toBe('Sunset colours');
    await expect.poll(() => mine.getAttribute('data-state'), { timeout: 15_000 }).not.toBe('sending');
    await expect.poll(() => imagesLoaded(mine)).toBe(true);

    const theirs = lastMedia(ben.page);
    await expect.poll(() => theirs.getByTestId('message-text').innerText(), { timeout: 15_000 }).toBe('Sunset colours');
    await expect.poll(() => imagesLoaded(theirs), { timeout: 15_000 }).toBe(true);
    // The row had its final size from the stored preview: the tile keeps the picture's shape.
    const box = await theirs.getByTestId('media-tile').boundingBox();
    expect(box && Math.round((box.width / box.height) * 10) / 10).toBe(1.6);
    await settledScreenshot(ben.page, 'media-picture-ben');

    await theirs.getByTestId('media-tile').click();
    const viewer = ben.page.getByTestId('media-viewer');
    await viewer.waitFor();
    await expect
      .poll(() => viewer.getByTestId('viewer-image').evaluate((img) => img instanceof HTMLImageElement && img.naturalWidth))
      .toBe(640);
    await expect.poll(() => viewer.getByTestId('viewer-image').getAttribute('class')).toContain('loaded');
    await settledScreenshot(ben.page, 'media-viewer-ben');
    await ben.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('sends several files at once, added by the button, by dropping and by pasting: pictures in a grid, files as cards', async () => {
    const page = ann.page;
    await page.getByTestId('composer-file-input').setInputFiles([
      { name: 'left.png', mimeType: 'image/png', buffer: makePng(120, 90, [20, 160, 120], [240, 240, 80]) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Shopping: bread, milk, apples\n') },
    ]);
    // Dropped onto the conversation.
    await page.evaluate((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      const target = document.querySelector('[data-testid="conversation"]');
      for (const type of ['dragenter', 'dragover', 'drop']) target?.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [...makePng(90, 120, [200, 60, 90], [60, 90, 200])]);
    // Pasted into the composer.
    await page.evaluate((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      document.querySelector('[data-testid="composer-input"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [...makePng(100, 100, [250, 120, 40], [120, 40, 160])]);
    await expect.poll(() => page.getByTestId('draft').count()).toBe(4);
    await settledScreenshot(page, 'media-drafts-ann');
    // No caption: the send button works with files alone.
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('draft').count()).toBe(0);

    const theirs = lastMedia(ben.page);
    await expect.poll(() => theirs.getByTestId('media-tile').count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => imagesLoaded(theirs), { timeout: 15_000 }).toBe(true);
    expect(await theirs.getByTestId('message-text').count()).toBe(0);
    const card = theirs.getByTestId('file-card');
    expect(await card.getByTestId('file-name').innerText()).toBe('notes.txt');
    expect(await card.innerText()).toContain('30 B');
    const href = await card.getByTestId('file-download').getAttribute('href');
    const download = await ben.page.evaluate(async (url) => (await fetch(url ?? '')).text(), href);
    expect(download).toBe('Shopping: bread, milk, apples\n');
    await settledScreenshot(ben.page, 'media-several-ben');
  });

  it('sends a video that shows its first frame inline and plays in the viewer', async () => {
    // A short real WebM, recorded from a canvas in the page.
    await ann.page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const context = canvas.getContext('2d');
      const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(100);
      // About 1.5 s at 60 frames a second.
      for (let frame = 0; frame < 90; frame++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (!context) break;
        context.fillStyle = `hsl(${frame * 8} 70% 50%)`;
        context.fillRect(0, 0, 320, 180);
        context.fillStyle = '#fff';
        context.fillRect(20 + frame * 3, 70, 40, 40);
      }
      recorder.stop();
      await stopped;
      const input = document.querySelector('[data-testid="composer-file-input"]');
      if (!(input instanceof HTMLInputElement)) throw new Error('no file input');
      const data = new DataTransfer();
      data.items.add(new File(chunks, 'clip.webm', { type: 'video/webm' }));
      input.files = data.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await ann.page.getByTestId('draft').waitFor();
    await ann.page.getByTestId('composer-input').fill('A clip');
    await ann.page.getByTestId('composer-input').press('Enter');

    const theirs = lastMedia(ben.page);
    await expect.poll(() => theirs.getByTestId('message-text').innerText(), { timeout: 15_000 }).toBe('A clip');
    const tile = theirs.getByTestId('media-tile');
    // The stored preview (the first frame) gives the tile the video's shape at once.
    const box = await tile.boundingBox();
    expect(box && Math.round((box.width / box.height) * 100) / 100).toBeCloseTo(320 / 180, 1);
    expect(await tile.locator('img.media-preview').count()).toBe(1);
    // Its length, measured on the sender's device although the recording's header states none.
    expect(await tile.getByTestId('media-duration').innerText()).toMatch(/^0:0[12]$/);
    await settledScreenshot(ben.page, 'media-video-ben');

    await tile.click();
    const video = ben.page.getByTestId('viewer-video');
    await expect.poll(() => video.evaluate((v) => v instanceof HTMLVideoElement && v.videoWidth), { timeout: 10_000 }).toBe(320);
    await ben.page.keyboard.press('Escape');
    await ben.page.getByTestId('media-viewer').waitFor({ state: 'detached' });
  });

  it('records a voice message with the microphone, and the other side plays it and seeks by clicking the waveform', async () => {
    await ann.page.getByTestId('composer-mic').click();
    const recorder = ann.page.getByTestId('voice-recorder');
    await recorder.waitFor();
    // Record about three seconds, watching the recorder's own clock.
    await expect.poll(async () => Number(await recorder.getByTestId('recorder-elapsed').getAttribute('data-elapsed-ms')), { timeout: 10_000 }).toBeGreaterThan(3000);
    await settledScreenshot(ann.page, 'media-recording-ann');
    await recorder.getByTestId('recorder-send').click();
    await recorder.waitFor({ state: 'detached' });

    const mine = messages(ann.page).filter({ has: ann.page.getByTestId('voice-message') }).last();
    await expect.poll(() => mine.getAttribute('data-state'), { timeout: 15_000 }).not.toBe('sending');

    const ranges: string[] = [];
    ben.context.on('request', (request) => {
      const range = request.headers()['range'];
      if (request.url().includes('/api/media/') && range) ranges.push(range);
    });
    const voice = messages(ben.page).filter({ has: ben.page.getByTestId('voice-message') }).last();
    await voice.waitFor({ timeout: 15_000 });
    // The waveform came with the record: drawn before anything was downloaded.
    expect(await voice.getByTestId('voice-waveform').locator('rect').count()).toBeGreaterThan(20);
    expect(await voice.getByTestId('voice-time').innerText()).toMatch(/^0:0[2-4]$/);
    await settledScreenshot(ben.page, 'media-voice-ben');

    const audio = voice.getByTestId('voice-audio');
    await voice.getByTestId('voice-play').click();
    await expect.poll(() => audio.evaluate((a) => a instanceof HTMLAudioElement && !a.paused && a.currentTime > 0), { timeout: 10_000 }).toBe(true);
    const duration = await audio.evaluate((a) => (a instanceof HTMLAudioElement ? a.duration : NaN));
    expect(duration).toBeGreaterThan(2.5);
    expect(duration).toBeLessThan(5);

    // Click three quarters of the way along the waveform.
    const waveform = voice.getByTestId('voice-waveform');
    const box = await waveform.boundingBox();
    if (!box) throw new Error('no waveform box');
    await waveform.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
    await expect.poll(() => audio.evaluate((a) => (a instanceof HTMLAudioElement ? a.currentTime : 0))).toBeGreaterThan(duration * 0.7);
    // Seeking is served by ranges (the element can seek without the whole file, and asked for ranges).
    const seekable = await audio.evaluate((a) => (a instanceof HTMLAudioElement && a.seekable.length > 0 ? a.seekable.end(0) : 0));
    expect(seekable).toBeGreaterThan(duration * 0.9);
    expect(ranges.length).toBeGreaterThan(0);
    await settledScreenshot(ben.page, 'media-voice-playing-ben');
    await voice.getByTestId('voice-play').click();
  });

  it('shows a picture picked offline at once as sending, and delivers it when the network returns', async () => {
    await ann.context.setOffline(true);
    await expect.poll(() => ann.page.getByTestId('connection-status').getAttribute('data-status')).toBe('offline');
    await pickImage(ann, 'offline.png', 300, 300);
    await ann.page.getByTestId('composer-input').fill('Picked offline');
    await ann.page.getByTestId('composer-input').press('Enter');

    const mine = lastMedia(ann.page);
    await expect.poll(() => mine.getByTestId('message-text').innerText()).toBe('Picked offline');
    expect(await mine.getAttribute('data-state')).toBe('sending');
    // The local file shows at once.
    await expect.poll(() => imagesLoaded(mine)).toBe(true);
    await expect.poll(() => mine.getByTestId('upload-status').getAttribute('data-upload-state')).toBe('waiting');
    await settledScreenshot(ann.page, 'media-offline-ann');

    await ann.context.setOffline(false);
    const theirs = lastMedia(ben.page);
    await expect.poll(() => theirs.getByTestId('message-text').innerText(), { timeout: 30_000 }).toBe('Picked offline');
    await expect.poll(() => imagesLoaded(theirs), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => mine.getAttribute('data-state'), { timeout: 15_000 }).not.toBe('sending');
    expect(await mine.getByTestId('upload-status').count()).toBe(0);
  });

  it('keeps a media message picked offline across a reload, and sends it once online', async () => {
    await ann.context.setOffline(true);
    await expect.poll(() => ann.page.getByTestId('connection-status').getAttribute('data-status')).toBe('offline');
    await pickImage(ann, 'reload.png', 200, 320);
    await ann.page.getByTestId('composer-input').fill('Survives a reload');
    await ann.page.getByTestId('composer-input').press('Enter');
    await expect.poll(() => lastMedia(ann.page).getByTestId('message-text').innerText()).toBe('Survives a reload');

    await ann.page.reload();
    await openConversation(ann, 'Ben');
    const mine = lastMedia(ann.page);
    await expect.poll(() => mine.getByTestId('message-text').innerText()).toBe('Survives a reload');
    expect(await mine.getAttribute('data-state')).toBe('sending');
    await expect.poll(() => imagesLoaded(mine)).toBe(true);

    await ann.context.setOffline(false);
    const theirs = lastMedia(ben.page);
    await expect.poll(() => theirs.getByTestId('message-text').innerText(), { timeout: 30_000 }).toBe('Survives a reload');
    await expect.poll(() => imagesLoaded(theirs), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => mine.getAttribute('data-state'), { timeout: 15_000 }).not.toBe('sending');
    // Sent exactly once.
    expect(await messages(ben.page).filter({ hasText: 'Survives a reload' }).count()).toBe(1);
    await settledScreenshot(ben.page, 'media-delivered-ben');
  });

  it('cancelling a waiting upload removes the message and sends nothing', async () => {
    await ann.context.setOffline(true);
    await pickImage(ann, 'cancelled.png', 120, 120);
    await ann.page.getByTestId('composer-input').fill('Never sent');
    await ann.page.getByTestId('composer-input').press('Enter');
    const mine = messages(ann.page).filter({ hasText: 'Never sent' });
    await mine.getByTestId('upload-cancel').click();
    await expect.poll(() => mine.count()).toBe(0);

    await ann.context.setOffline(false);
    await sendText(ann, 'After the cancel');
    await expect.poll(() => messages(ben.page).filter({ hasText: 'After the cancel' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await messages(ben.page).filter({ hasText: 'Never sent' }).count()).toBe(0);
  });

  it('keeps media that was viewed once available offline, pictures and sound', async () => {
    // The service worker kept what was shown (pictures) and played (the voice message) in its media cache.
    const cached = async (): Promise<string[]> =>
      ben.page.evaluate(async () => (await (await caches.open('messenger-media-v1')).keys()).map((r) => new URL(r.url).pathname));
    const shown = await lastMedia(ben.page).getByTestId('media-image').getAttribute('src');
    const played = await messages(ben.page).filter({ has: ben.page.getByTestId('voice-message') }).last().getByTestId('voice-audio').getAttribute('src');
    await expect.poll(cached).toEqual(expect.arrayContaining([shown, played]));

    await ben.context.setOffline(true);
    await ben.page.reload();
    await openConversation(ben, 'Ann');
    const last = lastMedia(ben.page);
    await expect.poll(() => last.getByTestId('message-text').innerText()).toBe('Survives a reload');
    await expect.poll(() => imagesLoaded(last)).toBe(true);

    // The voice message was played once: it plays again from the offline copy (ranges sliced from it).
    const voice = messages(ben.page).filter({ has: ben.page.getByTestId('voice-message') }).last();
    await voice.scrollIntoViewIfNeeded();
    await voice.getByTestId('voice-play').click();
    const audio = voice.getByTestId('voice-audio');
    await expect.poll(() => audio.evaluate((a) => a instanceof HTMLAudioElement && a.currentTime > 0), { timeout: 10_000 }).toBe(true);
    await voice.getByTestId('voice-play').click();
    await ben.context.setOffline(false);
  });
});
