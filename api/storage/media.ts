/**
 * Media metadata: one row per uploaded file in the `media` table. The bytes
 * live in files named by the server (`file_name`); this store never touches them.
 */
import type { Media } from '../../shared/api.js';
import type { DB } from './database.js';

export interface MediaRecord {
  id: string;
  conversationId: string;
  uploaderId: string;
  /** The sniffed type, never the client's claim. */
  mime: string;
  size: number;
  /** Hex SHA-256 of the bytes; also the ETag. */
  sha256: string;
  /** Server-made name of the file in the media directory. */
  fileName: string;
  /** The uploader's name for it, sanitized, for display only. */
  originalName: string | null;
  createdAt: number;
}

/** Limits a delete to the media of one conversation and/or one uploader. */
export interface MediaScope {
  conversationId?: string;
  uploaderId?: string;
}

export interface MediaStore {
  get(id: string): MediaRecord | null;
  /** Total bytes of the files this user uploaded and that still exist. */
  usageBytes(uploaderId: string): number;
  /**
   * Inserts the row unless it would take the uploader past `quotaBytes`, in
   * one transaction so concurrent uploads cannot both slip under the quota.
   */
  insertWithinQuota(record: MediaRecord, quotaBytes: number): boolean;
  /** Removes the rows (within `scope` when given) and returns them, so the caller can remove their files. */
  delete(ids: readonly string[], scope?: MediaScope): MediaRecord[];
  /** The disk names of every stored file, for sweeping files no row points at. */
  fileNames(): Set<string>;
  /** Rows uploaded before `at` (ms since epoch). */
  createdBefore(at: number): MediaRecord[];
}

interface MediaRow {
  id: string;
  conversation_id: string;
  uploader_id: string;
  mime: string;
  size: number;
  sha256: string;
  file_name: string;
  original_name: string | null;
  created_at: number;
}

const toRecord = (r: MediaRow): MediaRecord => ({
  id: r.id,
  conversationId: r.conversation_id,
  uploaderId: r.uploader_id,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  fileName: r.file_name,
  originalName: r.original_name,
  createdAt: r.created_at,
});

/** The record as the API returns it: no uploader, hash or disk name. */
export const toMedia = (r: MediaRecord): Media => ({
  id: r.id,
  conversationId: r.conversationId,
  mime: r.mime,
  size: r.size,
  createdAt: r.createdAt,
});

export function makeMediaStore(db: DB): MediaStore {
  const get = db.prepare<[string], MediaRow>('SELECT * FROM media WHERE id = ?');
  const usage = db.prepare<[string], { total: number }>('SELECT COALESCE(SUM(size), 0) AS total FROM media WHERE uploader_id = ?');
  const insert = db.prepare<[string, string, string, string, number, string, string, string | null, number]>(
    `INSERT INTO media (id, conversation_id, uploader_id, mime, size, sha256, file_name, original_name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const remove = db.prepare<[string]>('DELETE FROM media WHERE id = ?');
  const allFileNames = db.prepare<[], { file_name: string }>('SELECT file_name FROM media');
  const before = db.prepare<[number], MediaRow>('SELECT * FROM media WHERE created_at < ?');

  const usageBytes = (uploaderId: string): number => usage.get(uploaderId)?.total ?? 0;

  const insertWithinQuota = db.transaction((r: MediaRecord, quotaBytes: number): boolean => {
    if (usageBytes(r.uploaderId) + r.size > quotaBytes) return false;
    insert.run(r.id, r.conversationId, r.uploaderId, r.mime, r.size, r.sha256, r.fileName, r.originalName, r.createdAt);
    return true;
  });

  const deleteMany = db.transaction((ids: readonly string[], scope: MediaScope): MediaRecord[] => {
    const removed: MediaRecord[] = [];
    for (const id of new Set(ids)) {
      const row = get.get(id);
      if (!row) continue;
      if (scope.conversationId !== undefined && row.conversation_id !== scope.conversationId) continue;
      if (scope.uploaderId !== undefined && row.uploader_id !== scope.uploaderId) continue;
      remove.run(id);
      removed.push(toRecord(row));
    }
    return removed;
  });

  return {
    get(id) {
      const row = get.get(id);
      return row ? toRecord(row) : null;
    },
    usageBytes,
    // IMMEDIATE takes the write lock before reading the usage, so another process cannot interleave.
    insertWithinQuota: (record, quotaBytes) => insertWithinQuota.immediate(record, quotaBytes),
    delete: (ids, scope = {}) => deleteMany(ids, scope),
    fileNames() {
      const names = new Set<string>();
      for (const row of allFileNames.iterate()) names.add(row.file_name);
      return names;
    },
    createdBefore(at) {
      return before.all(at).map(toRecord);
    },
  };
}
