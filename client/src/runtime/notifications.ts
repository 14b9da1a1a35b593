/**
 * Notifications for messages in conversations the user is not looking at,
 * decided from the inbox (framework-free): which new messages deserve a
 * notification, and the total unread count for the window title.
 */
import type { InboxEntry } from '../../../shared/doc/schema.js';
import type { InboxEntries } from './inbox.js';
import type { Readable } from './store.js';

export interface Notice {
  conversationId: string;
  messageId: string;
  author: string;
  preview: string;
}

/**
 * New messages between two inbox snapshots that should notify: someone
 * else's newest message, still unread, in a conversation not being looked at.
 */
export function noticesBetween(
  previous: ReadonlyMap<string, InboxEntry>,
  next: ReadonlyMap<string, InboxEntry>,
  me: string,
  lookingAt: string | null,
): Notice[] {
  const out: Notice[] = [];
  for (const [conversationId, entry] of next) {
    const last = entry.lastMessage;
    if (!last || last.author === me || entry.unread === 0 || conversationId === lookingAt) continue;
    const before = previous.get(conversationId)?.lastMessage;
    if (before && (before.id === last.id || before.hlc >= last.hlc)) continue;
    out.push({ conversationId, messageId: last.id, author: last.author, preview: last.preview });
  }
  return out;
}

export function totalUnread(entries: ReadonlyMap<string, InboxEntry>): number {
  let n = 0;
  for (const e of entries.values()) n += e.unread;
  return n;
}

export interface NotifierOptions {
  entries: Readable<InboxEntries>;
  me: string;
  /** The conversation on screen, or null; also null while the window is hidden. */
  lookingAt(): string | null;
  notify(notice: Notice): void;
  onUnread(total: number): void;
}

/** Watches the inbox; the first snapshot (what was there at start) never notifies. */
export function makeNotifier(options: NotifierOptions): () => void {
  let previous = options.entries.get();
  options.onUnread(totalUnread(previous));
  return options.entries.subscribe((entries) => {
    for (const n of noticesBetween(previous, entries, options.me, options.lookingAt())) options.notify(n);
    previous = entries;
    options.onUnread(totalUnread(entries));
  });
}
