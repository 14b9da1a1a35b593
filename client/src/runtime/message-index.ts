/**
 * The conversation's messages in display order, kept up to date incrementally.
 * `readMessages` (shared) rebuilds and sorts everything, ~350 ms at 100,000
 * messages; this index produces the same views but, per transaction, only
 * recomputes the messages it touched and moves them by binary search. Beside
 * the full list it keeps the main timeline (thread replies left out) and each
 * thread's replies, and tells listeners which views changed.
 */
import * as Y from 'yjs';
import { type MessageView, compareOrder, roots } from '../../../shared/doc/conversation.js';
import type { MessageRecord } from '../../../shared/doc/schema.js';
import { parseReactionKey } from '../../../shared/doc/schema.js';
import { indexOfOrdered, insertOrdered, removeOrdered, upperBound } from './ordered.js';
import { type RecordId, forEachItemRecord, forEachPageRecord, forEachRecord } from './records.js';
import { type Readable, makeWritable } from './store.js';

export interface ThreadSummary {
  /** Replies that are not deleted. */
  count: number;
  /** When the newest of them was sent (ms since epoch); 0 without replies. */
  lastAt: number;
}

/** What one transaction changed: the views that went and the views that came (an edit is both). */
export interface IndexChange {
  readonly removed: readonly MessageView[];
  readonly added: readonly MessageView[];
  /** Everything was rebuilt: start over rather than apply `removed`/`added`. */
  readonly rebuilt: boolean;
}

export interface MessageIndex {
  /** Every message, tombstones included, ordered by (hlc, id). A new array after each change. */
  readonly messages: Readable<readonly MessageView[]>;
  /** The main timeline: `messages` without thread replies. A new array only when it changed. */
  readonly timeline: Readable<readonly MessageView[]>;
  /** The current view of a message (a tombstone once deleted); undefined when unknown here. */
  get(msgId: string): MessageView | undefined;
  /** Where a message sits in the timeline, or -1 (a thread reply, or unknown). O(log n). */
  timelineIndexOf(msgId: string): number;
  /** How many timeline messages are ordered after `key`, leaving out those by `exceptAuthor`. */
  countAfter(key: { hlc: number; id: string }, exceptAuthor?: string): number;
  /** The replies in the thread under `rootId`, in order (tombstones of replies included). */
  thread(rootId: string): readonly MessageView[];
  threadSummary(rootId: string): ThreadSummary;
  /** Called after each transaction that changed views. Returns the unsubscribe function. */
  onChange(listener: (change: IndexChange) => void): () => void;
  /** The struct id of a message's (newest) record; absent for tombstones and unknown ids. */
  recordId(msgId: string): RecordId | undefined;
  destroy(): void;
}

const NO_REPLIES: readonly MessageView[] = [];

/** Above this many touched messages in one transaction, a full rebuild is cheaper than moving each. */
const REBUILD_THRESHOLD = 2000;

/** Shared by every message without reactions (most of them); never mutated. */
const NO_REACTIONS: Map<string, string[]> = new Map();

/** A live record and its struct id (itself a RecordId: one object per record). */
interface Entry extends RecordId {
  record: MessageRecord;
}

/** Usually one record per message; an array only while several copies are live. */
type Copies = Entry | Entry[];

const firstOf = (copies: Copies): Entry | undefined => (Array.isArray(copies) ? copies[0] : copies);
const lastOf = (copies: Copies): Entry | undefined => (Array.isArray(copies) ? copies.at(-1) : copies);

