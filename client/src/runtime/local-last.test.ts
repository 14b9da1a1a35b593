import { describe, expect, it } from 'vitest';
import type { InboxEntry, MessageRecord } from '../../../shared/doc/schema.js';
import { makeLocalLast, newestLast } from './local-last.js';
import { makeWritable } from './store.js';

const record = (id: string, hlc: number, more: Partial<MessageRecord> = {}): MessageRecord => ({ id, author: 'me', hlc, sentAt: hlc, kind: 'text', text: `text ${id}`, ...more });
const entry = (id: string, hlc: number): InboxEntry => ({
  lastMessage: { id, author: 'them', kind: 'text', preview: `text ${id}`, hlc, sentAt: hlc },
  unread: 0,
  updatedAt: hlc,
});

describe('my last message before the inbox has it', () => {
  it('shows what I wrote until the inbox names it or something newer', () => {
    const entries = makeWritable<ReadonlyMap<string, InboxEntry>>(new Map([['c1', entry('a', 100)]]));
    const local = makeLocalLast(entries);
    local.wrote('c1', record('b', 200));
    expect(newestLast(entries.get().get('c1')?.lastMessage, local.get().get('c1'))?.preview).toBe('text b');
    // Someone else's newer message reaches the inbox: theirs is the last one now.
    entries.set(new Map([['c1', entry('c', 300)]]));
    expect(local.get().has('c1')).toBe(false);

    local.wrote('c1', record('d', 400));
    // The inbox catches up with mine.
    entries.set(new Map([['c1', { ...entry('d', 400), lastMessage: { ...entry('d', 400).lastMessage!, author: 'me' } }]]));
    expect(local.get().has('c1')).toBe(false);
    local.destroy();
  });

  it("ignores thread replies and anything older than the inbox's last message", () => {
    const entries = makeWritable<ReadonlyMap<string, InboxEntry>>(new Map([['c1', entry('a', 100)]]));
    const local = makeLocalLast(entries);
    local.wrote('c1', record('r', 200, { threadOf: 'a' }));
    local.wrote('c1', record('old', 50));
    expect(local.get().size).toBe(0);
    local.wrote('c2', record('first', 10));
    expect(local.get().get('c2')?.preview).toBe('text first');
    local.destroy();
  });
});
