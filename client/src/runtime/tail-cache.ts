/**
 * The newest rows of each conversation as they were last shown, kept small
 * in IndexedDB beside the document: the last 50 timeline messages with their
 * ticks and thread summaries, and the messages they quote. Opening a
 * conversation paints these at once while the whole document loads behind
 * them (≈0.5 s at 100,000 messages); the live list then takes over with the
 * same rows in the same place. A tail is shown only when its last message is
 * the one the inbox names, so a stale end is never shown.
 */
import { z } from 'zod';
import type { MessageState, MessageView } from '../../../shared/doc/conversation.js';
import { Attachment, EditState, MessageKind, Tombstone } from '../../../shared/doc/schema.js';
import { completion, database, request } from './idb.js';
import type { ThreadSummary } from './message-index.js';

/** Rows kept per conversation: more than a tall screen shows. */
export const TAIL_ROWS = 50;

const StoredView = z.object({
  id: z.string().min(1).max(64),
  author: z.string().min(1).max(64),
  hlc: z.number(),
  sentAt: z.number(),
  kind: MessageKind,
  text: z.string().optional(),
  replyTo: z.string().optional(),
  threadOf: z.string().optional(),
  attachments: z.array(Attachment).optional(),
  edited: EditState.optional(),
  deleted: Tombstone.optional(),
  /** [emoji, userIds] in display order. */
  reactions: z.array(z.tuple([z.string(), z.array(z.string())])),
});
type StoredView = z.infer<typeof StoredView>;

const Tail = z.object({
  version: z.literal(1),
  /** The newest message of the timeline that is not deleted (what the inbox calls the last one), or null. */
  lastId: z.string().nullable(),
  rows: z
    .array(
      z.object({
        view: StoredView,
        state: z.enum(['sending', 'sent', 'delivered', 'seen']).optional(),
        thread: z.object({ count: z.number().int().nonnegative(), lastAt: z.number() }).optional(),
      }),
    )
    .max(TAIL_ROWS),
  /** Messages quoted by the rows but not among them. */
  quotes: z.array(StoredView).max(TAIL_ROWS),
});
export type Tail = z.infer<typeof Tail>;

/** A tail read back: what the rows of the list ask for, answered from it. */
export interface TailPreview {
  readonly timeline: readonly MessageView[];
  /** Last non-deleted message, as in the tail. */
  readonly lastId: string | null;
  lookup(msgId: string): MessageView | undefined;
  threadSummary(rootId: string): ThreadSummary;
  stateOf(msgId: string): MessageState | undefined;
}

export interface TailSource {
  timeline: readonly MessageView[];
  lookup(msgId: string): MessageView | undefined;
  stateOf(view: MessageView): MessageState | undefined;
  threadSummary(rootId: string): ThreadSummary;
}

function store(view: MessageView): StoredView {
  const { reactions, edited, ...rest } = view;
  const out: StoredView = { ...rest, reactions: [...reactions] };
  // The versions stay in the document (where the history dialog reads them); the mark is enough here.
  if (edited) out.edited = { text: edited.text, editedAt: edited.editedAt };
  return out;
}

function revive(stored: StoredView): MessageView {
  const { reactions, ...rest } = stored;
  return { ...rest, reactions: new Map(reactions) };
}

export function lastLiveId(timeline: readonly MessageView[]): string | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const view = timeline[i];
    if (view && !view.deleted) return view.id;
  }
  return null;
}

/** The tail of a conversation as it is now. */
export function makeTail(source: TailSource, rows = TAIL_ROWS): Tail {
  const shown = source.timeline.slice(-rows);
  const ids = new Set(shown.map((v) => v.id));
  const quotes = new Map<string, StoredView>();
  const tail: Tail = { version: 1, lastId: lastLiveId(source.timeline), rows: [], quotes: [] };
  for (const view of shown) {
    const row: Tail['rows'][number] = { view: store(view) };
    const state = source.stateOf(view);
    if (state !== undefined) row.state = state;
    const thread = source.threadSummary(view.id);
    if (thread.count > 0) row.thread = { ...thread };
    tail.rows.push(row);
    if (view.replyTo !== undefined && !ids.has(view.replyTo) && !quotes.has(view.replyTo)) {
      const original = source.lookup(view.replyTo);
      if (original) quotes.set(original.id, store(original));
    }
  }
  tail.quotes = [...quotes.values()];
  return tail;
}

const NO_THREAD: ThreadSummary = { count: 0, lastAt: 0 };

export function previewOf(tail: Tail): TailPreview {
  const byId = new Map<string, MessageView>();
  const states = new Map<string, MessageState>();
  const threads = new Map<string, ThreadSummary>();
  for (const quote of tail.quotes) byId.set(quote.id, revive(quote));
  const timeline = tail.rows.map((row) => {
    const view = revive(row.view);
    byId.set(view.id, view);
    if (row.state) states.set(view.id, row.state);
    if (row.thread) threads.set(view.id, row.thread);
    return view;
  });
  return {
    timeline,
    lastId: tail.lastId,
    lookup: (msgId) => byId.get(msgId),
    threadSummary: (rootId) => threads.get(rootId) ?? NO_THREAD,
    stateOf: (msgId) => states.get(msgId),
  };
}

export interface TailStore {
  /** The stored tail, or undefined when there is none or it cannot be read. */
  read(conversationId: string): Promise<Tail | undefined>;
  write(conversationId: string, tail: Tail): Promise<void>;
  remove(conversationId: string): Promise<void>;
  close(): void;
  /** Close and delete every tail (sign-out). */
  wipe(): Promise<void>;
}

const STORE = 'tails';

export const tailDatabaseName = (userId: string): string => `messenger-tails:${userId}`;

function parsed(value: unknown, conversationId: string): Tail | undefined {
  if (value === undefined) return undefined;
  const result = Tail.safeParse(value);
  if (result.success) return result.data;
  console.warn(`ignoring an unreadable cached tail of ${conversationId}`, result.error.issues[0]?.message);
  return undefined;
}

export function makeTailStore(userId: string, factory: IDBFactory = indexedDB): TailStore {
  const db = database(tailDatabaseName(userId), { [STORE]: undefined }, factory);
  return {
    async read(conversationId) {
      const tx = (await db.get()).transaction(STORE, 'readonly');
      return parsed(await request(tx.objectStore(STORE).get(conversationId)), conversationId);
    },
    async write(conversationId, tail) {
      const tx = (await db.get()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(tail, conversationId);
      await completion(tx);
    },
    async remove(conversationId) {
      const tx = (await db.get()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(conversationId);
      await completion(tx);
    },
    close: db.close,
    wipe: db.remove,
  };
}

/** Tails kept for as long as the page lives (no IndexedDB: Node tests, locked-down browsers). */
export function makeMemoryTailStore(): TailStore {
  const tails = new Map<string, unknown>();
  return {
    read: (conversationId) => Promise.resolve(parsed(structuredClone(tails.get(conversationId)), conversationId)),
    write(conversationId, tail) {
      tails.set(conversationId, structuredClone(tail));
      return Promise.resolve();
    },
    remove(conversationId) {
      tails.delete(conversationId);
      return Promise.resolve();
    },
    close() {},
    wipe() {
      tails.clear();
      return Promise.resolve();
    },
  };
}
