import { describe, expect, it } from 'vitest';
import { type Person, addContact, openDirect, screenshot, sendText, signUp, useServerAndBrowser } from '../support/browser.js';

const env = useServerAndBrowser();
let dee: Person;
let eli: Person;

describe('notifications and unread counts', () => {
  it('shows an unread badge, a toast and the count in the title for a conversation not on screen', async () => {
    dee = await signUp(env.browser, env.server.url, 'Dee');
    eli = await signUp(env.browser, env.server.url, 'Eli');
    await addContact(eli, dee);
    await openDirect(eli, dee);
    await sendText(eli, 'Are you there?');
    await sendText(eli, 'Ping');

    const item = dee.page.getByTestId('conversation-item').filter({ hasText: 'Eli' });
    await dee.page.getByTestId('nav-chats').click();
    await expect.poll(() => item.getByTestId('unread-badge').innerText(), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => dee.page.title()).toBe('(2) Messenger');
    await expect.poll(() => dee.page.getByTestId('toast').allInnerTexts()).toEqual([expect.stringContaining('Ping')]);
    await screenshot(dee.page, 'notification-toast');

    // Opening the conversation clears the count.
    await dee.page.getByTestId('toast').click();
    await dee.page.getByTestId('composer-input').waitFor();
    await expect.poll(() => dee.page.title(), { timeout: 10_000 }).toBe('Messenger');
    await expect.poll(() => item.getByTestId('unread-badge').count()).toBe(0);
  });

  it('drops a conversation\'s toast once it is opened from the list', async () => {
    await dee.page.goto('/');
    await dee.page.getByTestId('connection-status').waitFor();
    await sendText(eli, 'One more thing');
    const toast = dee.page.getByTestId('toast');
    await expect.poll(() => toast.allInnerTexts()).toEqual([expect.stringContaining('One more thing')]);
    await dee.page.getByTestId('conversation-item').filter({ hasText: 'Eli' }).click();
    // Gone at once, well before the toast's own 6 s.
    await expect.poll(() => toast.count(), { timeout: 2000 }).toBe(0);
  });
});
