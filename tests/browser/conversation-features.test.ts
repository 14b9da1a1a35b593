/**
 * The conversation features in Chromium against the real server: groups and
 * their settings, replies, threads, edit history, delete for everyone,
 * reactions and time separators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { screenshot, useServerAndBrowser } from '../support/browser.js';
import { type Signed, act, addContacts, createGroup, main, makePerson, openById, row, send, signedIn, texts, writer } from '../support/conversation.js';
import { type TestUser, api, directConversation } from '../support/server.js';

const env = useServerAndBrowser();

describe('groups', () => {
  let ann: Signed;
  let ben: Signed;
  let cat: Signed;
  let dan: TestUser;
  let groupId: string;

  it('shows the sender name and avatar once per run of messages from one person', async () => {
    ann = await signedIn(env.browser, env.server, 'Ann Archer');
    ben = await signedIn(env.browser, env.server, 'Ben Baker');
    cat = await signedIn(env.browser, env.server, 'Cat Cole');
    dan = await makePerson(env.server, 'Dan Drew');
    await addContacts(env.server, ann.user, [ben.user, cat.user, dan]);
    groupId = await createGroup(env.server, ann.user, 'Lake trip', [ben.user, cat.user]);
    const benWrites = await writer(env.server, ben.user, groupId);
    const catWrites = await writer(env.server, cat.user, groupId);
    await benWrites.send('Who brings the tent?');
    await benWrites.send('I have a small one');
    await catWrites.send('I can bring mine');
    await benWrites.send('Great');
    benWrites.close();
    catWrites.close();

    await openById(ann.page, groupId);
    await expect.poll(() => texts(main(ann.page))).toEqual(['Who brings the tent?', 'I have a small one', 'I can bring mine', 'Great']);
    const senders = await main(ann.page).getByTestId('message-sender').allInnerTexts();
    expect(senders).toEqual(['Ben Baker', 'Cat Cole', 'Ben Baker']);
    // The avatar sits beside the first message of each run only.
    for (const [text, hasAvatar] of [['Who brings', true], ['a small one', false], ['bring mine', true], ['Great', true]] as const) {
      await expect.poll(() => row(main(ann.page), text).getByTestId('sender-avatar').count()).toBe(hasAvatar ? 1 : 0);
    }
    await sendAndWait(ann, 'I bring the snacks');
    // My own messages carry neither.
    expect(await row(main(ann.page), 'the snacks').getByTestId('message-sender').count()).toBe(0);
    await screenshot(ann.page, 'group-runs');
  });

  it('lets the admin rename the group, and everyone sees the new title', async () => {
    await openById(ben.page, groupId);
    await ann.page.getByTestId('open-settings').click();
    const panel = ann.page.getByTestId('settings-panel');
    await expect.poll(() => panel.getByTestId('member').evaluateAll((els) => els.map((e) => [e.textContent?.includes('(you)'), e.getAttribute('data-role')]))).toEqual([
      [true, 'admin'],
      [false, 'member'],
      [false, 'member'],
    ]);
    await panel.getByTestId('settings-title-input').fill('Lake trip 2026');
    await panel.getByTestId('settings-title-save').click();
    await expect.poll(() => ann.page.getByTestId('conversation-title').innerText()).toBe('Lake trip 2026');
    await expect.poll(() => ben.page.getByTestId('conversation-title').innerText()).toBe('Lake trip 2026');
    await expect.poll(() => ben.page.getByTestId('conversation-item').filter({ hasText: 'Lake trip 2026' }).count()).toBe(1);
    // A member who is not an admin can neither rename nor remove.
    await ben.page.getByTestId('open-settings').click();
    const bens = ben.page.getByTestId('settings-panel');
    await bens.getByTestId('settings-title').waitFor();
    expect(await bens.getByTestId('settings-title-input').count()).toBe(0);
    expect(await bens.getByTestId('member-remove').count()).toBe(0);
    expect(await bens.getByTestId('add-member').count()).toBe(0);
    expect(await bens.getByTestId('keep-history-toggle').isDisabled()).toBe(true);
    await screenshot(ann.page, 'group-settings-admin');
    await ben.page.getByTestId('settings-close').click();
  });

  it('lets the admin add a member from the contacts', async () => {
    const panel = ann.page.getByTestId('settings-panel');
    await panel.getByTestId('add-member').click();
    await panel.locator(`[data-testid=add-member-option][data-user-id="${dan.id}"]`).click();
    await expect.poll(() => panel.getByTestId('member').count()).toBe(4);
    await expect.poll(() => ann.page.getByTestId('conversation-subtitle').innerText()).toBe('4 members');
    const listed = await api<{ conversations: Array<{ id: string }> }>(env.server, 'GET', '/api/conversations', { token: dan.token });
    expect(listed.body.conversations.map((c) => c.id)).toContain(groupId);
  });

  it('removes a member, who then sees a banner and can no longer send', async () => {
    const panel = ann.page.getByTestId('settings-panel');
    await panel.locator(`[data-testid=member][data-user-id="${ben.user.id}"]`).getByTestId('member-remove').click();
    await ann.page.getByTestId('confirm-ok').click();
    await expect.poll(() => panel.getByTestId('member').count()).toBe(3);
    await ben.page.getByTestId('access-banner').waitFor();
    expect(await ben.page.getByTestId('access-banner').innerText()).toContain('no longer a member');
    expect(await main(ben.page).getByTestId('composer-input').isDisabled()).toBe(true);
    // What Ben already had stays on his screen, and the title does not fall back to a placeholder.
    expect(await texts(main(ben.page))).toContain('Great');
    expect(await ben.page.getByTestId('conversation-title').innerText()).toBe('Lake trip 2026');
    await screenshot(ben.page, 'group-removed');
  });

  it('lets a member leave the group', async () => {
    await openById(cat.page, groupId);
    await cat.page.getByTestId('open-settings').click();
    await cat.page.getByTestId('leave-group').click();
    await cat.page.getByTestId('confirm-ok').click();
    await expect.poll(() => cat.page.getByTestId('conversation').count()).toBe(0);
    await expect.poll(() => cat.page.locator(`[data-testid=conversation-item][data-conversation-id="${groupId}"]`).count()).toBe(0);
    await ann.page.getByTestId('settings-close').click();
    await ann.page.getByTestId('open-settings').click();
    await expect.poll(() => ann.page.getByTestId('settings-panel').getByTestId('member').count()).toBe(2);
    await ann.page.getByTestId('settings-close').click();
    for (const p of [ben, cat]) await p.context.close();
  });
});

describe('in a direct conversation', () => {
  let ann: Signed;
  let ben: Signed;
  let convId: string;
  const both = (): Signed[] => [ann, ben];

  beforeAll(async () => {
    ann = await signedIn(env.browser, env.server, 'Ann Archer');
    ben = await signedIn(env.browser, env.server, 'Ben Baker');
    await addContacts(env.server, ann.user, [ben.user]);
    convId = await directConversation(env.server, ann.user, ben.user);
    await openById(ann.page, convId);
    await openById(ben.page, convId);
  });

  afterAll(async () => {
    for (const p of [ann, ben]) await p?.context.close();
  });

  it('replies with a quote of the original, cancelable before sending, that leads back to it', async () => {
    await sendAndWait(ben, 'Shall we take the early train?');
    await sendAndWait(ben, 'It leaves at 7:10');
    const original = row(main(ann.page), 'early train');
    await act(original, 'reply');
    const pending = main(ann.page).getByTestId('composer-reply');
    expect(await pending.innerText()).toContain('Reply to Ben Baker');
    expect(await pending.innerText()).toContain('Shall we take the early train?');
    await pending.getByTestId('composer-reply-cancel').click();
    await expect.poll(() => pending.count()).toBe(0);

    await act(original, 'reply');
    await sendAndWait(ann, 'Yes, the early one');
    const quote = row(main(ann.page), 'Yes, the early one').getByTestId('reply-quote');
    expect(await quote.innerText()).toBe('Ben Baker\nShall we take the early train?');
    expect(await main(ann.page).getByTestId('composer-reply').count()).toBe(0);
    // On Ben's side the original is his own.
    await expect.poll(() => row(main(ben.page), 'Yes, the early one').getByTestId('reply-quote').innerText()).toBe('You\nShall we take the early train?');

    await quote.click();
    await expect.poll(() => original.getAttribute('data-highlighted')).toBe('true');
    await screenshot(ann.page, 'reply-quote');
  });

  it('asks before deleting for everyone, and leaves "Message deleted" in the same place on every device', async () => {
    await sendAndWait(ann, 'Alpha');
    await sendAndWait(ann, 'Bravo');
    await sendAndWait(ann, 'Charlie');
    // Not mine: neither edit nor delete.
    await row(main(ben.page), 'Alpha').hover();
    expect(await row(main(ben.page), 'Alpha').getByTestId('message-delete').count()).toBe(0);
    expect(await row(main(ben.page), 'Alpha').getByTestId('message-edit').count()).toBe(0);

    await act(row(main(ann.page), 'Bravo'), 'delete');
    await ann.page.getByTestId('confirm-dialog').waitFor();
    await screenshot(ann.page, 'delete-confirm');
    await ann.page.getByTestId('confirm-cancel').click();
    expect(await texts(main(ann.page))).toContain('Bravo');
    await act(row(main(ann.page), 'Bravo'), 'delete');
    await ann.page.getByTestId('confirm-ok').click();
    for (const p of both()) {
      await expect.poll(async () => (await texts(main(p.page))).slice(-3)).toEqual(['Alpha', 'Message deleted', 'Charlie']);
    }
  });

  it('shows "Message deleted" in the quote once the original is deleted', async () => {
    await act(row(main(ben.page), 'It leaves at 7:10'), 'reply');
    await sendAndWait(ben, 'Or the later one');
    await act(row(main(ben.page), 'It leaves at 7:10'), 'delete');
    await ben.page.getByTestId('confirm-ok').click();
    for (const p of both()) {
      await expect.poll(() => row(main(p.page), 'Or the later one').getByTestId('reply-quote-text').innerText()).toBe('Message deleted');
    }
  });

  it('reacts: quick reactions and a picker, one per person, changed, removed, and who reacted', async () => {
    await sendAndWait(ben, 'Pizza tonight?');
    const annRow = row(main(ann.page), 'Pizza tonight?');
    const benRow = row(main(ben.page), 'Pizza tonight?');
    const chips = (r: typeof annRow) => r.getByTestId('reaction').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-emoji')}${e.getAttribute('data-count')}`));

    await act(annRow, 'react');
    await ann.page.getByTestId('emoji-picker').locator('[data-emoji="👍"]').click();
    await expect.poll(() => chips(benRow)).toEqual(['👍1']);
    expect(await benRow.getByTestId('reaction').getAttribute('title')).toBe('Ann Archer reacted with 👍');
    expect(await annRow.getByTestId('reaction').getAttribute('aria-pressed')).toBe('true');

    // More emojis behind "+".
    await act(benRow, 'react');
    await ben.page.getByTestId('emoji-more').click();
    await screenshot(ben.page, 'reaction-picker');
    await ben.page.getByTestId('emoji-picker').locator('[data-emoji="🔥"]').click();
    await expect.poll(() => chips(annRow)).toEqual(['👍1', '🔥1']);

    // One per person: picking another replaces mine.
    await act(annRow, 'react');
    await ann.page.getByTestId('emoji-picker').locator('[data-emoji="❤️"]').click();
    await expect.poll(() => chips(benRow)).toEqual(['❤️1', '🔥1']);
    // Clicking my chip removes it; clicking someone else's makes it mine.
    await annRow.locator('[data-testid=reaction][data-emoji="❤️"]').click();
    await expect.poll(() => chips(benRow)).toEqual(['🔥1']);
    await annRow.locator('[data-testid=reaction][data-emoji="🔥"]').click();
    await expect.poll(() => chips(benRow)).toEqual(['🔥2']);

    // Who reacted, in a popover (a tap on a phone, a right click here).
    await benRow.getByTestId('reaction').click({ button: 'right' });
    const who = ben.page.getByTestId('reaction-who');
    await who.waitFor();
    expect(await who.locator('li').allInnerTexts()).toEqual(['You', 'Ann Archer']);
    await screenshot(ben.page, 'reaction-who');
    await ben.page.keyboard.press('Escape');
    await expect.poll(() => who.count()).toBe(0);
  });

  it('keeps thread replies in a side panel with their own composer, counted under the root', async () => {
    await sendAndWait(ann, 'Packing list?');
    await act(row(main(ann.page), 'Packing list?'), 'thread');
    const annThread = ann.page.getByTestId('thread-panel');
    await annThread.getByTestId('composer-input').waitFor();
    // Shown once its list has settled at the end (a frame or two).
    await expect.poll(() => texts(annThread)).toEqual(['Packing list?']);
    await send(annThread, 'Tent, stove, snacks');
    await row(annThread, 'Tent, stove').waitFor();
    const summary = row(main(ann.page), 'Packing list?').getByTestId('thread-summary');
    await expect.poll(() => summary.innerText()).toMatch(/^1 reply\s*· \d{1,2}:\d{2}/);
    expect(await texts(main(ann.page))).not.toContain('Tent, stove, snacks');

    await row(main(ben.page), 'Packing list?').getByTestId('thread-summary').click();
    const benThread = ben.page.getByTestId('thread-panel');
    await expect.poll(() => texts(benThread)).toEqual(['Packing list?', 'Tent, stove, snacks']);
    await send(benThread, 'And a lamp');
    await expect.poll(() => texts(annThread)).toEqual(['Packing list?', 'Tent, stove, snacks', 'And a lamp']);
    await expect.poll(() => summary.innerText()).toMatch(/^2 replies/);
    await expect.poll(() => annThread.getByTestId('thread-reply-count').innerText()).toBe('2 replies');
    expect(await texts(main(ben.page))).not.toContain('And a lamp');
    await screenshot(ann.page, 'thread-panel');
    // Escape closes the panel (the thread composer has the focus); the close button too.
    await ann.page.keyboard.press('Escape');
    await expect.poll(() => ann.page.getByTestId('thread-panel').count()).toBe(0);
    await ben.page.getByTestId('thread-close').click();
  });

  it('opens a thread full screen on a phone', async () => {
    const phone = await signedIn(env.browser, env.server, ann.user, { width: 390, height: 844 });
    await openById(phone.page, convId);
    await row(main(phone.page), 'Packing list?').getByTestId('thread-summary').click();
    const panel = phone.page.getByTestId('side-panel');
    await screenshot(phone.page, 'thread-phone');
    await expect.poll(async () => JSON.stringify(await panel.boundingBox())).toBe(JSON.stringify({ x: 0, y: 0, width: 390, height: 844 }));
    await expect.poll(() => texts(phone.page.getByTestId('thread-panel'))).toEqual(['Packing list?', 'Tent, stove, snacks', 'And a lamp']);
    await screenshot(phone.page, 'thread-phone');
    await phone.page.getByTestId('thread-close').click();
    await expect.poll(() => panel.count()).toBe(0);
    await screenshot(phone.page, 'conversation-phone');
    await phone.context.close();
  });

  it('search finds words in thread replies too and opens the thread at the match', async () => {
    const page = ann.page;
    await page.getByTestId('search-open').click();
    await page.getByTestId('search-input').fill('LAMP');
    await expect.poll(() => page.getByTestId('search-count').innerText()).toBe('1 of 1');
    const thread = page.getByTestId('thread-panel');
    await expect.poll(() => row(thread, 'And a lamp').getByTestId('search-hit').allInnerTexts()).toEqual(['lamp']);
    expect(await row(thread, 'And a lamp').getAttribute('class')).toContain('search-current');
    await page.getByTestId('search-close').click();
    await page.getByTestId('thread-close').click();
  });

  it('keeps the edit history only while the conversation says so, and shows it to both', async () => {
    await sendAndWait(ann, 'We meet at 9');
    // Either person of a direct conversation may switch it.
    await ann.page.getByTestId('open-settings').click();
    const toggle = ann.page.getByTestId('keep-history-toggle');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await ann.page.getByTestId('settings-close').click();

    for (const text of ['We meet at 10', 'We meet at 10:30']) {
      await act(row(main(ann.page), 'We meet at'), 'edit');
      await send(main(ann.page), text);
      await row(main(ann.page), text).waitFor();
    }
    const benRow = row(main(ben.page), 'We meet at 10:30');
    await benRow.getByTestId('message-edited').waitFor();
    await act(benRow, 'history');
    const dialog = ben.page.getByTestId('edit-history');
    expect(await dialog.getByTestId('edit-version-text').allInnerTexts()).toEqual(['We meet at 10:30', 'We meet at 10', 'We meet at 9']);
    await screenshot(ben.page, 'edit-history');
    await dialog.getByTestId('edit-history-close').click();

    // Ben turns it off: Ann's device erases the earlier versions from the document.
    await ben.page.getByTestId('open-settings').click();
    await ben.page.getByTestId('keep-history-toggle').click();
    await expect.poll(() => ben.page.getByTestId('keep-history-toggle').isChecked()).toBe(false);
    await ben.page.getByTestId('settings-close').click();
    await benRow.hover();
    await expect.poll(() => benRow.getByTestId('message-history').count()).toBe(0);
    const reader = await writer(env.server, ben.user, convId);
    await expect.poll(() => JSON.stringify(reader.doc.toJSON()).includes('We meet at 9'), { timeout: 10_000 }).toBe(false);
    expect(JSON.stringify(reader.doc.toJSON())).toContain('We meet at 10:30');
    reader.close();
    expect(await benRow.getByTestId('message-edited').count()).toBe(1);
  });
});

describe('time separators', () => {
  it('puts a day divider where the day changes and a time label after an hour of quiet', async () => {
    const ann = await signedIn(env.browser, env.server, 'Ann Archer');
    const eve = await makePerson(env.server, 'Eve Evans');
    const convId = await directConversation(env.server, ann.user, eve);
    const today = new Date();
    const at = (daysAgo: number, hour: number, minute = 0): number => new Date(today.getFullYear(), today.getMonth(), today.getDate() - daysAgo, hour, minute).getTime();
    const eves = await writer(env.server, eve, convId);
    await eves.sendAt('Two days ago', at(2, 9));
    await eves.sendAt('Yesterday morning', at(1, 10));
    await eves.sendAt('Yesterday, ten minutes on', at(1, 10, 10));
    await eves.sendAt('Yesterday, after a pause', at(1, 11, 30));
    await eves.send('Today');
    eves.close();
    await openById(ann.page, convId);
    await expect.poll(() => texts(main(ann.page))).toHaveLength(5);
    const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'long' }).format(at(2, 9));
    expect(await main(ann.page).getByTestId('day-divider').allInnerTexts()).toEqual([weekday, 'Yesterday', 'Today']);
    expect(await main(ann.page).getByTestId('time-gap').allInnerTexts()).toEqual(['11:30 AM']);
    // The label sits right above the message after the pause.
    expect(await row(main(ann.page), 'after a pause').locator('xpath=..').getByTestId('time-gap').count()).toBe(1);
    await screenshot(ann.page, 'separators');
    await ann.context.close();
  });
});

async function sendAndWait(person: Signed, text: string): Promise<void> {
  await send(main(person.page), text);
  await row(main(person.page), text).waitFor();
}

