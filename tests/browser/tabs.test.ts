/** Two tabs of one browser, both offline: each sees what the other writes (they share the cache and tell each other). */
import { describe, expect, it } from 'vitest';
import { screenshot, useServerAndBrowser } from '../support/browser.js';
import { addContacts, main, makePerson, openById, row, send, signedIn } from '../support/conversation.js';
import { directConversation } from '../support/server.js';

const env = useServerAndBrowser();

describe('tabs', () => {
  it('see each other\'s messages written offline, and both go out once back online', async () => {
    const annUser = await makePerson(env.server, 'Ann');
    const benUser = await makePerson(env.server, 'Ben');
    await addContacts(env.server, annUser, [benUser]);
    const convId = await directConversation(env.server, annUser, benUser);
    const ann = await signedIn(env.browser, env.server, annUser);
    await openById(ann.page, convId);
    const second = await ann.context.newPage();
    await second.goto(`/c/${convId}`);
    await main(second).getByTestId('composer-input').waitFor();

    await ann.context.setOffline(true);
    await send(main(ann.page), 'From the first tab, offline');
    await row(main(second), 'From the first tab, offline').waitFor({ timeout: 5000 });
    await send(main(second), 'From the second tab, offline');
    await row(main(ann.page), 'From the second tab, offline').waitFor({ timeout: 5000 });
    await screenshot(second, 'tabs-offline');

    await ann.context.setOffline(false);
    const ben = await signedIn(env.browser, env.server, benUser);
    await openById(ben.page, convId);
    await expect.poll(() => main(ben.page).getByTestId('message-text').allInnerTexts(), { timeout: 15_000 }).toEqual([
      'From the first tab, offline',
      'From the second tab, offline',
    ]);
    await ann.context.close();
    await ben.context.close();
  });
});
