import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Media, User } from '../../../shared/api.js';
import * as conversation from '../../../shared/doc/conversation.js';
import { CloseCode } from '../../../shared/protocol.js';
import { ApiError, OfflineError } from './api.js';
import { type ConversationDoc, makeConversationDoc } from './conversation-doc.js';
import type { UploadInput } from './media-upload.js';
import { makeFixedNetwork } from './network.js';
import { type Outbox, type OutboxDraft, makeOutbox } from './outbox.js';
import { type OutboxItem, type OutboxStore, makeOutboxStore } from './outbox-store.js';
import { makePendingStore } from './pending.js';
import { makeServerStates } from './server-state.js';
import { makeMemoryStorage } from './storage.js';
import { type FakeSyncServer, makeFakeSyncServer } from './testing/fake-sync-server.js';

const alice: User = { id: 'alice', username: 'alice', displayName: 'Alice' };
const DOC = 'conv:c1';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let users = 0;

/** An upload that answers as told: by default at once, with media ids m1, m2, … */
function fakeUpload() {
  const calls: UploadInput[] = [];
  let next = 0;
  let behaviour: (input: UploadInput) => Promise<Media> = (input) =>
    Promise.resolve({ id: `m${++next}`, conversationId: input.conversationId, mime: input.file.type, size: input.file.size, createdAt: 1 });
  return {
    calls,
    set(b: (input: UploadInput) => Promise<Media>) {
      behaviour = b;
    },
    answer(input: UploadInput): Promise<Media> {
      return Promise.resolve({ id: `m${++next}`, conversationId: input.conversationId, mime: input.file.type, size: input.file.size, createdAt: 1 });
    },
    upload: (input: UploadInput) => {
      calls.push(input);
      input.onProgress?.({ loaded: input.file.size, total: input.file.size });
      return behaviour(input);
    },
  };
}

function setup(server: FakeSyncServer = makeFakeSyncServer(), options: { store?: OutboxStore; online?: boolean } = {}) {
  const network = makeFixedNetwork(options.online ?? true);
  const doc: ConversationDoc = makeConversationDoc({
    conversationId: 'c1',
    user: alice,
    serverStates: makeServerStates(),
    pending: makePendingStore(makeMemoryStorage(), alice.id),
    network,
    syncUrl: 'ws://test/sync',
    WebSocketPolyfill: server.WebSocket,
    persist: false,
    disableBc: true,
    receiptDelayMs: 0,
  });
  const store = options.store ?? makeOutboxStore(`user${++users}`);
  const uploads = fakeUpload();
  const acquired = { count: 0 };
  const discarded: string[] = [];
  const outbox = makeOutbox({
    userId: alice.id,
    store,
    upload: uploads.upload,
    discard: async (mediaId) => void discarded.push(mediaId),
    docs: {
      acquire: () => {
        acquired.count++;
        return doc;
      },
      release: () => void acquired.count--,
    },
    network,
    retryDelaysMs: [20],
  });
  cleanups.push(async () => {
    await outbox.destroy();
    await doc.destroy();
  });
  return { server, network, doc, store, uploads, outbox, acquired, discarded };
}

const png = (bytes = 4): Blob => new Blob([new Uint8Array(bytes)], { type: 'image/png' });
const draft = (extra: Partial<OutboxDraft> = {}): OutboxDraft => ({
  conversationId: 'c1',
  kind: 'media',
  files: [{ blob: png(), mime: 'image/png', name: 'one.png', width: 4, height: 3, preview: 'data:image/png;base64,AA' }],
  highestShown: 0,
  ...extra,
});
const serverRecords = (server: FakeSyncServer) => conversation.readMessages(server.doc(DOC)).filter((m) => !m.deleted);
const waiting = (outbox: Outbox) => outbox.entries.get().get('c1') ?? [];

