/**
 * The signed-in runtime, framework-free: the inbox, the pool of conversation
 * documents, the cached lists, presence refresh and the overall connection
 * state, wired together. The UI creates one per signed-in user and destroys it
 * at sign-out.
 */
import { Limits, type User } from '../../../shared/api.js';
import type { Api } from './api.js';
import { type ConversationDoc, makeConversationDoc } from './conversation-doc.js';
import { type Contacts, type Conversations, makeContacts, makeConversations } from './conversations.js';
import { type DocPool, makeDocPool } from './docs.js';
import { type Inbox, makeInbox } from './inbox.js';
import { releaseLocalData, wipeLocalData } from './local-data.js';
import { forgetMedia, keepUploaded } from './media-offline.js';
import { makeUploader } from './media-upload.js';
import type { Network } from './network.js';
import { type Outbox, makeOutbox } from './outbox.js';
import { makeMemoryOutboxStore, makeOutboxStore } from './outbox-store.js';
import { type PendingStore, makePendingStore } from './pending.js';
import { makeServerStates } from './server-state.js';
import type { WebSocketClass } from './socket.js';
import { type KeyValueStorage, readJson, storageKey, writeJson } from './storage.js';
import { makeMemoryTailStore, makeTailStore } from './tail-cache.js';
import { type LocalLast, makeLocalLast } from './local-last.js';
import { type Readable, makeDerived, makeWritable } from './store.js';

export type ConnectionState = 'online' | 'offline' | 'connecting';

/** Until the server has said otherwise (GET /api/me/limits): its default settings. Files are checked against it before they wait in the outbox. */
const DEFAULT_LIMITS: Limits = { mediaMaxBytes: 25 * 1024 * 1024, mediaQuotaBytes: 1024 * 1024 * 1024 };

export interface MessengerOptions {
  user: User;
  api: Api;
  storage: KeyValueStorage;
  syncUrl: string;
  network: Network;
  onUnauthenticated: () => void;
  WebSocketPolyfill?: WebSocketClass;
  /** Cache documents in IndexedDB (default true). */
  persist?: boolean;
  /** Most conversation sockets at once (the inbox has one more). */
  maxOpenDocs?: number;
  /** Presence refresh (ms); 0 turns it off. */
  presenceIntervalMs?: number;
}

export interface Messenger {
  readonly user: User;
  readonly api: Api;
  readonly conversations: Conversations;
  readonly contacts: Contacts;
  readonly inbox: Inbox;
  readonly docs: DocPool<ConversationDoc>;
  readonly pending: PendingStore;
  /** Media messages waiting for their uploads (IndexedDB), sent when the network allows. */
  readonly outbox: Outbox;
  readonly connection: Readable<ConnectionState>;
  /** What the server allows (upload size); a default until it has answered, then its answer, kept for offline starts. */
  readonly limits: Readable<Limits>;
  /** My newest message per conversation until the inbox has it (the list's "You: …"). */
  readonly localLast: LocalLast;
  /** Sign-out: close everything, then forget this user's data on this device. */
  wipe(): Promise<void>;
  destroy(): Promise<void>;
}

