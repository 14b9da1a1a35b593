/**
 * The conversation list's "last message" comes from the inbox, which the
 * server writes once it has a message. A message I just wrote (offline, or in
 * the moment before the server answers) is newer than that: this keeps my
 * newest main-timeline message per conversation until the inbox catches up,
 * so the list shows "You: …" at once, as it will after syncing.
 */
import type { InboxEntry } from '../../../shared/doc/schema.js';
import type { MessageRecord } from '../../../shared/doc/schema.js';
import { type Readable, makeWritable } from './store.js';

export type LastMessage = NonNullable<InboxEntry['lastMessage']>;

export interface LocalLast extends Readable<ReadonlyMap<string, LastMessage>> {
  /** I wrote `record` in `conversationId`. Thread replies are not the conversation's last message. */
  wrote(conversationId: string, record: MessageRecord): void;
  destroy(): void;
}

/** The newer of the inbox's last message and mine. */
export function newestLast(fromInbox: LastMessage | null | undefined, mine: LastMessage | undefined): LastMessage | null {
  if (!mine) return fromInbox ?? null;
  if (!fromInbox) return mine;
  return mine.hlc > fromInbox.hlc || (mine.hlc === fromInbox.hlc && mine.id > fromInbox.id) ? mine : fromInbox;
}

export function makeLocalLast(entries: Readable<ReadonlyMap<string, InboxEntry>>): LocalLast {
  const store = makeWritable<ReadonlyMap<string, LastMessage>>(new Map());
  // Once the inbox names my message (or a newer one), mine is not needed.
  const off = entries.subscribe((byId) => {
    const current = store.get();
    let next: Map<string, LastMessage> | null = null;
    for (const [id, mine] of current) {
      if (newestLast(byId.get(id)?.lastMessage, mine) !== mine || byId.get(id)?.lastMessage?.id === mine.id) {
        next ??= new Map(current);
        next.delete(id);
      }
    }
    if (next) store.set(next);
  });
  return {
    get: store.get,
    subscribe: store.subscribe,
    wrote(conversationId, record) {
      if (record.threadOf !== undefined) return;
      const last: LastMessage = {
        id: record.id,
        author: record.author,
        kind: record.kind,
        preview: (record.text ?? '').slice(0, 200),
        hlc: record.hlc,
        sentAt: record.sentAt,
      };
      if (newestLast(entries.get().get(conversationId)?.lastMessage, last) !== last) return;
      store.set(new Map(store.get()).set(conversationId, last));
    },
    destroy: off,
  };
}
