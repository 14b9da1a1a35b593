/**
 * One open conversation: its Y.Doc cached in IndexedDB and synced over
 * y-websocket, the "stored" acknowledgements that drive the sent tick, my
 * typing state in awareness, and my receipts (delivered once synced, seen
 * while the person is looking at the bottom of the conversation). Every
 * document write goes through shared/doc/conversation.ts.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import type { User } from '../../../shared/api.js';
import * as conversation from '../../../shared/doc/conversation.js';
import * as hlc from '../../../shared/doc/hlc.js';
import type { MessageRecord, Meta } from '../../../shared/doc/schema.js';
import { conversationDocName } from '../../../shared/protocol.js';
import { type MessageIndex, makeMessageIndex } from './message-index.js';
import type { PendingStore } from './pending.js';
import { highestForeignHlc } from './records.js';
import { type ServerStates, type StateVector, coversClients, covers, handleStored } from './server-state.js';
import { type Access, type ConnectionStatus, type SocketOptions, makeSyncedDoc } from './socket.js';
import { type Readable, makeWritable } from './store.js';
import { type TailPreview, type TailStore, makeTail, previewOf } from './tail-cache.js';

/** Key in y-indexeddb's custom store: the server's last state vector, so "sent" survives a reload. */
const SERVER_STATE_KEY = 'serverStateVector';

export interface TypingUser {
  id: string;
  name: string;
}

/** The awareness state of a conversation document (the server overwrites `user`). */
const AwarenessState = z.object({
  user: z.object({ id: z.string(), name: z.string() }),
  typing: z.boolean(),
});

export interface SendOptions {
  replyTo?: string;
  threadOf?: string;
}

export interface ConversationDocOptions extends SocketOptions {
  conversationId: string;
  user: User;
  serverStates: ServerStates;
  pending: PendingStore;
  /** Typing stops this long after the last key press (ms). */
  typingTimeoutMs?: number;
  /** Receipt writes are gathered for this long (ms). */
  receiptDelayMs?: number;
  /** Tidying my leftovers waits this long after what prompted it (ms). */
  leftoverDelayMs?: number;
  /** Where the newest rows are kept, to be painted at once on the next open (tail-cache.ts). */
  tails?: TailStore;
  /** The conversation's members, for the ticks kept in the tail. */
  memberIds?: () => readonly string[];
  /** The id of the last message as the inbox knows it; undefined when unknown. A tail ending elsewhere is stale. */
  expectedLastId?: () => string | null | undefined;
  /** The tail is written this long after the last change (ms). */
  tailDelayMs?: number;
  /** Reading the tail may hold back the document this long at most (ms). */
  tailWaitMs?: number;
  /** I sent a text (the conversation list shows it before the inbox has it). */
  onSent?: (record: MessageRecord) => void;
}

export interface ConversationDoc {
  readonly conversationId: string;
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly status: Readable<ConnectionStatus>;
  readonly synced: Readable<boolean>;
  readonly access: Readable<Access>;
  /** The IndexedDB cache has been read. */
  readonly loaded: Readable<boolean>;
  /** Until `loaded`: the newest rows as last shown, when they are known to be current; then null. */
  readonly preview: Readable<TailPreview | null>;
  readonly whenLoaded: Promise<void>;
  /** The server's last known state vector for this document. */
  readonly serverState: Readable<StateVector | undefined>;
  /** Bumps whenever someone's receipt changes (for the ticks). */
  readonly receiptsVersion: Readable<number>;
  readonly typingUsers: Readable<readonly TypingUser[]>;
  /** When the document or its connection last changed (ms since epoch); the pool closes idle documents. */
  readonly lastActivity: Readable<number>;
  /** What the server wrote into the document's meta (title, keepEditHistory), as it syncs. */
  readonly meta: Readable<Meta>;
  /** The ordered message list, built on first use. */
  messages(): MessageIndex;
  /** Whether the server has stored my record `msgId`. */
  isStored(msgId: string): boolean;
  messageState(message: { id: string; hlc: number; author: string }, memberIds: readonly string[]): conversation.MessageState;
  /** Local writes the server has not confirmed yet. */
  hasUnsentChanges(): boolean;
  /** Send a text; a reply quotes `replyTo`, a thread reply sets `threadOf` (the thread's root). */
  send(text: string, options?: SendOptions): MessageRecord;
  /** Set my one reaction on a message, or remove it with null. */
  react(msgId: string, emoji: string | null): void;
  edit(msgId: string, text: string): void;
  remove(msgId: string): void;
  /** Call on each key press in the composer with whether it holds text. */
  composing(hasText: boolean): void;
  /** Whether the person is looking at the newest messages (visible, focused, scrolled to the bottom). */
  setViewing(viewing: boolean): void;
  destroy(): Promise<void>;
}