describe('media outbox', () => {
  it('uploads each file, then sends one record with the server\'s media ids, and forgets the item once stored', async () => {
    const { server, outbox, uploads, store, acquired } = setup();
    const item = await outbox.add(
      draft({
        text: ' two pictures ',
        files: [
          { blob: png(4), mime: 'image/png', name: 'one.png' },
          { blob: png(6), mime: 'image/png', name: 'two.png' },
        ],
      }),
    );
    await vi.waitFor(() => expect(serverRecords(server)).toHaveLength(1));
    const [record] = serverRecords(server);
    expect(record).toMatchObject({ id: item.id, author: 'alice', kind: 'media', text: 'two pictures', sentAt: item.sentAt });
    expect(record?.attachments?.map((a) => [a.mediaId, a.name, a.size])).toEqual([
      ['m1', 'one.png', 4],
      ['m2', 'two.png', 6],
    ]);
    expect(uploads.calls.map((c) => c.name)).toEqual(['one.png', 'two.png']);
    await vi.waitFor(() => expect(waiting(outbox)).toEqual([]));
    expect(await store.all()).toEqual([]);
    expect(outbox.progress.get().size).toBe(0);
    expect(acquired.count).toBe(0);
  });

  it('shows the message at once and keeps it while offline, then sends it when the network returns', async () => {
    const { server, outbox, uploads, network, store } = setup(undefined, { online: false });
    const item = await outbox.add(draft());
    expect(waiting(outbox).map((e) => [e.item.id, e.state])).toEqual([[item.id, 'waiting']]);
    expect((await store.all()).map((i) => i.id)).toEqual([item.id]);
    expect(uploads.calls).toHaveLength(0);

    network.set(true);
    await vi.waitFor(() => expect(serverRecords(server).map((m) => m.id)).toEqual([item.id]));
    await vi.waitFor(() => expect(waiting(outbox)).toEqual([]));
  });

  it('after a reload, sends what waited, reusing uploads already made and never sending twice', async () => {
    const server = makeFakeSyncServer();
    const store = makeOutboxStore(`user${++users}`);
    const saved: OutboxItem = {
      id: conversation.newMessageId(),
      conversationId: 'c1',
      author: 'alice',
      kind: 'media',
      sentAt: Date.now() - 60_000,
      hlc: Date.now() - 60_000,
      files: [
        { blob: png(4), mime: 'image/png', name: 'done.png', uploaded: { mediaId: 'earlier', mime: 'image/png', size: 4 } },
        { blob: png(5), mime: 'image/png', name: 'todo.png' },
      ],
    };
    await store.put(saved);
    const { outbox, uploads } = setup(server, { store });
    await outbox.ready;
    await vi.waitFor(() => expect(serverRecords(server)).toHaveLength(1));
    expect(uploads.calls.map((c) => c.name)).toEqual(['todo.png']);
    expect(serverRecords(server)[0]?.attachments?.map((a) => a.mediaId)).toEqual(['earlier', 'm1']);
    await vi.waitFor(() => expect(waiting(outbox)).toEqual([]));
  });

  it('does not append the record again when the document already has it (a crash after sending)', async () => {
    const server = makeFakeSyncServer();
    const store = makeOutboxStore(`user${++users}`);
    const first = setup(server, { store });
    const item = await first.outbox.add(draft());
    await vi.waitFor(() => expect(serverRecords(server)).toHaveLength(1));
    // The crash: the item is still in the outbox although the message went out.
    await first.outbox.destroy();
    const files = item.files.map((f, i) => ({ ...f, uploaded: { mediaId: `m${i + 1}`, mime: 'image/png', size: f.blob.size } }));
    await store.put({ ...item, files });

    const second = setup(server, { store });
    await second.outbox.ready;
    expect(waiting(second.outbox)).toHaveLength(1);
    await vi.waitFor(() => expect(waiting(second.outbox)).toEqual([]));
    expect(second.uploads.calls).toHaveLength(0);
    expect(serverRecords(server)).toHaveLength(1);
    expect(await store.all()).toEqual([]);
  });

  it('cancelling stops the upload and forgets the message', async () => {
    const { server, outbox, uploads, store } = setup();
    uploads.set((input) => new Promise((_resolve, reject) => input.signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')))));
    const item = await outbox.add(draft());
    await vi.waitFor(() => expect(waiting(outbox)[0]?.state).toBe('uploading'));
    expect(outbox.progress.get().get(item.id)).toEqual({ loaded: 4, total: 4 });
    expect(await outbox.cancel(item.id)).toBe(true);
    expect(uploads.calls[0]?.signal?.aborted).toBe(true);
    expect(waiting(outbox)).toEqual([]);
    expect(await store.all()).toEqual([]);
    expect(serverRecords(server)).toEqual([]);
  });

  it('cancelling after some files are up takes those back from the server (their quota is freed)', async () => {
    const { outbox, uploads, discarded } = setup();
    // The first file goes up; the second hangs until cancelled.
    uploads.set((input) =>
      input.file.size === 4 ? uploads.answer(input) : new Promise((_resolve, reject) => input.signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')))),
    );
    const item = await outbox.add(
      draft({ files: [draft().files[0]!, { blob: new Blob([new Uint8Array(9)], { type: 'image/png' }), mime: 'image/png', name: 'two.png', width: 4, height: 3, preview: 'data:image/png;base64,AA' }] }),
    );
    await vi.waitFor(() => expect(uploads.calls).toHaveLength(2));
    expect(await outbox.cancel(item.id)).toBe(true);
    expect(discarded).toEqual(['m1']);
  });

  it('marks a message the server refuses as failed, and sends it when tried again', async () => {
    const { server, outbox, uploads, store } = setup();
    uploads.set(() => Promise.reject(new ApiError(415, 'unsupported_media_type', 'mismatch')));
    const item = await outbox.add(draft());
    await vi.waitFor(() => expect(waiting(outbox)[0]?.state).toBe('failed'));
    expect(waiting(outbox)[0]?.item.failed).toMatch(/type/);
    // Kept as failed across a reload, so the person decides.
    await vi.waitFor(async () => expect((await store.all())[0]?.failed).toBeDefined());

    uploads.set((input) => uploads.answer(input));
    outbox.retry(item.id);
    await vi.waitFor(() => expect(serverRecords(server).map((m) => m.id)).toEqual([item.id]));
  });

  it('tries again by itself when the server did not answer', async () => {
    const { server, outbox, uploads } = setup();
    let failures = 1;
    uploads.set((input) => (failures-- > 0 ? Promise.reject(new OfflineError()) : uploads.answer(input)));
    const item = await outbox.add(draft());
    await vi.waitFor(() => expect(serverRecords(server).map((m) => m.id)).toEqual([item.id]));
    expect(uploads.calls).toHaveLength(2);
  });

  it('marks the message failed when I am no longer a member, rather than waiting for ever', async () => {
    const server = makeFakeSyncServer();
    server.refuse(DOC, CloseCode.forbidden);
    const { outbox, acquired } = setup(server);
    await outbox.add(draft());
    await vi.waitFor(() => expect(waiting(outbox)[0]?.state).toBe('failed'));
    expect(waiting(outbox)[0]?.item.failed).toBe('You are no longer a member of this conversation.');
    expect(acquired.count).toBe(0);
  });

  it('sorts a new message after what the conversation shows and keeps it after earlier waiting ones', async () => {
    const { outbox } = setup(undefined, { online: false });
    const future = Date.now() + 1_000;
    const a = await outbox.add(draft({ highestShown: future }));
    const b = await outbox.add(draft());
    expect(a.hlc).toBe(future + 1);
    expect(b.hlc).toBe(future + 2);
    expect(waiting(outbox).map((e) => e.item.id)).toEqual([a.id, b.id]);
  });
});