export function makeMessageIndex(doc: Y.Doc): MessageIndex {
  const r = roots(doc);
  /**
   * Live records per message id. Usually one; an edit without history
   * re-issues the record (same id, new struct) and two devices may both do so.
   */
  const records = new Map<string, Copies>();
  const reactionKeys = new Map<string, Set<string>>();
  const viewById = new Map<string, MessageView>();
  /**
   * The thread of every reply ever seen here, for tombstones written before
   * they carried `threadOf`.
   */
  const threadOfId = new Map<string, string>();
  let views: MessageView[] = [];
  let timelineViews: MessageView[] = [];
  const threads = new Map<string, MessageView[]>();
  const listeners = new Set<(change: IndexChange) => void>();
  let removedViews: MessageView[] = [];
  let addedViews: MessageView[] = [];
  let timelineChanged = false;
  let touched = new Set<string>();
  /** Set once a transaction touched more than REBUILD_THRESHOLD messages: stop tracking them, rebuild. */
  let bulk = false;
  let needsRebuild = false;

  const touch = (msgId: string): void => {
    if (bulk) return;
    touched.add(msgId);
    if (touched.size > REBUILD_THRESHOLD) {
      bulk = true;
      touched = new Set();
    }
  };

  const addReactionKey = (key: string): void => {
    const parsed = parseReactionKey(key);
    if (!parsed) return;
    let keys = reactionKeys.get(parsed.msgId);
    if (!keys) reactionKeys.set(parsed.msgId, (keys = new Set()));
    keys.add(key);
  };

  const reactionsOf = (msgId: string): Map<string, string[]> => {
    const keys = reactionKeys.get(msgId);
    if (!keys || keys.size === 0) return NO_REACTIONS;
    const out = new Map<string, string[]>();
    for (const key of keys) {
      const emoji = r.reactions.get(key);
      const parsed = parseReactionKey(key);
      if (emoji === undefined || !parsed) continue;
      const users = out.get(emoji);
      if (users) users.push(parsed.userId);
      else out.set(emoji, [parsed.userId]);
    }
    // The same order as readMessages: users sorted, emojis by count then by emoji.
    for (const users of out.values()) users.sort();
    return new Map([...out].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)));
  };

  /** The view of one message from the current state, as readMessages would build it. */
  const viewOf = (msgId: string): MessageView | null => {
    const tombstone = r.deleted.get(msgId);
    if (tombstone) {
      const view: MessageView = { id: msgId, author: tombstone.author, hlc: tombstone.hlc, sentAt: tombstone.hlc, kind: 'text', deleted: tombstone, reactions: NO_REACTIONS };
      if (tombstone.threadOf !== undefined) view.threadOf = tombstone.threadOf;
      return view;
    }
    const copies = records.get(msgId);
    const entry = copies && firstOf(copies);
    if (!entry) return null;
    const view: MessageView = { ...entry.record, reactions: reactionsOf(msgId) };
    const edit = r.edits.get(msgId);
    if (edit) {
      view.edited = edit;
      view.text = edit.text;
    }
    return view;
  };

  const threadOf = (view: MessageView): string | undefined => view.threadOf ?? threadOfId.get(view.id);

  const rebuild = (): void => {
    viewById.clear();
    threads.clear();
    const out: MessageView[] = [];
    const add = (id: string): void => {
      const view = viewOf(id);
      if (view) {
        out.push(view);
        viewById.set(id, view);
      }
    };
    // Tombstones first: a deleted message's records (if any are left) add nothing.
    for (const id of r.deleted.keys()) add(id);
    for (const id of records.keys()) if (!viewById.has(id)) add(id);
    out.sort(compareOrder);
    views = out;
    timelineViews = [];
    for (const view of views) {
      const root = threadOf(view);
      if (root === undefined) timelineViews.push(view);
      else {
        const replies = threads.get(root);
        if (replies) replies.push(view);
        else threads.set(root, [view]);
      }
    }
    timelineChanged = true;
  };

  const place = (view: MessageView): void => {
    insertOrdered(views, view);
    viewById.set(view.id, view);
    const root = threadOf(view);
    if (root === undefined) {
      insertOrdered(timelineViews, view);
      timelineChanged = true;
    } else {
      const replies = threads.get(root);
      if (replies) insertOrdered(replies, view);
      else threads.set(root, [view]);
    }
  };

  const unplace = (view: MessageView): void => {
    removeOrdered(views, view);
    viewById.delete(view.id);
    const root = threadOf(view);
    if (root === undefined) {
      removeOrdered(timelineViews, view);
      timelineChanged = true;
    } else {
      const replies = threads.get(root);
      if (replies) {
        removeOrdered(replies, view);
        if (replies.length === 0) threads.delete(root);
      }
    }
  };

  const replace = (msgId: string): void => {
    const old = viewById.get(msgId);
    if (old) {
      unplace(old);
      removedViews.push(old);
    }
    const next = viewOf(msgId);
    if (next) {
      place(next);
      addedViews.push(next);
    }
  };

  const addRecord = (record: MessageRecord, client: number, clock: number): void => {
    if (record.threadOf !== undefined) threadOfId.set(record.id, record.threadOf);
    const entry: Entry = { record, client, clock };
    const copies = records.get(record.id);
    if (copies === undefined) records.set(record.id, entry);
    else if (Array.isArray(copies)) copies.push(entry);
    else records.set(record.id, [copies, entry]);
    touch(record.id);
  };

  const removeRecord = (msgId: string, client: number, clock: number): void => {
    const copies = records.get(msgId);
    if (copies === undefined) return;
    const list = Array.isArray(copies) ? copies : [copies];
    const at = list.findIndex((e) => e.client === client && e.clock === clock);
    if (at < 0) return;
    list.splice(at, 1);
    if (list.length === 0) records.delete(msgId);
    else records.set(msgId, list.length === 1 ? list[0]! : list);
    touch(msgId);
  };

  const readAllRecords = (): void => {
    records.clear();
    forEachRecord(doc, addRecord);
    touched = new Set();
    bulk = false;
  };

  // Initial state.
  readAllRecords();
  for (const key of r.reactions.keys()) addReactionKey(key);
  rebuild();
  const messages = makeWritable<readonly MessageView[]>(views.slice());
  const timeline = makeWritable<readonly MessageView[]>(timelineViews.slice());
  timelineChanged = false;

  const onMessages = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    for (const event of events) {
      const { added, deleted } = event.changes;
      if (event.target === r.messages) {
        for (const item of added) {
          if (item.content instanceof Y.ContentType) forEachPageRecord(item.content.type, addRecord);
        }
        // A page removed (no honest client does this): start over.
        if (deleted.size > 0) needsRebuild = true;
      } else {
        for (const item of added) forEachItemRecord(item, addRecord);
        for (const item of deleted) {
          // During the observer call a deleted item still holds its content
          // (garbage collection runs after the observers); iterate it as live.
          if (item.content instanceof Y.ContentAny) {
            const values = item.content.getContent();
            for (let i = 0; i < values.length; i++) {
              const value: unknown = values[i];
              if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string') {
                removeRecord(value.id, item.id.client, item.id.clock + i);
              }
            }
          }
        }
      }
    }
  };
  const onKeys =
    (kind: 'edits' | 'deleted' | 'reactions') =>
    (event: { keysChanged: Set<string> }): void => {
      for (const key of event.keysChanged) {
        if (kind === 'reactions') {
          const parsed = parseReactionKey(key);
          if (!parsed) continue;
          if (r.reactions.has(key)) addReactionKey(key);
          else reactionKeys.get(parsed.msgId)?.delete(key);
          touch(parsed.msgId);
        } else {
          touch(key);
        }
      }
    };
  const onEdits = onKeys('edits');
  const onDeleted = onKeys('deleted');
  const onReactions = onKeys('reactions');
  const flush = (): void => {
    if (!needsRebuild && !bulk && touched.size === 0) return;
    let rebuilt = false;
    if (needsRebuild) {
      readAllRecords();
      rebuild();
      rebuilt = true;
    } else if (bulk) {
      rebuild();
      rebuilt = true;
    } else {
      for (const id of touched) replace(id);
    }
    touched = new Set();
    bulk = false;
    needsRebuild = false;
    const change: IndexChange = { removed: removedViews, added: addedViews, rebuilt };
    removedViews = [];
    addedViews = [];
    messages.set(views.slice());
    if (timelineChanged) timeline.set(timelineViews.slice());
    timelineChanged = false;
    for (const listener of [...listeners]) listener(change);
  };

  r.messages.observeDeep(onMessages);
  r.edits.observe(onEdits);
  r.deleted.observe(onDeleted);
  r.reactions.observe(onReactions);
  doc.on('afterTransaction', flush);

  return {
    messages: { get: messages.get, subscribe: messages.subscribe },
    timeline: { get: timeline.get, subscribe: timeline.subscribe },
    get: (msgId) => viewById.get(msgId),
    timelineIndexOf(msgId) {
      const view = viewById.get(msgId);
      return view && threadOf(view) === undefined ? indexOfOrdered(timelineViews, view) : -1;
    },
    countAfter(key, exceptAuthor) {
      let n = 0;
      for (let i = upperBound(timelineViews, key); i < timelineViews.length; i++) {
        const view = timelineViews[i];
        if (view && view.author !== exceptAuthor && !view.deleted) n++;
      }
      return n;
    },
    thread: (rootId) => threads.get(rootId) ?? NO_REPLIES,
    threadSummary(rootId) {
      const replies = threads.get(rootId) ?? NO_REPLIES;
      let count = 0;
      let lastAt = 0;
      for (const reply of replies) {
        if (reply.deleted) continue;
        count++;
        lastAt = Math.max(lastAt, reply.sentAt);
      }
      return { count, lastAt };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    // The newest copy: after an edit, the re-issued record is what the server must store.
    recordId(msgId) {
      const copies = records.get(msgId);
      const entry = copies && lastOf(copies);
      return entry && { client: entry.client, clock: entry.clock };
    },
    destroy() {
      r.messages.unobserveDeep(onMessages);
      r.edits.unobserve(onEdits);
      r.deleted.unobserve(onDeleted);
      r.reactions.unobserve(onReactions);
      doc.off('afterTransaction', flush);
      listeners.clear();
    },
  };
}