export function makeConversationDoc(options: ConversationDocOptions): ConversationDoc {
  const { conversationId, user, serverStates, pending, onSent } = options;
  const docName = conversationDocName(conversationId);
  const doc = new Y.Doc();
  const serverState = makeWritable<StateVector | undefined>(serverStates.get(docName));
  const preview = makeWritable<TailPreview | null>(null);
  let destroyed = false;

  /** Show the stored tail if it is current, and let it reach the screen before the document's load takes the thread. */
  const readPreview = async (tails: TailStore): Promise<void> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tail = await Promise.race([
      tails.read(conversationId).catch((error: unknown) => {
        console.warn(`reading the cached tail of ${docName} failed`, error);
        return undefined;
      }),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), options.tailWaitMs ?? 250);
      }),
    ]);
    clearTimeout(timer);
    if (!tail || tail.rows.length === 0 || destroyed) return;
    const expected = options.expectedLastId?.();
    if (expected !== undefined && expected !== tail.lastId) return;
    preview.set(previewOf(tail));
    await afterPaint();
  };

  const synced = makeSyncedDoc(doc, docName, {
    ...options,
    ...(options.tails ? { loadAfter: readPreview(options.tails) } : {}),
    // What the server had stored, as last heard (even before this page loaded), before anything is shown.
    async afterLoad(persistence) {
      const saved: unknown = await persistence?.get(SERVER_STATE_KEY);
      if (saved instanceof ArrayBuffer) serverState.set(serverStates.record(docName, Y.decodeStateVector(new Uint8Array(saved))));
    },
  });
  const { provider } = synced;
  const awareness = provider.awareness;
  /** Started on first send, once the cache is in: it must begin past everything in the document. */
  let clock: hlc.Clock | null = null;
  const receiptsVersion = makeWritable(0);
  const typingUsers = makeWritable<readonly TypingUser[]>([], sameTypingUsers);
  const lastActivity = makeWritable(Date.now());
  let index: MessageIndex | null = null;
  let viewing = false;
  let typing = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let receiptTimer: ReturnType<typeof setTimeout> | undefined;
  let leftoverTimer: ReturnType<typeof setTimeout> | undefined;
  let tailTimer: ReturnType<typeof setTimeout> | undefined;
  /** Something shown in the tail may have changed since it was last written. */
  let tailDirty = false;
  const touch = (): void => lastActivity.set(Date.now());

  const writeTail = (): void => {
    tailTimer = undefined;
    const tails = options.tails;
    if (!tails || !tailDirty || !synced.loaded.get()) return;
    tailDirty = false;
    const messages = handle.messages();
    const members = options.memberIds?.() ?? [];
    const tail = makeTail({
      timeline: messages.timeline.get(),
      lookup: messages.get,
      stateOf: (view) => (view.author === user.id && !view.deleted ? handle.messageState(view, members) : undefined),
      threadSummary: messages.threadSummary,
    });
    void tails.write(conversationId, tail).catch((error: unknown) => console.warn(`could not keep the tail of ${docName}`, error));
  };
  /** A background document (no index built) writes its tail when it closes; a shown one shortly after each change. */
  const markTail = (): void => {
    if (!options.tails || destroyed) return;
    tailDirty = true;
    if (index !== null && tailTimer === undefined) tailTimer = setTimeout(writeTail, options.tailDelayMs ?? 1000);
  };

  // "stored": the server's state vector after it wrote to its log.
  handleStored(provider, (sv) => {
    const merged = serverStates.record(docName, sv);
    serverState.set(merged);
    void synced.persistence?.set(SERVER_STATE_KEY, Y.encodeStateVector(new Map(merged)).slice().buffer).catch((error: unknown) => {
      console.warn(`could not keep the server state of ${docName}`, error);
    });
    confirmPending();
    markTail();
    touch();
  });

  /** Drop the pending mark once the server holds every local write. */
  const confirmPending = (): void => {
    if (!synced.loaded.get()) return;
    const clients = pending.clientsOf(conversationId);
    if (clients.size > 0 && coversClients(serverState.get(), doc, clients)) pending.clear(conversationId);
  };

  const writeReceipts = (): void => {
    receiptTimer = undefined;
    if (destroyed || !synced.loaded.get()) return;
    const progress: { delivered?: number; seen?: number } = {};
    const highest = highestForeignHlc(doc, user.id);
    if (highest === 0) return;
    if (synced.synced.get()) progress.delivered = highest;
    if (viewing) progress.seen = highest;
    if (progress.delivered === undefined && progress.seen === undefined) return;
    conversation.markReceipt(doc, user.id, progress);
  };
  const scheduleReceipts = (): void => {
    if (receiptTimer === undefined) receiptTimer = setTimeout(writeReceipts, options.receiptDelayMs ?? 50);
  };

  // An edit crossing a delete, or two of my devices re-issuing one record, can
  // leave text that should be gone; my devices clean it up when they see it.
  const scheduleLeftovers = (): void => {
    if (leftoverTimer !== undefined) return;
    leftoverTimer = setTimeout(() => {
      leftoverTimer = undefined;
      if (!destroyed && synced.loaded.get()) conversation.removeLeftovers(doc, user.id);
    }, options.leftoverDelayMs ?? 200);
  };
  const { edits, deleted, receipts, meta: metaMap } = conversation.roots(doc);
  const onEditsOrDeletes = (_event: unknown, transaction: Y.Transaction): void => {
    if (transaction.origin === provider) scheduleLeftovers();
  };
  edits.observe(onEditsOrDeletes);
  deleted.observe(onEditsOrDeletes);

  // The server writes meta; when the conversation stops keeping edit history, my devices erase what they kept.
  const meta = makeWritable<Meta>(conversation.readMeta(doc), sameMeta);
  const onMeta = (_event: unknown, transaction: Y.Transaction): void => {
    meta.set(conversation.readMeta(doc));
    if (transaction.origin === provider) scheduleLeftovers();
  };
  metaMap.observe(onMeta);

  const onUpdate = (_update: Uint8Array, origin: unknown): void => {
    touch();
    markTail();
    if (synced.isRemote(origin)) {
      if (origin === provider) scheduleReceipts();
    } else {
      pending.add(conversationId, doc.clientID);
    }
  };
  // Only once the cache is in (see socket.ts: no 'update' listener while it loads).
  void synced.whenLoaded.finally(() => {
    if (destroyed) return;
    doc.on('update', onUpdate);
    // No current tail was shown: keep one for next time.
    if (preview.get() === null) markTail();
  });
  const offLoaded = synced.loaded.subscribe((isLoaded) => {
    if (isLoaded) preview.set(null);
  });
  const onReceipts = (): void => receiptsVersion.update((v) => v + 1);
  receipts.observe(onReceipts);

  const offSynced = synced.synced.subscribe((isSynced) => {
    touch();
    if (!isSynced) return;
    scheduleReceipts();
    scheduleLeftovers();
  });
  const offStatus = synced.status.subscribe(touch);
  const offAccess = synced.access.subscribe((access) => {
    // Writes the server will never take (removed from the conversation) are not pending any more.
    if (access === 'forbidden') pending.clear(conversationId);
    touch();
  });
  void synced.whenLoaded.then(confirmPending);

  awareness.setLocalState({ user: { id: user.id, name: user.displayName }, typing: false });
  const setTyping = (next: boolean): void => {
    if (typing === next || destroyed) return;
    typing = next;
    awareness.setLocalStateField('typing', next);
  };
  const onAwareness = (): void => {
    const byId = new Map<string, TypingUser>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === doc.clientID) continue;
      const parsed = AwarenessState.safeParse(state);
      if (!parsed.success || !parsed.data.typing || parsed.data.user.id === user.id) continue;
      byId.set(parsed.data.user.id, parsed.data.user);
    }
    typingUsers.set([...byId.values()]);
  };
  awareness.on('change', onAwareness);

  const handle: ConversationDoc = {
    conversationId,
    docName,
    doc,
    status: synced.status,
    synced: synced.synced,
    access: synced.access,
    loaded: synced.loaded,
    preview,
    whenLoaded: synced.whenLoaded,
    serverState,
    receiptsVersion,
    typingUsers,
    lastActivity,
    meta,
    messages() {
      if (index === null) index = makeMessageIndex(doc);
      return index;
    },
    isStored: (msgId) => covers(serverState.get(), handle.messages().recordId(msgId)),
    messageState: (message, memberIds) => conversation.messageState(doc, message, memberIds, handle.isStored(message.id)),
    hasUnsentChanges: () => pending.clientsOf(conversationId).size > 0,
    send(text, options = {}) {
      clock ??= conversation.makeDocClock(doc);
      const record = conversation.sendMessage(doc, clock, { author: user.id, text, ...options });
      clearTimeout(typingTimer);
      setTyping(false);
      onSent?.(record);
      return record;
    },
    edit(msgId, text) {
      conversation.editMessage(doc, { msgId, editor: user.id, text });
      clearTimeout(typingTimer);
      setTyping(false);
    },
    remove(msgId) {
      conversation.deleteMessage(doc, { msgId, userId: user.id });
    },
    react(msgId, emoji) {
      conversation.react(doc, msgId, user.id, emoji);
    },
    composing(hasText) {
      clearTimeout(typingTimer);
      if (!hasText) {
        setTyping(false);
        return;
      }
      setTyping(true);
      typingTimer = setTimeout(() => setTyping(false), options.typingTimeoutMs ?? 4000);
    },
    setViewing(next) {
      if (viewing === next) return;
      viewing = next;
      if (next) scheduleReceipts();
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(typingTimer);
      clearTimeout(receiptTimer);
      clearTimeout(leftoverTimer);
      clearTimeout(tailTimer);
      writeTail();
      doc.off('update', onUpdate);
      offLoaded();
      edits.unobserve(onEditsOrDeletes);
      deleted.unobserve(onEditsOrDeletes);
      metaMap.unobserve(onMeta);
      receipts.unobserve(onReceipts);
      awareness.off('change', onAwareness);
      offSynced();
      offStatus();
      offAccess();
      index?.destroy();
      // Tell the others at once that we left, rather than after the awareness timeout.
      awareness.setLocalState(null);
      await synced.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
  return handle;
}

/** Resolves once a frame has been painted (at once where nothing paints: Node, a hidden tab). */
function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((resolve) => {
    // A tab hidden meanwhile gets no frames: do not wait for one for long.
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

function sameMeta(a: Meta, b: Meta): boolean {
  return a.kind === b.kind && a.title === b.title && a.keepEditHistory === b.keepEditHistory && a.schemaVersion === b.schemaVersion;
}

function sameTypingUsers(a: readonly TypingUser[], b: readonly TypingUser[]): boolean {
  return a.length === b.length && a.every((u, i) => u.id === b[i]?.id && u.name === b[i]?.name);
}
