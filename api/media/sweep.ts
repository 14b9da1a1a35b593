/**
 * Media clean-up: at start-up, temp files of uploads cut off by a crash and
 * files no row points at (a crash between rename and insert, or rows removed
 * by a conversation's ON DELETE CASCADE); periodically, uploads no message
 * ever carried (abandoned without a cancel), which would hold quota forever.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SyncPort } from '../sync-port.js';
import type { MediaStore } from '../storage/media.js';

/** An upload no message carries is removed once this old: long enough for a device offline for days to send it. */
export const UNSENT_MEDIA_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Only safe while no upload is running (an upload renames its file before
 * inserting its row), so call it at start-up, before the server listens.
 * Returns the names it removed.
 */
export async function sweepMediaDir(store: Pick<MediaStore, 'fileNames'>, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  }
  const referenced = store.fileNames();
  const stale = entries.filter((entry) => entry.isFile() && !referenced.has(entry.name)).map((entry) => entry.name);
  for (const name of stale) await rm(path.join(dir, name), { force: true });
  return stale;
}

/**
 * Remove uploads older than `before` that no message of their conversation
 * carries. `remove` deletes rows and files (routes/media.ts deleteMediaFiles,
 * scoped to the conversation and uploader). Returns the ids removed.
 */
export async function sweepUnsentMedia(
  store: Pick<MediaStore, 'createdBefore'>,
  sync: Pick<SyncPort, 'referencedMedia'>,
  before: number,
  remove: (ids: readonly string[], scope: { conversationId: string; uploaderId: string }) => Promise<string[]>,
): Promise<string[]> {
  const byConversation = new Map<string, Array<{ id: string; uploaderId: string }>>();
  for (const record of store.createdBefore(before)) {
    const list = byConversation.get(record.conversationId);
    if (list) list.push(record);
    else byConversation.set(record.conversationId, [record]);
  }
  const removed: string[] = [];
  for (const [conversationId, records] of byConversation) {
    const carried = sync.referencedMedia(conversationId);
    for (const record of records) {
      if (!carried.has(record.id)) removed.push(...(await remove([record.id], { conversationId, uploaderId: record.uploaderId })));
    }
  }
  return removed;
}
