/** The client checks files against the server's own upload limit (MEDIA_MAX_BYTES), not a built-in one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { clientDir, launch, screenshot } from '../support/browser.js';
import { addContacts, makePerson, openById, signedIn } from '../support/conversation.js';
import { type TestServer, directConversation, startTestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clientDir, env: { MEDIA_MAX_BYTES: '100000' } });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('upload limit', () => {
  it('refuses a file over the server\'s limit before it waits anywhere, and takes one under it', async () => {
    const ann = await makePerson(server, 'Ann');
    const ben = await makePerson(server, 'Ben');
    await addContacts(server, ann, [ben]);
    const convId = await directConversation(server, ann, ben);
    const { page } = await signedIn(browser, server, ann);
    await openById(page, convId);
    const input = page.getByTestId('composer-file-input');
    await input.setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(150_000, 'a') });
    await expect.poll(() => page.getByTestId('media-error').innerText()).toMatch(/big\.txt is larger than 98 KB, the most this server takes/);
    expect(await page.getByTestId('draft').count()).toBe(0);
    await screenshot(page, 'upload-limit');
    await input.setInputFiles({ name: 'small.txt', mimeType: 'text/plain', buffer: Buffer.alloc(50_000, 'a') });
    await expect.poll(() => page.getByTestId('draft').count()).toBe(1);
  });
});
