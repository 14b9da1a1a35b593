/**
 * Where media messages wait for the network (ARCHITECTURE §6): one IndexedDB
 * database per user holding each message's files (as Blobs), caption and
 * measurements, and, once a file is uploaded, the id the server gave it, so a
 * retry after a reload or crash never uploads or sends twice. Every read is
 * validated: a cache is a boundary like any other.
 */
import { z } from 'zod';
import { Attachment } from '../../../shared/doc/schema.js';
import { completion, database, request } from './idb.js';

export const OutboxFile = z.object({
  blob: z.instanceof(Blob),
  /** The type as picked (the server's sniffed type replaces it once uploaded). */
  mime: z.string().min(1).max(127),
  name: Attachment.shape.name,
  width: Attachment.shape.width,
  height: Attachment.shape.height,
  durationMs: Attachment.shape.durationMs,
  waveform: Attachment.shape.waveform,
  preview: Attachment.shape.preview,
  /** Set once the server has the file: what goes into the record. */
  uploaded: z.object({ mediaId: z.string().min(1).max(64), mime: z.string().min(1).max(127), size: z.number().int().nonnegative() }).optional(),
});
export type OutboxFile = z.infer<typeof OutboxFile>;

export const OutboxItem = z.object({
  /** The message id, chosen when picked: the record will carry it, which is what makes sending idempotent. */
  id: z.string().min(1).max(64),
  conversationId: z.string().min(1).max(128),
  author: z.string().min(1).max(64),
  kind: z.enum(['media', 'voice']),
  text: z.string().optional(),
  replyTo: z.string().optional(),
  threadOf: z.string().optional(),
  /** When it was written: where it shows while it waits, and the record's `sentAt`. */
  sentAt: z.number().int().positive(),
  hlc: z.number().int().positive(),
  files: z.array(OutboxFile).min(1).max(10),
  /** Why the server refused it (it will not be retried). */
  failed: z.string().optional(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(id: string): Promise<void>;
  close(): void;
  /** Close and delete the database (sign-out). */
  wipe(): Promise<void>;
}

const STORE = 'items';

export const outboxDatabaseName = (userId: string): string => `messenger-outbox:${userId}`;

export function makeOutboxStore(userId: string, factory: IDBFactory = indexedDB): OutboxStore {
  const db = database(outboxDatabaseName(userId), { [STORE]: 'id' }, factory);
  return {
    async all() {
      const tx = (await db.get()).transaction(STORE, 'readonly');
      const values: unknown[] = await request(tx.objectStore(STORE).getAll());
      const items: OutboxItem[] = [];
      for (const value of values) {
        const parsed = OutboxItem.safeParse(value);
        if (parsed.success) items.push(parsed.data);
        else console.warn('dropping an unreadable outbox item', parsed.error.issues[0]?.message);
      }
      return items;
    },
    async put(item) {
      const tx = (await db.get()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(OutboxItem.parse(item));
      await completion(tx);
    },
    async remove(id) {
      const tx = (await db.get()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(id);
      await completion(tx);
    },
    close: db.close,
    wipe: db.remove,
  };
}

/** An outbox that lives only as long as the page (no IndexedDB: Node tests, locked-down browsers). */
export function makeMemoryOutboxStore(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    all: () => Promise.resolve([...items.values()]),
    put(item) {
      items.set(item.id, OutboxItem.parse(item));
      return Promise.resolve();
    },
    remove(id) {
      items.delete(id);
      return Promise.resolve();
    },
    close() {},
    wipe() {
      items.clear();
      return Promise.resolve();
    },
  };
}