export function makeMessenger(options: MessengerOptions): Messenger {
  const { user, api, storage, network } = options;
  const socketOptions = {
    syncUrl: options.syncUrl,
    network,
    onUnauthenticated: options.onUnauthenticated,
    ...(options.persist === undefined ? {} : { persist: options.persist }),
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  };
  const serverStates = makeServerStates();
  const pending = makePendingStore(storage, user.id);
  const conversations = makeConversations({ api, storage, userId: user.id });
  const contacts = makeContacts({ api, storage, userId: user.id });
  const tails = options.persist === false || typeof indexedDB === 'undefined' ? makeMemoryTailStore() : makeTailStore(user.id);
  let inbox: Inbox | undefined;
  const docs = makeDocPool<ConversationDoc>({
    create: (conversationId) =>
      makeConversationDoc({
        ...socketOptions,
        conversationId,
        user,
        serverStates,
        pending,
        tails,
        onSent: (record) => localLast.wrote(conversationId, record),
        memberIds: () => conversations.get().items.find((c) => c.id === conversationId)?.members.map((m) => m.user.id) ?? [],
        expectedLastId: () => {
          if (!inbox?.loaded.get()) return undefined;
          const entry = inbox.entries.get().get(conversationId);
          return entry ? (entry.lastMessage?.id ?? null) : undefined;
        },
      }),
    pending,
    network,
    ...(options.maxOpenDocs === undefined ? {} : { maxOpen: options.maxOpenDocs }),
  });

  const outbox = makeOutbox({
    userId: user.id,
    store: options.persist === false || typeof indexedDB === 'undefined' ? makeMemoryOutboxStore() : makeOutboxStore(user.id),
    upload: makeUploader({ onUnauthenticated: options.onUnauthenticated }),
    docs,
    network,
    keep: keepUploaded,
    discard: (mediaId) => api.deleteMedia(mediaId),
  });

  // A conversation the inbox knows and the list does not (someone started it with us): fetch the list again.
  // At most one fetch per 3 s; one asked for sooner runs when the 3 s are up (never dropped).
  let lastListRefresh = 0;
  let listRefreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshList = (): void => {
    listRefreshTimer = undefined;
    lastListRefresh = Date.now();
    void conversations.refresh();
  };
  const refreshListFor = (conversationId: string): void => {
    if (conversations.get().items.some((c) => c.id === conversationId) || listRefreshTimer !== undefined) return;
    const wait = lastListRefresh + 3000 - Date.now();
    if (wait <= 0) refreshList();
    else listRefreshTimer = setTimeout(refreshList, wait);
  };

  inbox = makeInbox({
    ...socketOptions,
    userId: user.id,
    onChanged(conversationId) {
      refreshListFor(conversationId);
      docs.touch(conversationId);
    },
  });
  const localLast = makeLocalLast(inbox.entries);
  const limitsKey = storageKey.limits(user.id);
  const limits = makeWritable<Limits>(readJson(storage, limitsKey, Limits) ?? DEFAULT_LIMITS);
  const fetchLimits = (): void => {
    api.limits().then(
      (value) => {
        writeJson(storage, limitsKey, value);
        limits.set(value);
      },
      (error: unknown) => console.warn('could not read the server limits', error),
    );
  };
  fetchLimits();
  const offPresence = inbox.presence.subscribe((presence) => contacts.applyPresence(presence));
  const offInbox = inbox.entries.subscribe((entries) => {
    if (!conversations.get().fresh) return;
    for (const id of entries.keys()) refreshListFor(id);
  });

  const connection = makeDerived<ConnectionState>([network, inbox.status], () => {
    if (!network.get()) return 'offline';
    return inbox.status.get() === 'connected' ? 'online' : 'connecting';
  });

  void conversations.refresh();
  void contacts.refresh();
  const stopPresence = options.presenceIntervalMs === 0 ? () => {} : contacts.watchPresence(options.presenceIntervalMs ? { intervalMs: options.presenceIntervalMs } : {});
  // Back online: lists and presence may be stale.
  const offNetwork = network.subscribe((online) => {
    if (!online) return;
    void conversations.refresh();
    void contacts.refresh();
  });

  let destroyed: Promise<void> | null = null;
  const destroy = (): Promise<void> => {
    destroyed ??= (async () => {
      offInbox();
      offPresence();
      localLast.destroy();
      offNetwork();
      clearTimeout(listRefreshTimer);
      stopPresence();
      connection.destroy();
      // The outbox first: it holds documents open while it sends.
      await outbox.destroy();
      await Promise.all([docs.destroy(), inbox.destroy()]);
      // After the documents: each writes its tail as it closes.
      tails.close();
    })();
    return destroyed;
  };

  return {
    user,
    api,
    conversations,
    contacts,
    inbox,
    docs,
    pending,
    outbox,
    connection,
    limits,
    localLast,
    destroy,
    async wipe() {
      const ids = new Set([...conversations.get().items.map((c) => c.id), ...pending.get().keys(), ...inbox.entries.get().keys()]);
      await destroy();
      await wipeLocalData({ storage, userId: user.id, conversationIds: ids });
      await Promise.all([outbox.wipe(), forgetMedia()]);
      releaseLocalData(storage);
    },
  };
}
