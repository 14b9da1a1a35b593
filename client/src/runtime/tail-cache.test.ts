import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../shared/doc/conversation.js';
import { database, request } from './idb.js';
import { type TailSource, lastLiveId, makeTail, makeTailStore, previewOf, tailDatabaseName } from './tail-cache.js';

const view = (n: number, more: Partial<MessageView> = {}): MessageView => ({
  id: `m${n}`,
  author: n % 2 ? 'ann' : 'ben',
  hlc: n * 16,
  sentAt: 1_700_000_000_000 + n,
  kind: 'text',
  text: `message ${n}`,
  reactions: new Map(),
  ...more,
});

function source(timeline: MessageView[], extra: MessageView[] = []): TailSource {
  const all = new Map([...timeline, ...extra].map((v) => [v.id, v]));
  return {
    timeline,
    lookup: (id) => all.get(id),
    stateOf: (v) => (v.author === 'ann' ? 'delivered' : undefined),
    threadSummary: (id) => (id === 'm99' ? { count: 2, lastAt: 5 } : { count: 0, lastAt: 0 }),
  };
}

describe('cached tail', () => {
  it('keeps the newest rows with ticks, thread summaries and the messages they quote, and reads back the same views', () => {
    const old = view(1, { text: 'far up' });
    const timeline = Array.from({ length: 79 }, (_, i) => view(i + 20));
    timeline.push(view(99, { replyTo: 'm1', reactions: new Map([['👍', ['ann', 'ben']]]), edited: { text: 'message 99', editedAt: 9, history: [{ text: 'first', at: 8 }] } }));
    const tail = makeTail(source(timeline, [old]), 50);
    expect(tail.rows).toHaveLength(50);
    expect(tail.rows[0]?.view.id).toBe('m50');
    expect(tail.lastId).toBe('m99');
    expect(tail.quotes.map((q) => q.text)).toEqual(['far up']);
    // Edit history stays in the document: the tail keeps only the mark.
    expect(JSON.stringify(tail)).not.toContain('first');

    const preview = previewOf(structuredClone(tail));
    expect(preview.timeline.map((v) => v.id)).toEqual(timeline.slice(-50).map((v) => v.id));
    const last = preview.timeline.at(-1)!;
    expect(last.reactions.get('👍')).toEqual(['ann', 'ben']);
    expect(last.edited).toEqual({ text: 'message 99', editedAt: 9 });
    expect(preview.lookup('m1')?.text).toBe('far up');
    expect(preview.threadSummary('m99')).toEqual({ count: 2, lastAt: 5 });
    expect(preview.threadSummary('m60')).toEqual({ count: 0, lastAt: 0 });
    expect(preview.stateOf('m51')).toBe('delivered');
    expect(preview.stateOf('m52')).toBeUndefined();
  });

  it('names the newest message that is not deleted as the last, like the inbox', () => {
    const gone = view(3, { deleted: { author: 'ann', hlc: 48, deletedAt: 2 } });
    expect(lastLiveId([view(1), view(2), gone])).toBe('m2');
    expect(lastLiveId([gone])).toBeNull();
    expect(makeTail(source([])).lastId).toBeNull();
  });

  it('stores tails per user in IndexedDB, ignores unreadable ones, and is wiped whole', async () => {
    const store = makeTailStore('ann');
    const tail = makeTail(source([view(1), view(2)]));
    await store.write('c1', tail);
    expect(await store.read('c1')).toEqual(tail);
    expect(await store.read('c2')).toBeUndefined();

    // Something else under the key (an older version, a damaged write): no tail, no crash.
    const raw = await database(tailDatabaseName('ann'), { tails: undefined }).get();
    const tx = raw.transaction('tails', 'readwrite');
    await request(tx.objectStore('tails').put({ version: 7, rows: 'nope' }, 'c3'));
    raw.close();
    expect(await store.read('c3')).toBeUndefined();

    await store.remove('c1');
    expect(await store.read('c1')).toBeUndefined();
    await store.write('c1', tail);
    await store.wipe();
    const again = makeTailStore('ann');
    expect(await again.read('c1')).toBeUndefined();
    again.close();
  });
});
