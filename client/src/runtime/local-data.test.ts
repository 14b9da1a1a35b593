import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { describe, expect, it } from 'vitest';
import { claimLocalData } from './local-data.js';
import { makeOutboxStore } from './outbox-store.js';
import { makeMemoryStorage, storageKey } from './storage.js';
import { makeTail, makeTailStore } from './tail-cache.js';

async function localDoc(name: string): Promise<void> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  doc.getMap('m').set('k', 'v');
  await persistence.destroy();
}

const names = async (): Promise<string[]> => (await indexedDB.databases()).flatMap((d) => (d.name ? [d.name] : [])).sort();

describe('local data', () => {
  it('removes the previous user\'s documents and caches when someone else signs in', async () => {
    const storage = makeMemoryStorage();
    await claimLocalData({ storage, userId: 'ann' });
    await localDoc('conv:abc');
    await localDoc('inbox:ann');
    storage.setItem(storageKey.conversations('ann'), '[]');
    const tails = makeTailStore('ann');
    await tails.write('abc', makeTail({ timeline: [], lookup: () => undefined, stateOf: () => undefined, threadSummary: () => ({ count: 0, lastAt: 0 }) }));
    tails.close();
    const outbox = makeOutboxStore('ann');
    await outbox.all();
    outbox.close();
    const all = ['conv:abc', 'inbox:ann', 'messenger-outbox:ann', 'messenger-tails:ann'];
    expect(await names()).toEqual(all);

    await claimLocalData({ storage, userId: 'ann' });
    expect(await names()).toEqual(all);

    await claimLocalData({ storage, userId: 'ben' });
    expect(await names()).toEqual([]);
    expect(storage.getItem(storageKey.conversations('ann'))).toBeNull();
    expect(storage.getItem(storageKey.owner)).toBe('ben');
  });
});
