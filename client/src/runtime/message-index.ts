/**
 * The conversation's messages in display order, kept up to date incrementally.
 * `readMessages` (shared) rebuilds and sorts everything, ~350 ms at 100,000
 * messages; this index produces the same views but, per transaction, only
 * recomputes the messages it touched and moves them by binary search.
 */
import * as Y from 'yjs';
import { type MessageView, compareOrder, roots } from '../../../shared/doc/conversation.js';
import type { MessageRecord } from '../../../shared/doc/schema.js';
import { parseReactionKey } from '../../../shared/doc/schema.js';
import { type RecordId, forEachItemRecord, forEachPageRecord, forEachRecord } from './records.js';
import { type Readable, makeWritable } from './store.js';

export interface MessageIndex {
  /** Every message, tombstones included, ordered by (hlc, id). A new array after each change. */
  readonly messages: Readable<readonly MessageView[]>;
  /** The struct id of a message's (newest) record; absent for tombstones and unknown ids. */
  recordId(msgId: string): RecordId | undefined;
  destroy(): void;
}

/** Above this many touched messages in one transaction, a full rebuild is cheaper than moving each. */
const REBUILD_THRESHOLD = 2000;

/** Shared by every message without reactions (most of them); never mutated. */
const NO_REACTIONS: Map<string, string[]> = new Map();

interface Entry {
  record: MessageRecord;
  id: RecordId;
}

export function makeMessageIndex(doc: Y.Doc): MessageIndex {
  const r = roots(doc);
  /**
   * Live records per message id. Usually one; an edit without history
   * re-issues the record (same id, new struct) and two devices may both do so.
   */
  const records = new Map<string, Entry[]>();
  const reactionKeys = new Map<string, Set<string>>();
  const viewById = new Map<string, MessageView>();
  let views: MessageView[] = [];
  let touched = new Set<string>();
  let needsRebuild = false;

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
      return { id: msgId, author: tombstone.author, hlc: tombstone.hlc, sentAt: tombstone.hlc, kind: 'text', deleted: tombstone, reactions: NO_REACTIONS };
    }
    const entry = records.get(msgId)?.[0];
    if (!entry) return null;
    const view: MessageView = { ...entry.record, reactions: reactionsOf(msgId) };
    const edit = r.edits.get(msgId);
    if (edit) {
      view.edited = edit;
      view.text = edit.text;
    }
    return view;
  };

  const rebuild = (): void => {
    viewById.clear();
    const out: MessageView[] = [];
    const ids = new Set<string>(records.keys());
    for (const id of r.deleted.keys()) ids.add(id);
    for (const id of ids) {
      const view = viewOf(id);
      if (view) {
        out.push(view);
        viewById.set(id, view);
      }
    }
    out.sort(compareOrder);
    views = out;
  };

  /** Index of the first view not ordered before `key`. */
  const lowerBound = (key: { hlc: number; id: string }): number => {
    let lo = 0;
    let hi = views.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = views[mid];
      if (v !== undefined && compareOrder(v, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const replace = (msgId: string): void => {
    const old = viewById.get(msgId);
    if (old) {
      const at = lowerBound(old);
      if (views[at] === old) views.splice(at, 1);
      else {
        const i = views.indexOf(old);
        if (i >= 0) views.splice(i, 1);
      }
      viewById.delete(msgId);
    }
    const next = viewOf(msgId);
    if (next) {
      views.splice(lowerBound(next), 0, next);
      viewById.set(msgId, next);
    }
  };

  const addRecord = (record: MessageRecord, id: RecordId): void => {
    const copies = records.get(record.id);
    if (copies) copies.push({ record, id });
    else records.set(record.id, [{ record, id }]);
    touched.add(record.id);
  };

  const removeRecord = (msgId: string, id: RecordId): void => {
    const copies = records.get(msgId);
    if (!copies) return;
    const at = copies.findIndex((e) => e.id.client === id.client && e.id.clock === id.clock);
    if (at < 0) return;
    copies.splice(at, 1);
    if (copies.length === 0) records.delete(msgId);
    touched.add(msgId);
  };

  const readAllRecords = (): void => {
    records.clear();
    forEachRecord(doc, addRecord);
    touched = new Set();
  };

  // Initial state.
  readAllRecords();
  for (const key of r.reactions.keys()) addReactionKey(key);
  rebuild();
  const messages = makeWritable<readonly MessageView[]>(views.slice());

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
                removeRecord(value.id, { client: item.id.client, clock: item.id.clock + i });
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
          touched.add(parsed.msgId);
        } else {
          touched.add(key);
        }
      }
    };
  const onEdits = onKeys('edits');
  const onDeleted = onKeys('deleted');
  const onReactions = onKeys('reactions');
  const flush = (): void => {
    if (!needsRebuild && touched.size === 0) return;
    if (needsRebuild) {
      readAllRecords();
      rebuild();
    } else if (touched.size > REBUILD_THRESHOLD) {
      rebuild();
    } else {
      for (const id of touched) replace(id);
    }
    touched = new Set();
    needsRebuild = false;
    messages.set(views.slice());
  };

  r.messages.observeDeep(onMessages);
  r.edits.observe(onEdits);
  r.deleted.observe(onDeleted);
  r.reactions.observe(onReactions);
  doc.on('afterTransaction', flush);

  return {
    messages: { get: messages.get, subscribe: messages.subscribe },
    // The newest copy: after an edit, the re-issued record is what the server must store.
    recordId: (msgId) => records.get(msgId)?.at(-1)?.id,
    destroy() {
      r.messages.unobserveDeep(onMessages);
      r.edits.unobserve(onEdits);
      r.deleted.unobserve(onDeleted);
      r.reactions.unobserve(onReactions);
      doc.off('afterTransaction', flush);
    },
  };
}
