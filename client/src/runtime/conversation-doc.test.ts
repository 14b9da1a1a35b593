import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../shared/api.js';
import { readMessages, roots, writeMeta } from '../../../shared/doc/conversation.js';
import { CloseCode } from '../../../shared/protocol.js';
import { type ConversationDoc, type ConversationDocOptions, makeConversationDoc } from './conversation-doc.js';
import { makeFixedNetwork } from './network.js';
import { makePendingStore } from './pending.js';
import { makeServerStates } from './server-state.js';
import { makeMemoryStorage } from './storage.js';
import { type TailStore, makeMemoryTailStore } from './tail-cache.js';
import { type FakeSyncServer, makeFakeSyncServer } from './testing/fake-sync-server.js';

const alice: User = { id: 'alice', username: 'alice', displayName: 'Alice' };
const bob: User = { id: 'bob', username: 'bob', displayName: 'Bob' };
const members = [alice.id, bob.id];

const open: ConversationDoc[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.destroy()));
});

function device(server: FakeSyncServer, user: User, overrides: Partial<ConversationDocOptions> = {}) {
  const network = makeFixedNetwork(true);
  const pending = makePendingStore(makeMemoryStorage(), user.id);
  const serverStates = makeServerStates();
  const make = (more: Partial<ConversationDocOptions> = {}) => {
    const doc = makeConversationDoc({
      conversationId: 'c1',
      user,
      serverStates,
      pending,
      network,
      syncUrl: 'ws://test/sync',
      WebSocketPolyfill: server.WebSocket,
      persist: false,
      disableBc: true,
      receiptDelayMs: 0,
      ...overrides,
      ...more,
    });
    open.push(doc);
    return doc;
  };
  return { network, pending, serverStates, make };
}

