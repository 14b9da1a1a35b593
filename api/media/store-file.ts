/**
 * Receives an upload body onto disk: streamed to a server-named temp file
 * while hashing and counting (413 the moment a cap is passed), type sniffed
 * from the first bytes (415 when the client's claim disagrees), then renamed
 * atomically to its final server-made name. Nothing is left behind on failure.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { unexpectedCase } from '../../shared/unexpected.js';
import { HttpError, badRequest } from '../http-error.js';
import { newId } from '../ids.js';
import { declaredTypeAgrees, essence, isFormEncoding } from './media-type.js';
import { SNIFF_BYTES, sniff, type Sniffed } from './sniff.js';

export interface UploadLimits {
  /** Largest single file. */
  maxBytes: number;
  /** Total bytes one user may have stored. */
  quotaBytes: number;
  /** What this user has stored already. */
  usedBytes: number;
}

export interface StoreFileInput {
  body: ReadableStream<Uint8Array> | null;
  /** The media directory; created when missing. */
  dir: string;
  /** Final file name, made by the server (the media id). */
  fileName: string;
  /** The request's Content-Type and Content-Length headers, as sent. */
  contentType: string | undefined;
  contentLength: string | undefined;
  limits: UploadLimits;
}

export interface StoredFile {
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

/** Temp files start with a dot so a directory listing tells them from finished media at a glance. */
export const TEMP_PREFIX = '.upload-';

const MIB = 1024 * 1024;
const human = (bytes: number): string => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`);

export const fileTooLarge = (maxBytes: number): HttpError =>
  new HttpError(413, 'too_large', `file larger than the limit of ${human(maxBytes)}`);

export const quotaExceeded = (limits: UploadLimits): HttpError =>
  new HttpError(
    413,
    'too_large',
    `this file would exceed your storage quota of ${human(limits.quotaBytes)} (${human(limits.usedBytes)} used); delete some media first`,
  );

const typeMismatch = (declared: string, actual: string): HttpError =>
  new HttpError(415, 'unsupported_media_type', `the file was declared as ${declared} but its contents are ${actual}`);

/** 413 for whichever cap `size` passes, the per-file one first; null when it passes neither. */
function overCap(size: number, limits: UploadLimits): HttpError | null {
  if (size > limits.maxBytes) return fileTooLarge(limits.maxBytes);
  if (limits.usedBytes + size > limits.quotaBytes) return quotaExceeded(limits);
  return null;
}

/** Checks what can be refused before a byte is read: the declared type and the declared length. */
function checkHeaders(input: StoreFileInput): string | null {
  let declared: string | null = null;
  if (input.contentType !== undefined && input.contentType.trim() !== '') {
    declared = essence(input.contentType);
    if (declared === null) throw new HttpError(415, 'unsupported_media_type', 'Content-Type is not a media type');
    if (isFormEncoding(declared)) {
      throw new HttpError(415, 'unsupported_media_type', 'send the file itself as the request body, not a form');
    }
  }
  if (input.contentLength !== undefined && /^\d+$/.test(input.contentLength.trim())) {
    const refused = overCap(Number(input.contentLength), input.limits);
    if (refused) throw refused;
  }
  return declared;
}

export async function storeFile(input: StoreFileInput): Promise<StoredFile> {
  const declared = checkHeaders(input);
  if (input.body === null) throw badRequest('the request has no body: send the file as the body');

  await mkdir(input.dir, { recursive: true });
  const tempPath = path.join(input.dir, `${TEMP_PREFIX}${newId()}`);
  const finalPath = path.join(input.dir, input.fileName);
  const reader = input.body.getReader();
  let handle: FileHandle | null = null;
  let readerDone = false;
  let renamed = false;

  const read = async (): Promise<ReadableStreamReadResult<Uint8Array>> => {
    try {
      const result = await reader.read();
      if (result.done) readerDone = true;
      return result;
    } catch (err) {
      readerDone = true;
      const interrupted = badRequest('the upload was interrupted');
      interrupted.cause = err;
      throw interrupted;
    }
  };

  try {
    // 'wx': the name is fresh and random; never follow or reuse something already there.
    handle = await open(tempPath, 'wx', 0o600);
    const file = handle;
    const hash = createHash('sha256');
    let size = 0;

    const accept = (chunk: Uint8Array): void => {
      size += chunk.byteLength;
      const refused = overCap(size, input.limits);
      if (refused) throw refused;
      hash.update(chunk);
    };
    const write = async (chunk: Uint8Array): Promise<void> => {
      // Awaiting each write is the backpressure: the body is read no faster than the disk takes it.
      // One write(2) may take less than asked (a nearly full disk); finish the chunk or fail.
      for (let at = 0; at < chunk.byteLength; ) {
        const { bytesWritten } = await file.write(chunk, at, chunk.byteLength - at);
        if (bytesWritten === 0) throw new Error(`no progress writing upload ${tempPath}`);
        at += bytesWritten;
      }
    };

    // Hold back the first bytes until there are enough to tell the type.
    const head: Uint8Array[] = [];
    let headBytes = 0;
    while (headBytes < SNIFF_BYTES) {
      const { done, value } = await read();
      if (done) break;
      accept(value);
      head.push(value);
      headBytes += value.byteLength;
    }
    if (size === 0) throw badRequest('the file is empty');
    const headView = concat(head, headBytes);
    const sniffed = sniff(headView.subarray(0, SNIFF_BYTES), { truncated: !readerDone || headBytes > SNIFF_BYTES });
    if (!declaredTypeAgrees(declared, sniffed)) throw typeMismatch(declared ?? '', describe(sniffed));

    await write(headView);
    while (!readerDone) {
      const { done, value } = await read();
      if (done) break;
      accept(value);
      await write(value);
    }

    // The 201 promises the file is there: flush it before the name points at it.
    await file.datasync();
    await file.close();
    handle = null;
    await rename(tempPath, finalPath);
    renamed = true;
    await syncDirectory(input.dir);
    return { fileName: input.fileName, mime: sniffed.mime, size, sha256: hash.digest('hex') };
  } catch (err) {
    if (!readerDone) await stopReading(reader);
    try {
      if (handle) await handle.close();
    } finally {
      await rm(renamed ? finalPath : tempPath, { force: true });
    }
    throw err;
  }
}

const describe = (sniffed: Sniffed): string => {
  switch (sniffed.markup) {
    case 'html':
      return 'HTML';
    case 'svg':
      return 'SVG';
    case null:
      return sniffed.mime;
    default:
      return unexpectedCase(sniffed.markup);
  }
};

/** Tells the sender to stop: the rest of an oversized or refused body is not wanted. */
async function stopReading(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    await reader.cancel();
  } catch {
    // Cancelling an already-errored body rethrows its error; the error being handled is the one to report.
  }
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Makes the rename itself durable. Windows cannot open a directory for syncing; its rename is journaled. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes a stored file; already gone is fine (a retried delete, or a rename that never happened). */
export async function removeFile(dir: string, fileName: string): Promise<void> {
  await rm(path.join(dir, fileName), { force: true });
}
