/**
 * A small pool of open conversation documents, so a tab holds few sockets
 * (ARCHITECTURE §2.2): the conversation on screen, plus background ones that
 * hold unsent writes or were opened briefly because the inbox said they
 * changed (so their messages reach this device and get a delivered receipt).
 * A background document closes after a short idle time unless it still has
 * writes the server has not confirmed; documents evicted with pending writes
 * come back when there is room.
 */
import type { ConversationDoc } from './conversation-doc.js';
import type { PendingStore } from './pending.js';
import { type Readable, makeWritable } from './store.js';

/** What the pool needs of a document. */
export type PoolDoc = Pick<ConversationDoc, 'lastActivity' | 'access' | 'hasUnsentChanges' | 'destroy'>;

export interface DocPoolOptions<D extends PoolDoc> {
  create(conversationId: string): D;
  pending: Readable<ReadonlyMap<string, unknown>>;
  network: Readable<boolean>;
  /** Most documents open at once (one socket each); the foreground may exceed it only when several views hold documents. */
  maxOpen?: number;
  /** A background document closes after this long without activity (ms). */
  idleMs?: number;
}

export interface DocPool<D extends PoolDoc> {
  /** Open (or reuse) a document for the screen; pair with `release`. */
  acquire(conversationId: string): D;
  release(conversationId: string): void;
  /** Open a document briefly in the background, or queue it while the pool is full. */
  touch(conversationId: string): void;
  get(conversationId: string): D | undefined;
  /** Ids of the open documents. */
  readonly open: Readable<readonly string[]>;
  destroy(): Promise<void>;
}

interface Entry<D> {
  id: string;
  doc: D;
  holds: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  unsubscribe: () => void;
}

export function makeDocPool<D extends PoolDoc>(options: DocPoolOptions<D>): DocPool<D> {
  const maxOpen = options.maxOpen ?? 3;
  const idleMs = options.idleMs ?? 10_000;
  const entries = new Map<string, Entry<D>>();
  /** Background documents waiting for room, oldest first. */
  const wanted = new Set<string>();
  const open = makeWritable<readonly string[]>([]);
  const closing = new Set<Promise<void>>();
  let destroyed = false;

  const publish = (): void => open.set([...entries.keys()]);

  const close = (entry: Entry<D>): void => {
    clearTimeout(entry.timer);
    entry.unsubscribe();
    entries.delete(entry.id);
    const done = entry.doc.destroy().catch((error: unknown) => console.error(`closing ${entry.id} failed`, error));
    closing.add(done);
    void done.then(() => closing.delete(done));
    publish();
  };

  const armIdle = (entry: Entry<D>): void => {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.holds > 0 || destroyed) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (entry.holds > 0) return;
      if (entry.doc.access.get() === 'ok' && entry.doc.hasUnsentChanges()) {
        armIdle(entry);
        return;
      }
      close(entry);
      schedule();
    }, idleMs);
  };

  const openEntry = (id: string): Entry<D> => {
    const doc = options.create(id);
    const entry: Entry<D> = { id, doc, holds: 0, timer: undefined, unsubscribe: () => {} };
    const offActivity = doc.lastActivity.subscribe(() => {
      if (entry.timer !== undefined) armIdle(entry);
    });
    const offAccess = doc.access.subscribe((access) => {
      // A background document the server refused (removed from the conversation) goes at once.
      if (access === 'forbidden' && entry.holds === 0 && entries.get(id) === entry) {
        close(entry);
        schedule();
      }
    });
    entry.unsubscribe = () => {
      offActivity();
      offAccess();
    };
    entries.set(id, entry);
    wanted.delete(id);
    publish();
    return entry;
  };

  /** Close the least useful background document when the pool is full. */
  const makeRoom = (): boolean => {
    if (entries.size < maxOpen) return true;
    const background = [...entries.values()].filter((e) => e.holds === 0);
    if (background.length === 0) return false;
    background.sort(
      (a, b) =>
        Number(a.doc.hasUnsentChanges()) - Number(b.doc.hasUnsentChanges()) ||
        a.doc.lastActivity.get() - b.doc.lastActivity.get(),
    );
    const victim = background[0];
    if (victim === undefined) return false;
    close(victim);
    return true;
  };

  /** Open queued background documents while there is room and a network. */
  const schedule = (): void => {
    if (destroyed || !options.network.get()) return;
    for (const id of options.pending.get().keys()) if (!entries.has(id)) wanted.add(id);
    for (const id of [...wanted]) {
      if (entries.size >= maxOpen) return;
      if (entries.has(id)) {
        wanted.delete(id);
        continue;
      }
      armIdle(openEntry(id));
    }
  };

  const offPending = options.pending.subscribe(schedule);
  const offNetwork = options.network.subscribe((online) => {
    if (online) schedule();
  });
  schedule();

  return {
    acquire(id) {
      let entry = entries.get(id);
      if (!entry) {
        makeRoom();
        entry = openEntry(id);
      }
      entry.holds++;
      clearTimeout(entry.timer);
      entry.timer = undefined;
      return entry.doc;
    },
    release(id) {
      const entry = entries.get(id);
      if (!entry || entry.holds === 0) return;
      entry.holds--;
      if (entry.holds > 0) return;
      if (entry.doc.access.get() === 'forbidden') {
        close(entry);
        schedule();
      } else armIdle(entry);
    },
    touch(id) {
      const entry = entries.get(id);
      if (entry) {
        if (entry.holds === 0) armIdle(entry);
        return;
      }
      wanted.add(id);
      schedule();
    },
    get: (id) => entries.get(id)?.doc,
    open: { get: open.get, subscribe: open.subscribe },
    async destroy() {
      destroyed = true;
      offPending();
      offNetwork();
      wanted.clear();
      for (const entry of [...entries.values()]) close(entry);
      await Promise.all([...closing]);
    },
  };
}
