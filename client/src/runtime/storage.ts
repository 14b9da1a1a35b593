/**
 * Small JSON caches in localStorage (the signed-in user, the conversation and
 * contact lists, the set of documents with unsent writes) so the app opens and
 * shows its lists with no network. Every read is validated: a cache is a
 * boundary like any other.
 */
import type { z } from 'zod';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

/** An in-memory stand-in when localStorage is missing (Node tests, locked-down browsers). */
export function makeMemoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
  };
}

export function defaultStorage(): KeyValueStorage {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch (error) {
    // Some browsers throw on access when storage is disabled.
    console.warn('localStorage is unavailable; caches will not survive a reload', error);
  }
  return makeMemoryStorage();
}

const PREFIX = 'messenger:';

export const storageKey = {
  user: `${PREFIX}user`,
  /** Set once anyone has signed in on this device. */
  returning: `${PREFIX}returning`,
  /** Whose documents the IndexedDB databases on this device hold. */
  owner: `${PREFIX}owner`,
  conversations: (userId: string) => `${PREFIX}${userId}:conversations`,
  contacts: (userId: string) => `${PREFIX}${userId}:contacts`,
  pending: (userId: string) => `${PREFIX}${userId}:pending`,
  limits: (userId: string) => `${PREFIX}${userId}:limits`,
} as const;

export function readJson<S extends z.ZodType>(storage: KeyValueStorage, key: string, schema: S): z.infer<S> | null {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    storage.removeItem(key);
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Written by an older version of the app: drop it rather than show garbage.
    storage.removeItem(key);
    return null;
  }
  return parsed.data;
}

export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch (error) {
    // Quota or privacy mode: the app still works, only the offline cache is stale.
    console.warn(`could not cache ${key}`, error);
  }
}

/** Every key this app wrote for one user (for sign-out). */
export function removeUserKeys(storage: KeyValueStorage, userId: string): void {
  const prefix = `${PREFIX}${userId}:`;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k !== null && k.startsWith(prefix)) keys.push(k);
  }
  for (const k of keys) storage.removeItem(k);
}
