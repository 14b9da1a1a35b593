import { describe, expect, it } from 'vitest';
import type { InboxEntry } from '../../../shared/doc/schema.js';
import { makeWritable } from './store.js';
import { makeNotifier, noticesBetween, totalUnread } from './notifications.js';

const entry = (id: string, author: string, hlc: number, unread: number): InboxEntry => ({
  lastMessage: { id, author, kind: 'text', preview: `text ${id}`, hlc, sentAt: hlc },
  unread,
  updatedAt: hlc,
});

describe('notifications', () => {
  it('notifies a new message from someone else in a conversation not on screen', () => {
    const before = new Map([['c1', entry('m1', 'bob', 1, 1)]]);
    const after = new Map([['c1', entry('m2', 'bob', 2, 2)]]);
    expect(noticesBetween(before, after, 'me', null)).toEqual([
      { conversationId: 'c1', messageId: 'm2', author: 'bob', preview: 'text m2' },
    ]);
  });

  it('stays quiet for my own messages, the open conversation, read ones and unchanged entries', () => {
    const before = new Map([['c1', entry('m1', 'bob', 1, 1)]]);
    expect(noticesBetween(before, new Map([['c1', entry('m2', 'me', 2, 0)]]), 'me', null)).toEqual([]);
    expect(noticesBetween(before, new Map([['c1', entry('m2', 'bob', 2, 1)]]), 'me', 'c1')).toEqual([]);
    expect(noticesBetween(before, new Map([['c1', entry('m2', 'bob', 2, 0)]]), 'me', null)).toEqual([]);
    expect(noticesBetween(before, before, 'me', null)).toEqual([]);
  });

  it('counts unread across conversations and never notifies for what was there at start', () => {
    const store = makeWritable<ReadonlyMap<string, InboxEntry>>(new Map([['c1', entry('m1', 'bob', 1, 3)]]));
    const notices: string[] = [];
    const totals: number[] = [];
    const stop = makeNotifier({
      entries: store,
      me: 'me',
      lookingAt: () => null,
      notify: (n) => notices.push(n.messageId),
      onUnread: (t) => totals.push(t),
    });
    store.set(new Map([['c1', entry('m1', 'bob', 1, 3)], ['c2', entry('x1', 'ann', 5, 1)]]));
    stop();
    expect(notices).toEqual(['x1']);
    expect(totals).toEqual([3, 4]);
    expect(totalUnread(new Map())).toBe(0);
  });
});
