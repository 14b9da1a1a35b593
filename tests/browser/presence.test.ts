/**
 * Presence as a person sees it: a contact (or a direct-conversation partner)
 * coming online or going away shows
 * in the conversation header and the contact list within moments (the server
 * relays it through the inbox's awareness), not at the next 20 s refresh.
 */
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser, screenshot } from '../support/browser.js';
import { addContacts, makePerson, openById, signedIn } from '../support/conversation.js';
import { directConversation } from '../support/server.js';

const env = useServerAndBrowser();
/** Well under the 20 s presence refresh: only the live path can make it. */
const LIVE = { timeout: 5000 };

describe('presence', () => {
  it('shows a contact going offline and coming back within moments', async () => {
    const annUser = await makePerson(env.server, 'Ann');
    const benUser = await makePerson(env.server, 'Ben');
    await addContacts(env.server, annUser, [benUser]);
    const convId = await directConversation(env.server, annUser, benUser);
    const ann = await signedIn(env.browser, env.server, annUser);
    let ben = await signedIn(env.browser, env.server, benUser);
    await openById(ann.page, convId);
    const subtitle = ann.page.getByTestId('conversation-subtitle');
    await expect.poll(() => subtitle.innerText(), LIVE).toBe('online');

    // Ben never added Ann: as partners in a direct conversation they still see each other.
    await openById(ben.page, convId);
    await expect.poll(() => ben.page.getByTestId('conversation-subtitle').innerText(), LIVE).toBe('online');

    await ben.context.close();
    await expect.poll(() => subtitle.innerText(), LIVE).toBe('last seen just now');
    await screenshot(ann.page, 'presence-away');
    await ann.page.getByTestId('nav-contacts').click();
    const contact = ann.page.getByTestId('contact').filter({ hasText: 'Ben' });
    await expect.poll(() => contact.innerText()).toContain('last seen just now');
    expect(await contact.getByTestId('online-dot').count()).toBe(0);

    ben = await signedIn(env.browser, env.server, benUser);
    await expect.poll(() => contact.innerText(), LIVE).toContain('online');
    await expect.poll(() => contact.getByTestId('online-dot').count(), LIVE).toBe(1);
    await ann.context.close();
    await ben.context.close();
  });
});
