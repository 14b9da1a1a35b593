/**
 * Write policy of `conv:<id>` documents: maps each placed struct to a write of
 * the shared rules (shared/doc/rules.ts) and judges it with them.
 */
import * as Y from 'yjs';
import { type RuleContext, type Write, checkWrite } from '../shared/doc/rules.js';
import { MessageRecord, Root, Tombstone } from '../shared/doc/schema.js';
import type { ConversationIndex } from './conversation-index.js';
import type { DocPolicy, PlacedItem, PolicyRun } from './validate-update.js';

export interface ConversationChanges {
  records: MessageRecord[];
  /** Message ids that got a tombstone. */
  deleted: string[];
  /** Users whose receipt changed. */
  receipts: string[];
  /** Media ids of messages deleted by this update (filled in by the room before applying). */
  releasedMedia: string[];
}

/** The writes a placed struct amounts to. */
export function writesOf(item: PlacedItem): Write[] {
  const { placement, content } = item;
  if (placement.kind === 'root') {
    const { root, key } = placement;
    if (content instanceof Y.ContentDeleted) return [{ kind: 'deletedContent', root, key, inPage: false }];
    if (root === Root.messages) {
      if (key !== null) return [{ kind: 'invalid', reason: 'messages is an array, not a map' }];
      if (content instanceof Y.ContentType && content.type instanceof Y.Array) return [{ kind: 'page' }];
      return [{ kind: 'invalid', reason: 'messages may only hold pages' }];
    }
    if (key === null) return [{ kind: 'invalid', reason: `${root} is a map` }];
    if (content instanceof Y.ContentAny && content.arr.length === 1) {
      return [{ kind: 'mapEntry', root, key, value: content.arr[0] }];
    }
    return [{ kind: 'invalid', reason: `${root} values must be plain values` }];
  }
  if (placement.kind === 'nested') {
    if (placement.parentRoot !== Root.messages || placement.parentKey !== null || !placement.parentIsArray) {
      return [{ kind: 'invalid', reason: 'nested types are only allowed as pages of messages' }];
    }
    if (content instanceof Y.ContentDeleted) return [{ kind: 'deletedContent', root: Root.messages, key: null, inPage: true }];
    if (content instanceof Y.ContentAny) {
      return content.arr.slice(item.skip).map((value) => ({ kind: 'record', value }) as const);
    }
    return [{ kind: 'invalid', reason: 'pages hold plain records only' }];
  }
  return [{ kind: 'invalid', reason: 'unplaceable struct' }];
}

export function conversationPolicy(index: ConversationIndex): DocPolicy<ConversationChanges> {
  return {
    begin(userId: string, now: number): PolicyRun<ConversationChanges> {
      const local = new Map<string, string>();
      const changes: ConversationChanges = { records: [], deleted: [], receipts: [], releasedMedia: [] };
      const ctx: RuleContext = {
        userId,
        now,
        authorOf: (msgId) => local.get(msgId) ?? index.authorOf(msgId),
      };
      return {
        collect(item) {
          for (const w of writesOf(item)) {
            if (w.kind === 'mapEntry' && w.root === Root.deleted) {
              // A message sent and deleted before it was sent leaves only its tombstone.
              const t = Tombstone.safeParse(w.value);
              if (t.success && !local.has(w.key) && index.authorOf(w.key) === undefined) local.set(w.key, t.data.author);
              continue;
            }
            if (w.kind !== 'record') continue;
            const parsed = MessageRecord.safeParse(w.value);
            if (!parsed.success) continue; // refused with its reason in check()
            const id = parsed.data.id;
            // An author may re-issue their own message (an edit that keeps no history), from any
            // device, even after a delete crossed it: only an id owned by someone else is refused.
            const existing = local.get(id) ?? index.authorOf(id);
            if (existing !== undefined && existing !== parsed.data.author) return `message id ${id} belongs to another user`;
            local.set(id, parsed.data.author);
            changes.records.push(parsed.data);
          }
          return null;
        },
        check(item) {
          for (const w of writesOf(item)) {
            const refusal = checkWrite(ctx, w);
            if (refusal) return refusal;
            if (w.kind === 'mapEntry' && w.root === Root.deleted) changes.deleted.push(w.key);
            if (w.kind === 'mapEntry' && w.root === Root.receipts) changes.receipts.push(w.key);
          }
          return null;
        },
        accepted: () => changes,
      };
    },
  };
}
