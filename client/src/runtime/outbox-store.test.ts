import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type OutboxItem, makeOutboxStore, outboxDatabaseName } from './outbox-store.js';

let n = 0;
const item = (id: string, extra: Partial<OutboxItem> = {}): OutboxItem => ({
  id,
  conversationId: 'c1',
  author: 'alice',
  kind: 'media',
  sentAt: 1_700_000_000_000,
  hlc: 1_700_000_000_000,
  files: [{ blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), mime: 'image/png', name: 'a.png', width: 4, height: 3 }],
  ...extra,
});

describe('outbox store', () => {
  it('keeps items with their files across reopening, until removed', async () => {
    const user = `u${++n}`;
    const first = makeOutboxStore(user);
    await first.put(item('m1', { text: 'caption' }));
    await first.put(item('m2'));
    first.close();

    const second = makeOutboxStore(user);
    const items = await second.all();
    expect(items.map((i) => i.id).sort()).toEqual(['m1', 'm2']);
    const m1 = items.find((i) => i.id === 'm1');
    expect(m1?.text).toBe('caption');
    expect(m1?.files[0]?.blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (m1?.files[0]?.blob.arrayBuffer() ?? Promise.resolve(new ArrayBuffer(0))))]).toEqual([1, 2, 3]);

    await second.remove('m1');
    expect((await second.all()).map((i) => i.id)).toEqual(['m2']);
    second.close();
  });

  it('saves the media id of an uploaded file with the item', async () => {
    const store = makeOutboxStore(`u${++n}`);
    const saved = item('m1');
    const file = saved.files[0];
    if (!file) throw new Error('no file');
    await store.put({ ...saved, files: [{ ...file, uploaded: { mediaId: 'media1', mime: 'image/png', size: 3 } }] });
    expect((await store.all())[0]?.files[0]?.uploaded).toEqual({ mediaId: 'media1', mime: 'image/png', size: 3 });
    store.close();
  });

  it('skips what it cannot read instead of showing it', async () => {
    const user = `u${++n}`;
    const store = makeOutboxStore(user);
    await store.put(item('good'));
    store.close();
    // Something an older version (or anything else) wrote.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(outboxDatabaseName(user), 1);
      req.onsuccess = () => {
        const tx = req.result.transaction('items', 'readwrite');
        tx.objectStore('items').put({ id: 'bad', files: 'nope' });
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    });
    const reopened = makeOutboxStore(user);
    expect((await reopened.all()).map((i) => i.id)).toEqual(['good']);
    reopened.close();
  });

  it('forgets everything on wipe', async () => {
    const user = `u${++n}`;
    const store = makeOutboxStore(user);
    await store.put(item('m1'));
    await store.wipe();
    const again = makeOutboxStore(user);
    expect(await again.all()).toEqual([]);
    again.close();
  });
});
