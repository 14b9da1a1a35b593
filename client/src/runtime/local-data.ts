/**
 * Forgetting a user's data on this device at sign-out: the localStorage caches,
 * the IndexedDB copies of the inbox and every conversation, the cached tails,
 * the media outbox and the media cache. Another person signing in on the same
 * browser must not see (or resend) any of it.
 */
import { clearDocument } from 'y-indexeddb';
import { conversationDocName, inboxDocName, parseDocName } from '../../../shared/protocol.js';
import { database } from './idb.js';
import { forgetMedia } from './media-offline.js';
import { outboxDatabaseName } from './outbox-store.js';
import { type KeyValueStorage, removeUserKeys, storageKey } from './storage.js';
import { tailDatabaseName } from './tail-cache.js';

export async function wipeLocalData(options: { storage: KeyValueStorage; userId: string; conversationIds: Iterable<string> }): Promise<void> {
  removeUserKeys(options.storage, options.userId);
  const names = new Set<string>([inboxDocName(options.userId)]);
  for (const id of options.conversationIds) names.add(conversationDocName(id));
  if (typeof indexedDB === 'undefined') return;
  // Also catch documents of conversations no longer in the list.
  if (typeof indexedDB.databases === 'function') {
    try {
      for (const db of await indexedDB.databases()) if (db.name && parseDocName(db.name)) names.add(db.name);
    } catch (error) {
      console.warn('could not list local databases', error);
    }
  }
  await Promise.all([
    ...[...names].map((name) => clearDocument(name)),
    ...[tailDatabaseName(options.userId), outboxDatabaseName(options.userId)].map((name) => database(name, {}).remove()),
    forgetMedia(),
  ]);
}

/**
 * Make this device's local data the signed-in user's: when it holds another
 * user's documents (they signed out without wiping, or their session
 * expired), remove those first, so nothing of theirs is shown or resent.
 */
export async function claimLocalData(options: { storage: KeyValueStorage; userId: string; timeoutMs?: number }): Promise<void> {
  const owner = options.storage.getItem(storageKey.owner);
  if (owner !== null && owner !== options.userId) {
    // Another tab still holding a database open blocks its deletion; do not hang the app on it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const giveUp = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.warn('clearing the previous user\'s data is blocked by another tab');
        resolve();
      }, options.timeoutMs ?? 3000);
    });
    await Promise.race([wipeLocalData({ storage: options.storage, userId: owner, conversationIds: [] }), giveUp]);
    clearTimeout(timer);
  }
  options.storage.setItem(storageKey.owner, options.userId);
}

/** After a wipe at sign-out, the device belongs to nobody. */
export function releaseLocalData(storage: KeyValueStorage): void {
  storage.removeItem(storageKey.owner);
}
