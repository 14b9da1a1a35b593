/**
 * The conversation list and the contact list, from the API, cached in
 * localStorage so both show offline; contacts carry presence, live from the
 * inbox (`applyPresence`) and refreshed every 20 s while the app is visible and
 * whenever it regains focus.
 */
import { Contact, Conversation, type CreateConversationBody, type PatchConversationBody, type Presence, type User } from '../../../shared/api.js';
import type { Api } from './api.js';
import { type CachedList, makeCachedList } from './cached-list.js';
import { type KeyValueStorage, storageKey } from './storage.js';

export interface Conversations extends CachedList<Conversation> {
  create(body: CreateConversationBody): Promise<Conversation>;
  /** The direct conversation with `userId`, created on the server when there is none yet. */
  direct(userId: string): Promise<Conversation>;
  update(id: string, body: PatchConversationBody): Promise<Conversation>;
  addMember(id: string, userId: string): Promise<Conversation>;
  /** Remove someone from a group (admins), keeping the list in step. */
  removeMember(id: string, userId: string): Promise<void>;
  /** Leave a group: it goes from the list; what this device holds of it stays. */
  leave(id: string): Promise<void>;
}

export function makeConversations(options: { api: Api; storage: KeyValueStorage; userId: string }): Conversations {
  const list = makeCachedList({
    storage: options.storage,
    key: storageKey.conversations(options.userId),
    item: Conversation,
    fetch: () => options.api.conversations(),
  });
  /** In place, so the list keeps its order. */
  const replace = (conversation: Conversation): void => {
    const items = list.get().items;
    if (items.some((c) => c.id === conversation.id)) list.set(items.map((c) => (c.id === conversation.id ? conversation : c)));
    else list.set([conversation, ...items]);
  };
  const upsert = (conversation: Conversation): void => {
    const items = list.get().items.filter((c) => c.id !== conversation.id);
    list.set([conversation, ...items]);
  };
  return {
    ...list,
    async create(body) {
      const conversation = await options.api.createConversation(body);
      upsert(conversation);
      return conversation;
    },
    async direct(userId) {
      // Works offline when the conversation is already known.
      const known = list.get().items.find(
        (c) => c.kind === 'direct' && c.members.some((m) => m.user.id === userId) && c.members.some((m) => m.user.id === options.userId),
      );
      if (known) return known;
      const conversation = await options.api.createConversation({ kind: 'direct', userId });
      upsert(conversation);
      return conversation;
    },
    async update(id, body) {
      const conversation = await options.api.updateConversation(id, body);
      replace(conversation);
      return conversation;
    },
    async addMember(id, userId) {
      const conversation = await options.api.addMember(id, userId);
      replace(conversation);
      return conversation;
    },
    async removeMember(id, userId) {
      await options.api.removeMember(id, userId);
      list.set(
        list.get().items.map((c) => (c.id === id ? { ...c, members: c.members.filter((m) => m.user.id !== userId) } : c)),
      );
    },
    async leave(id) {
      await options.api.removeMember(id, options.userId);
      list.set(list.get().items.filter((c) => c.id !== id));
    },
  };
}

export interface Contacts extends CachedList<Contact> {
  add(userId: string): Promise<void>;
  remove(userId: string): Promise<void>;
  /** Presence as the server relays it live; contacts it does not name keep theirs. */
  applyPresence(presence: ReadonlyMap<string, Presence>): void;
  /** Refresh presence every `intervalMs` while the page is visible and on focus; returns the stop function. */
  watchPresence(options?: { intervalMs?: number; target?: PresenceTarget }): () => void;
}

/** The page events presence refresh listens to. */
export interface PresenceTarget {
  isVisible(): boolean;
  on(event: 'visibilitychange' | 'focus', fn: () => void): () => void;
}

export function browserPresenceTarget(): PresenceTarget {
  return {
    isVisible: () => document.visibilityState === 'visible',
    on(event, fn) {
      const target = event === 'focus' ? window : document;
      target.addEventListener(event, fn);
      return () => target.removeEventListener(event, fn);
    },
  };
}

export function makeContacts(options: { api: Api; storage: KeyValueStorage; userId: string }): Contacts {
  const list = makeCachedList({
    storage: options.storage,
    key: storageKey.contacts(options.userId),
    item: Contact,
    fetch: () => options.api.contacts(),
  });
  return {
    ...list,
    async add(userId) {
      const contact = await options.api.addContact(userId);
      list.set([...list.get().items.filter((c) => c.user.id !== userId), contact]);
    },
    async remove(userId) {
      await options.api.removeContact(userId);
      list.set(list.get().items.filter((c) => c.user.id !== userId));
    },
    applyPresence(presence) {
      let changed = false;
      const items = list.get().items.map((c) => {
        const p = presence.get(c.user.id);
        if (!p || (p.online === c.presence.online && p.lastSeenAt === c.presence.lastSeenAt)) return c;
        changed = true;
        return { ...c, presence: p };
      });
      if (changed) list.set(items);
    },
    watchPresence({ intervalMs = 20_000, target = browserPresenceTarget() } = {}) {
      let timer: ReturnType<typeof setInterval> | undefined;
      const refresh = (): void => {
        if (target.isVisible()) void list.refresh();
      };
      const start = (): void => {
        clearInterval(timer);
        timer = target.isVisible() ? setInterval(refresh, intervalMs) : undefined;
      };
      start();
      const offVisibility = target.on('visibilitychange', () => {
        start();
        refresh();
      });
      const offFocus = target.on('focus', refresh);
      return () => {
        clearInterval(timer);
        offVisibility();
        offFocus();
      };
    },
  };
}

/** The other member of a direct conversation (or undefined for a group or a conversation with oneself). */
export function otherMember(conversation: Conversation, me: string): User | undefined {
  if (conversation.kind !== 'direct') return undefined;
  return conversation.members.find((m) => m.user.id !== me)?.user;
}

/** What the list and the header call a conversation. */
export function conversationTitle(conversation: Conversation, me: string): string {
  if (conversation.kind === 'group') return conversation.title || 'Group';
  return otherMember(conversation, me)?.displayName ?? (conversation.title || 'Saved messages');
}
