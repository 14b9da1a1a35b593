import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PoolDoc, makeDocPool } from './docs.js';
import { makeFixedNetwork } from './network.js';
import type { Access } from './socket.js';
import { makeWritable } from './store.js';

interface FakeDoc extends PoolDoc {
  id: string;
  unsent: boolean;
  destroyed: boolean;
  access: ReturnType<typeof makeWritable<Access>>;
  lastActivity: ReturnType<typeof makeWritable<number>>;
}

function setup(options: { maxOpen?: number; pending?: string[] } = {}) {
  const created: FakeDoc[] = [];
  const pending = makeWritable<ReadonlyMap<string, unknown>>(new Map((options.pending ?? []).map((id) => [id, true])));
  const network = makeFixedNetwork(true);
  const pool = makeDocPool<FakeDoc>({
    create(id) {
      const doc: FakeDoc = {
        id,
        unsent: false,
        destroyed: false,
        access: makeWritable<Access>('ok'),
        lastActivity: makeWritable(Date.now()),
        hasUnsentChanges: () => doc.unsent,
        async destroy() {
          doc.destroyed = true;
        },
      };
      created.push(doc);
      return doc;
    },
    pending,
    network,
    maxOpen: options.maxOpen ?? 3,
    idleMs: 10_000,
  });
  return { pool, created, pending, network };
}

describe('document pool', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('never holds more than its bound of background documents, however many the inbox touches', async () => {
    const { pool } = setup({ maxOpen: 3 });
    for (let i = 0; i < 10; i++) pool.touch(`c${i}`);
    expect(pool.open.get()).toHaveLength(3);
    // Each closes after being idle, and the queue moves on.
    for (let round = 0; round < 4; round++) {
      await vi.advanceTimersByTimeAsync(10_000);
      expect(pool.open.get().length).toBeLessThanOrEqual(3);
    }
    expect(pool.open.get()).toHaveLength(0);
    await pool.destroy();
  });

  it('opens every touched document in turn', async () => {
    const { pool, created } = setup({ maxOpen: 2 });
    for (let i = 0; i < 5; i++) pool.touch(`c${i}`);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(created.map((d) => d.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    await pool.destroy();
  });

  it('keeps the foreground document open and makes room for it by closing a background one', async () => {
    const { pool, created } = setup({ maxOpen: 2 });
    pool.touch('a');
    pool.touch('b');
    const doc = pool.acquire('open');
    expect(pool.open.get()).toHaveLength(2);
    expect(pool.open.get()).toContain('open');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pool.get('open')).toBe(doc);
    expect(created.find((d) => d.id === 'open')?.destroyed).toBe(false);
    await pool.destroy();
    expect(created.every((d) => d.destroyed)).toBe(true);
  });

  it('keeps a background document with unsent writes open until the server confirmed them', async () => {
    const { pool, created } = setup();
    pool.acquire('x');
    const doc = created[0];
    if (!doc) throw new Error('no document');
    doc.unsent = true;
    pool.release('x');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(doc.destroyed).toBe(false);
    doc.unsent = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(doc.destroyed).toBe(true);
    await pool.destroy();
  });

  it('resets the idle time while a background document is busy', async () => {
    const { pool, created } = setup();
    pool.touch('x');
    const doc = created[0];
    if (!doc) throw new Error('no document');
    await vi.advanceTimersByTimeAsync(8_000);
    doc.lastActivity.set(Date.now());
    await vi.advanceTimersByTimeAsync(8_000);
    expect(doc.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(doc.destroyed).toBe(true);
    await pool.destroy();
  });

  it('opens documents with pending writes at start, but only while online', async () => {
    const { pool, network, pending } = setup({ pending: ['p1'] });
    expect(pool.open.get()).toEqual(['p1']);
    network.set(false);
    pending.set(new Map([['p1', true], ['p2', true]]));
    expect(pool.open.get()).toEqual(['p1']);
    network.set(true);
    expect(pool.open.get()).toEqual(['p1', 'p2']);
    await pool.destroy();
  });

  it('closes a background document at once when the server refuses it', async () => {
    const { pool, created } = setup();
    pool.touch('gone');
    created[0]?.access.set('forbidden');
    expect(pool.open.get()).toEqual([]);
    expect(created[0]?.destroyed).toBe(true);
    await pool.destroy();
  });

  it('leaves no timer behind when destroyed', async () => {
    const { pool } = setup();
    pool.touch('a');
    pool.acquire('b');
    pool.release('b');
    await pool.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });
});
