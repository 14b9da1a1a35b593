import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InboxEntry } from '../../../shared/doc/schema.js';
import { InboxRoot } from '../../../shared/doc/schema.js';
import { type Inbox, makeInbox } from './inbox.js';
import { makeFixedNetwork } from './network.js';
import { makeFakeSyncServer } from './testing/fake-sync-server.js';

const entry = (id: string, author: string, unread = 1): InboxEntry => ({
  lastMessage: { id, author, kind: 'text', preview: `message ${id}`, hlc: 1_700_000_000_000, sentAt: 1_700_000_000_000 },
  unread,
  updatedAt: 1_700_000_000_000,
});

const open: Inbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((i) => i.destroy()));
});

describe('inbox', () => {
  it('shows the entries the server writes and reports new messages from others', async () => {
    const server = makeFakeSyncServer();
    const onChanged = vi.fn();
    const inbox = makeInbox({
      userId: 'alice',
      syncUrl: 'ws://test/sync',
      network: makeFixedNetwork(true),
      WebSocketPolyfill: server.WebSocket,
      persist: false,
      disableBc: true,
      onChanged,
    });
    open.push(inbox);
    await vi.waitFor(() => expect(inbox.status.get()).toBe('connected'));
    const conversations = server.doc('inbox:alice').getMap(InboxRoot.conversations);
    conversations.set('c1', entry('m1', 'bob'));
    await vi.waitFor(() => expect(inbox.entries.get().get('c1')?.unread).toBe(1));
    expect(onChanged).toHaveBeenCalledWith('c1', entry('m1', 'bob'));
    // My own message, or the same last message again (only the unread count moved), is not news.
    conversations.set('c2', entry('m2', 'alice'));
    conversations.set('c1', entry('m1', 'bob', 0));
    await vi.waitFor(() => expect(inbox.entries.get().get('c1')?.unread).toBe(0));
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('does not report what the local cache held at start as news', async () => {
    const server = makeFakeSyncServer();
    server.doc('inbox:carol').getMap(InboxRoot.conversations).set('c1', entry('m1', 'bob'));
    const options = {
      userId: 'carol',
      syncUrl: 'ws://test/sync',
      WebSocketPolyfill: server.WebSocket,
      disableBc: true,
    };
    const first = makeInbox({ ...options, network: makeFixedNetwork(true) });
    await vi.waitFor(() => expect(first.entries.get().size).toBe(1));
    await first.destroy();
    const onChanged = vi.fn();
    const again = makeInbox({ ...options, network: makeFixedNetwork(false), onChanged });
    open.push(again);
    await vi.waitFor(() => expect(again.loaded.get()).toBe(true));
    expect(again.entries.get().get('c1')?.lastMessage?.id).toBe('m1');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('skips entries that do not match the schema', async () => {
    const server = makeFakeSyncServer();
    const inbox = makeInbox({
      userId: 'dave',
      syncUrl: 'ws://test/sync',
      network: makeFixedNetwork(true),
      WebSocketPolyfill: server.WebSocket,
      persist: false,
      disableBc: true,
    });
    open.push(inbox);
    const conversations = server.doc('inbox:dave').getMap(InboxRoot.conversations);
    conversations.set('bad', { unread: 'many' });
    conversations.set('good', entry('m1', 'bob'));
    await vi.waitFor(() => expect([...inbox.entries.get().keys()]).toEqual(['good']));
  });
});
