/**
 * The inbox document `inbox:<me>` (ARCHITECTURE §2.2): the server writes one
 * entry per conversation (last message, unread count); this tab writes only
 * its own preferences. When an entry's last message changes, `onChanged`
 * lets the app open that conversation briefly in the background so the
 * message reaches this device and gets a delivered receipt.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { Presence } from '../../../shared/api.js';
import { InboxEntry, InboxPrefs, InboxRoot } from '../../../shared/doc/schema.js';
import { inboxDocName } from '../../../shared/protocol.js';
import { handleStored } from './server-state.js';
import { type Access, type ConnectionStatus, type SocketOptions, makeSyncedDoc } from './socket.js';
import { type Readable, makeWritable } from './store.js';

export type InboxEntries = ReadonlyMap<string, InboxEntry>;

export interface InboxOptions extends SocketOptions {
  userId: string;
  /** A conversation's last message changed to one written by someone else. */
  onChanged?: (conversationId: string, entry: InboxEntry) => void;
}

export interface Inbox {
  readonly entries: Readable<InboxEntries>;
  readonly prefs: Readable<ReadonlyMap<string, InboxPrefs>>;
  readonly status: Readable<ConnectionStatus>;
  readonly access: Readable<Access>;
  readonly loaded: Readable<boolean>;
  /** Contacts' presence as the server relays it live (empty while disconnected). */
  readonly presence: Readable<ReadonlyMap<string, Presence>>;
  setPrefs(conversationId: string, prefs: InboxPrefs): void;
  destroy(): Promise<void>;
}

function readEntries(map: Y.Map<unknown>): Map<string, InboxEntry> {
  const out = new Map<string, InboxEntry>();
  for (const [id, value] of map.entries()) {
    const parsed = InboxEntry.safeParse(value);
    if (parsed.success) out.set(id, parsed.data);
  }
  return out;
}

function readPrefs(map: Y.Map<unknown>): Map<string, InboxPrefs> {
  const out = new Map<string, InboxPrefs>();
  for (const [id, value] of map.entries()) {
    const parsed = InboxPrefs.safeParse(value);
    if (parsed.success) out.set(id, parsed.data);
  }
  return out;
}

/** What the server writes into its awareness state in my inbox (sync-server: InboxPresenceState). */
const PresenceState = z.object({ presence: z.record(z.string(), Presence) });

export function makeInbox(options: InboxOptions): Inbox {
  const doc = new Y.Doc();
  const synced = makeSyncedDoc(doc, inboxDocName(options.userId), options);
  // The server acknowledges stored updates here too; the inbox has no ticks, but the type must be known.
  handleStored(synced.provider, () => {});
  const conversations = doc.getMap<unknown>(InboxRoot.conversations);
  const prefsMap = doc.getMap<unknown>(InboxRoot.prefs);
  const entries = makeWritable<InboxEntries>(readEntries(conversations));
  const prefs = makeWritable<ReadonlyMap<string, InboxPrefs>>(readPrefs(prefsMap));

  const onConversations = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction): void => {
    const previous = entries.get();
    const next = new Map(previous);
    const changed: [string, InboxEntry][] = [];
    for (const id of event.keysChanged) {
      const parsed = InboxEntry.safeParse(conversations.get(id));
      if (!parsed.success) {
        next.delete(id);
        continue;
      }
      next.set(id, parsed.data);
      const last = parsed.data.lastMessage;
      if (last && last.author !== options.userId && last.id !== previous.get(id)?.lastMessage?.id) changed.push([id, parsed.data]);
    }
    entries.set(next);
    // What the cache held at start is not news; what the server sends is.
    if (transaction.origin === synced.persistence) return;
    for (const [id, entry] of changed) options.onChanged?.(id, entry);
  };
  conversations.observe(onConversations);
  const onPrefs = (): void => prefs.set(readPrefs(prefsMap));
  prefsMap.observe(onPrefs);

  // The server's awareness state carries the presence of my contacts; my own tabs' states carry only typing.
  const awareness = synced.provider.awareness;
  const presence = makeWritable<ReadonlyMap<string, Presence>>(new Map());
  const onAwareness = (): void => {
    const next = new Map<string, Presence>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const parsed = PresenceState.safeParse(state);
      if (parsed.success) for (const [userId, p] of Object.entries(parsed.data.presence)) next.set(userId, p);
    }
    presence.set(next);
  };
  awareness.on('change', onAwareness);

  return {
    entries,
    prefs,
    status: synced.status,
    access: synced.access,
    loaded: synced.loaded,
    presence,
    setPrefs(conversationId, value) {
      prefsMap.set(conversationId, InboxPrefs.parse(value));
    },
    async destroy() {
      conversations.unobserve(onConversations);
      prefsMap.unobserve(onPrefs);
      awareness.off('change', onAwareness);
      await synced.destroy();
      doc.destroy();
    },
  };
}