describe('conversation document', () => {
  it('shows my message as sending until the server has stored it, then as sent', async () => {
    const server = makeFakeSyncServer();
    const { make } = device(server, alice);
    const doc = make();
    await vi.waitFor(() => expect(doc.synced.get()).toBe(true));
    server.ackStored = false;
    const record = doc.send('hello');
    expect(doc.messageState(record, members)).toBe('sending');
    // The server applied it but has not acknowledged it yet.
    await vi.waitFor(() => expect(readMessages(server.doc('conv:c1'))).toHaveLength(1));
    expect(doc.messageState(record, members)).toBe('sending');
    server.sendStored('conv:c1');
    await vi.waitFor(() => expect(doc.messageState(record, members)).toBe('sent'));
  });

  it('marks delivered once the other side synced, and seen once they look at it', async () => {
    const server = makeFakeSyncServer();
    const mine = device(server, alice).make();
    const theirs = device(server, bob).make();
    const record = mine.send('are you there?');
    await vi.waitFor(() => expect(mine.messageState(record, members)).toBe('delivered'));
    theirs.setViewing(true);
    await vi.waitFor(() => expect(mine.messageState(record, members)).toBe('seen'));
  });

  it('keeps writes made offline pending and sends them when the network returns', async () => {
    const server = makeFakeSyncServer();
    const { make, network, pending } = device(server, alice);
    network.set(false);
    const doc = make();
    await doc.whenLoaded;
    const record = doc.send('written offline');
    expect(doc.hasUnsentChanges()).toBe(true);
    expect(pending.get().has('c1')).toBe(true);
    expect(server.connections()).toBe(0);
    network.set(true);
    await vi.waitFor(() => expect(doc.messageState(record, members)).toBe('sent'));
    expect(doc.hasUnsentChanges()).toBe(false);
    expect(pending.get().has('c1')).toBe(false);
    expect(readMessages(server.doc('conv:c1')).map((m) => m.text)).toEqual(['written offline']);
  });

  it('remembers what the server stored when the document is opened again', async () => {
    const server = makeFakeSyncServer();
    const { make } = device(server, alice, { persist: true, conversationId: 'remember' });
    const first = make();
    await vi.waitFor(() => expect(first.synced.get()).toBe(true));
    const record = first.send('kept');
    await vi.waitFor(() => expect(first.isStored(record.id)).toBe(true));
    await first.destroy();
    server.ackStored = false;
    const again = make();
    await again.whenLoaded;
    expect(again.messages().messages.get().map((m) => m.text)).toEqual(['kept']);
    expect(again.isStored(record.id)).toBe(true);
  });

  it('keeps my messages sent after a reload, before the server is reachable again', async () => {
    const server = makeFakeSyncServer();
    const before = device(server, alice, { persist: true, conversationId: 'reload' });
    const doc = before.make();
    const record = doc.send('sent before the reload');
    await vi.waitFor(() => expect(doc.isStored(record.id)).toBe(true));
    await doc.destroy();
    // A new page: nothing in memory, no network.
    const after = device(server, alice, { persist: true, conversationId: 'reload' });
    after.network.set(false);
    const again = after.make();
    await vi.waitFor(() => expect(again.loaded.get()).toBe(true));
    expect(again.messageState(record, members)).toBe('sent');
  });

  it('marks the conversation as no longer accessible when the server closes with 4403', async () => {
    const server = makeFakeSyncServer();
    const { make, pending } = device(server, alice);
    const doc = make();
    await vi.waitFor(() => expect(doc.synced.get()).toBe(true));
    server.ackStored = false;
    doc.send('too late');
    expect(pending.get().has('c1')).toBe(true);
    server.refuse('conv:c1', CloseCode.forbidden);
    await vi.waitFor(() => expect(doc.access.get()).toBe('forbidden'));
    expect(pending.get().has('c1')).toBe(false);
    // Final: it does not come back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.connections('conv:c1')).toBe(0);
  });

  it('reports a lost session when the server closes with 4401', async () => {
    const server = makeFakeSyncServer();
    server.refuse('conv:c1', CloseCode.unauthenticated);
    const onUnauthenticated = vi.fn();
    const doc = device(server, alice, { onUnauthenticated }).make();
    await vi.waitFor(() => expect(onUnauthenticated).toHaveBeenCalledOnce());
    expect(doc.access.get()).toBe('unauthenticated');
  });

  it('shares typing through awareness and stops after the timeout', async () => {
    const server = makeFakeSyncServer();
    const mine = device(server, alice, { typingTimeoutMs: 200 }).make();
    const theirs = device(server, bob).make();
    await vi.waitFor(() => expect(mine.synced.get() && theirs.synced.get()).toBe(true));
    mine.composing(true);
    await vi.waitFor(() => expect(theirs.typingUsers.get()).toEqual([{ id: 'alice', name: 'Alice' }]), { interval: 5 });
    await vi.waitFor(() => expect(theirs.typingUsers.get()).toEqual([]));
    mine.composing(true);
    await vi.waitFor(() => expect(theirs.typingUsers.get()).toHaveLength(1), { interval: 5 });
    mine.send('done typing');
    await vi.waitFor(() => expect(theirs.typingUsers.get()).toEqual([]));
  });

  it('sends replies, thread replies and reactions that every device reads', async () => {
    const server = makeFakeSyncServer();
    const mine = device(server, alice).make();
    const theirs = device(server, bob).make();
    const question = mine.send('lake or sea?');
    await vi.waitFor(() => expect(theirs.messages().get(question.id)).toBeDefined());
    const answer = theirs.send('lake', { replyTo: question.id });
    const aside = theirs.send('bring snacks', { threadOf: question.id });
    theirs.react(question.id, '👍');
    await vi.waitFor(() => expect(mine.messages().thread(question.id).map((m) => m.text)).toEqual(['bring snacks']));
    await vi.waitFor(() => expect(mine.messages().get(question.id)?.reactions.get('👍')).toEqual(['bob']));
    expect(mine.messages().timeline.get().map((m) => [m.text, m.replyTo])).toEqual([
      ['lake or sea?', undefined],
      ['lake', question.id],
    ]);
    expect(answer.hlc).toBeGreaterThan(question.hlc);
    expect(aside.threadOf).toBe(question.id);
    theirs.react(question.id, null);
    await vi.waitFor(() => expect(mine.messages().get(question.id)?.reactions.size).toBe(0));
  });

  it('follows the meta the server writes, and erases kept edit history once the conversation stops keeping it', async () => {
    const server = makeFakeSyncServer();
    const serverDoc = server.doc('conv:c1');
    writeMeta(serverDoc, { kind: 'direct', title: '', keepEditHistory: true });
    const doc = device(server, alice, { leftoverDelayMs: 0 }).make();
    await vi.waitFor(() => expect(doc.meta.get().keepEditHistory).toBe(true));
    const record = doc.send('first wording');
    doc.edit(record.id, 'second wording');
    await vi.waitFor(() => expect(roots(serverDoc).edits.get(record.id)?.history).toHaveLength(1));
    // Nothing else changes on this device: only the meta update arrives.
    writeMeta(serverDoc, { keepEditHistory: false });
    await vi.waitFor(() => expect(doc.meta.get().keepEditHistory).toBe(false));
    await vi.waitFor(() => expect(roots(serverDoc).edits.get(record.id)).toEqual({ text: 'second wording', editedAt: expect.any(Number) }));
    await vi.waitFor(() => expect(readMessages(serverDoc).map((m) => m.text)).toEqual(['second wording']));
    const stored = JSON.stringify(serverDoc.toJSON());
    expect(stored).not.toContain('first wording');
  });
});

