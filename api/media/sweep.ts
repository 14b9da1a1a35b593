/**
 * Start-up cleanup of the media directory: temp files of uploads cut off by
 * a crash, and files no row points at (a crash between rename and insert, or
 * rows removed by a conversation's ON DELETE CASCADE).
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { MediaStore } from '../storage/media.js';

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
