/**
 * Which conversations hold local writes the server has not confirmed, and
 * from which Yjs client ids. Kept in localStorage so that after a reload the
 * pool reopens those documents and their writes go out, even if the person
 * never opens the conversation again.
 */
import { z } from 'zod';
import { type KeyValueStorage, readJson, storageKey, writeJson } from './storage.js';
import { type Readable, makeWritable } from './store.js';

const Pending = z.record(z.string(), z.array(z.number().int()));

export type PendingMap = ReadonlyMap<string, ReadonlySet<number>>;

export interface PendingStore extends Readable<PendingMap> {
  /** A local write was made in `conversationId` by Yjs client `clientId`. */
  add(conversationId: string, clientId: number): void;
  /** The server confirmed every local write (or the conversation is gone). */
  clear(conversationId: string): void;
  clientsOf(conversationId: string): ReadonlySet<number>;
}

export function makePendingStore(storage: KeyValueStorage, userId: string): PendingStore {
  const key = storageKey.pending(userId);
  const initial = new Map<string, ReadonlySet<number>>();
  for (const [id, clients] of Object.entries(readJson(storage, key, Pending) ?? {})) initial.set(id, new Set(clients));
  const store = makeWritable<PendingMap>(initial);
  const save = (next: PendingMap): void => {
    const json: Record<string, number[]> = {};
    for (const [id, clients] of next) json[id] = [...clients];
    writeJson(storage, key, json);
    store.set(next);
  };
  return {
    get: store.get,
    subscribe: store.subscribe,
    add(conversationId, clientId) {
      const current = store.get().get(conversationId);
      if (current?.has(clientId)) return;
      const next = new Map(store.get());
      next.set(conversationId, new Set([...(current ?? []), clientId]));
      save(next);
    },
    clear(conversationId) {
      if (!store.get().has(conversationId)) return;
      const next = new Map(store.get());
      next.delete(conversationId);
      save(next);
    },
    clientsOf: (conversationId) => store.get().get(conversationId) ?? new Set(),
  };
}