describe('cached tail', () => {
  it('keeps the newest rows with their ticks, and shows them on the next open before the document loads', async () => {
    const server = makeFakeSyncServer();
    const tails = makeMemoryTailStore();
    const { make } = device(server, alice, { persist: true, conversationId: 'tail', tails, tailDelayMs: 0, memberIds: () => members });
    const first = make();
    first.messages();
    await vi.waitFor(() => expect(first.synced.get()).toBe(true));
    const question = first.send('lake or sea?');
    first.send('the lake, surely', { replyTo: question.id });
    await vi.waitFor(() => expect(first.isStored(question.id)).toBe(true));
    await vi.waitFor(async () => expect((await tails.read('tail'))?.rows.map((r) => [r.view.text, r.state])).toEqual([
      ['lake or sea?', 'sent'],
      ['the lake, surely', 'sent'],
    ]));
    const lastId = (await tails.read('tail'))?.lastId;
    await first.destroy();

    // The next open: the tail is shown first; the document's load waits for it.
    const seen: Array<{ loaded: boolean; texts: string[] }> = [];
    const second = make({ expectedLastId: () => lastId });
    second.preview.subscribe((p) => seen.push({ loaded: second.loaded.get(), texts: p?.timeline.map((m) => m.text ?? '') ?? [] }));
    await second.whenLoaded;
    await vi.waitFor(() => expect(second.loaded.get()).toBe(true));
    expect(seen.find((s) => s.texts.length > 0)).toEqual({ loaded: false, texts: ['lake or sea?', 'the lake, surely'] });
    expect(second.preview.get()).toBeNull();
    expect(second.messages().timeline.get().map((m) => m.text)).toEqual(['lake or sea?', 'the lake, surely']);
  });

  it('does not show a tail that ends before the message the inbox names as the last', async () => {
    const server = makeFakeSyncServer();
    const tails = makeMemoryTailStore();
    const { make } = device(server, alice, { conversationId: 'stale', tails, tailDelayMs: 0 });
    const first = make();
    first.messages();
    first.send('old news');
    await vi.waitFor(async () => expect((await tails.read('stale'))?.rows).toHaveLength(1));
    await first.destroy();
    const second = make({ expectedLastId: () => 'a-newer-message' });
    const shown: unknown[] = [];
    second.preview.subscribe((p) => shown.push(p));
    await vi.waitFor(() => expect(second.loaded.get()).toBe(true));
    expect(shown.every((p) => p === null)).toBe(true);
  });

  it('writes the tail of a background document when it closes', async () => {
    const server = makeFakeSyncServer();
    const tails = makeMemoryTailStore();
    const theirs = device(server, bob, { conversationId: 'bg' }).make();
    theirs.send('while you were away');
    await vi.waitFor(() => expect(readMessages(server.doc('conv:bg'))).toHaveLength(1));
    // Opened in the background (nobody asked for its messages), then closed.
    const mine = device(server, alice, { conversationId: 'bg', tails }).make();
    await vi.waitFor(() => expect(mine.synced.get()).toBe(true));
    await mine.destroy();
    await vi.waitFor(async () => expect((await tails.read('bg'))?.rows.map((r) => r.view.text)).toEqual(['while you were away']));
  });

  it('does not wait long for a tail store that does not answer', async () => {
    const server = makeFakeSyncServer();
    const never: TailStore = { ...makeMemoryTailStore(), read: () => new Promise(() => {}) };
    const doc = device(server, alice, { conversationId: 'slow', tails: never, tailWaitMs: 20 }).make();
    await vi.waitFor(() => expect(doc.loaded.get()).toBe(true), { timeout: 2000 });
    expect(doc.preview.get()).toBeNull();
  });
});
