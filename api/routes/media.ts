/**
 * Media of a conversation: upload (the body is the file; size, quota and
 * type checked while it streams to disk) and download (members only, with
 * Range, ETag and headers that keep the browser from running what it gets).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Media, MediaResponse } from '../../shared/api.js';
import { unexpectedCase } from '../../shared/unexpected.js';
import type { AppEnv } from '../app-env.js';
import { HttpError, conflict, notFound } from '../http-error.js';
import { newId } from '../ids.js';
import { contentDisposition, sanitizeFileName } from '../media/file-name.js';
import { extensionOf, isInline } from '../media/media-type.js';
import { ifRangeAllows, noneMatchHits, resolveRange, type RangeAnswer } from '../media/range.js';
import { isMissingFile, openFileRange } from '../media/read-file.js';
import { quotaExceeded, removeFile, storeFile } from '../media/store-file.js';
import { requireAuth } from '../middleware/auth.js';
import type { Services } from '../services.js';
import { makeMediaStore, toMedia, type MediaRecord, type MediaScope } from '../storage/media.js';
import { requireMembership } from './conversation-access.js';

const UploadQuery = z.object({
  conversationId: z.string({ error: 'conversationId is required' }).min(1, 'conversationId is required').max(128),
  /** The file's name on the uploader's device, for display only. */
  name: z.string().max(4096).optional(),
});

/** Served bytes never change under an id, so they may be cached for good, but only by this user's browser. */
const CACHE_FOREVER_PRIVATE = 'private, max-age=31536000, immutable';

export function mediaRoutes(s: Services): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const auth = requireAuth(s);
  const store = makeMediaStore(s.db);
  const dir = s.config.mediaDir;

  r.post('/', auth, async (c) => {
    const query = UploadQuery.parse(c.req.query());
    const me = c.var.user.id;
    requireMembership(s, query.conversationId, me);
    const originalName = sanitizeFileName(query.name);

    const id = newId();
    const limits = { maxBytes: s.config.mediaMaxBytes, quotaBytes: s.config.mediaQuotaBytes, usedBytes: store.usageBytes(me) };
    const file = await storeFile({
      body: c.req.raw.body,
      dir,
      fileName: id,
      contentType: c.req.header('content-type'),
      contentLength: c.req.header('content-length'),
      limits,
    });

    const record: MediaRecord = {
      id,
      conversationId: query.conversationId,
      uploaderId: me,
      mime: file.mime,
      size: file.size,
      sha256: file.sha256,
      fileName: file.fileName,
      originalName,
      createdAt: s.now(),
    };
    // The upload took time: the uploader may have left, or other uploads used up the quota meanwhile.
    let refusal: HttpError | null = null;
    try {
      if (!s.conversations.isMember(query.conversationId, me)) refusal = notFound('no such conversation');
      else if (!store.insertWithinQuota(record, s.config.mediaQuotaBytes)) refusal = quotaExceeded({ ...limits, usedBytes: store.usageBytes(me) });
    } finally {
      if (refusal !== null) await removeFile(dir, file.fileName);
    }
    if (refusal !== null) throw refusal;
    return c.json({ media: toMedia(record) } satisfies MediaResponse, 201);
  });

  // An upload that no message carries (the sender cancelled it) may be taken back, freeing its quota.
  r.delete('/:id', auth, async (c) => {
    const record = store.get(c.req.param('id'));
    if (!record || record.uploaderId !== c.var.user.id) throw notFound('no such media');
    if (s.sync.referencedMedia(record.conversationId).has(record.id)) {
      throw conflict('this file is part of a message: delete the message for everyone instead');
    }
    await deleteMediaFiles(s, [record.id], { conversationId: record.conversationId, uploaderId: record.uploaderId });
    return c.body(null, 204);
  });

  r.get('/:id', auth, async (c) => {
    const record = store.get(c.req.param('id'));
    // Unknown id and someone else's media get the same answer, so ids cannot be probed.
    if (!record || !s.conversations.isMember(record.conversationId, c.var.user.id)) throw notFound('no such media');

    const etag = `"${record.sha256}"`;
    const headers = servingHeaders(record, etag);
    if (noneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);

    const answer: RangeAnswer = ifRangeAllows(c.req.header('if-range'), etag)
      ? resolveRange(c.req.header('range'), record.size)
      : { kind: 'full' };
    switch (answer.kind) {
      case 'full':
        return send(c, record, 0, record.size - 1, 200, headers);
      case 'partial':
        return send(c, record, answer.start, answer.end, 206, {
          ...headers,
          'Content-Range': `bytes ${answer.start}-${answer.end}/${record.size}`,
        });
      case 'unsatisfiable':
        throw new HttpError(416, 'bad_request', `range not satisfiable for a file of ${record.size} bytes`, {
          'Content-Range': `bytes */${record.size}`,
        });
      default:
        return unexpectedCase(answer);
    }
  });

  async function send(
    c: Context<AppEnv>,
    record: MediaRecord,
    start: number,
    end: number,
    status: 200 | 206,
    headers: Record<string, string>,
  ): Promise<Response> {
    const withLength = { ...headers, 'Content-Length': String(end - start + 1) };
    // Hono answers HEAD through this GET handler and drops the body: do not open a file nobody reads.
    if (c.req.method === 'HEAD') return c.body(null, status, withLength);
    let body: ReadableStream<Uint8Array>;
    try {
      body = await openFileRange(dir, record.fileName, start, end);
    } catch (err) {
      // The row was read just before a delete removed the file: the media is gone.
      if (isMissingFile(err)) throw notFound('no such media');
      throw err;
    }
    return c.body(body, status, withLength);
  }

  return r;
}

function servingHeaders(record: MediaRecord, etag: string): Record<string, string> {
  const inline = isInline(record.mime);
  const name = record.originalName ?? `${record.id}${extensionOf(record.mime)}`;
  return {
    // Text was sniffed as valid UTF-8; saying so stops a browser from guessing another charset.
    'Content-Type': record.mime === 'text/plain' ? 'text/plain; charset=utf-8' : record.mime,
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', name),
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Cache-Control': CACHE_FOREVER_PRIVATE,
    'X-Content-Type-Options': 'nosniff',
    // Even if opened as a page, the file runs no script, loads nothing and gets an opaque origin.
    'Content-Security-Policy': "sandbox; default-src 'none'",
    // Other sites may not embed it (<img>, <video>), even in browsers that would send the cookie.
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * Removes media rows and their files, e.g. when the messages that carried
 * them are deleted for everyone. Pass `scope` ({conversationId, uploaderId:
 * the message's author}) whenever the ids come from a client-written
 * message, so a crafted attachment list cannot delete someone else's media.
 * Returns the ids actually removed.
 */
export async function deleteMediaFiles(
  s: Pick<Services, 'db' | 'config'>,
  mediaIds: readonly string[],
  scope: MediaScope = {},
): Promise<string[]> {
  const removed = makeMediaStore(s.db).delete(mediaIds, scope);
  // Rows go first: a file without a row is invisible garbage, a row without a file would be a broken download.
  const results = await Promise.allSettled(removed.map((record) => removeFile(s.config.mediaDir, record.fileName)));
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (failures.length > 0) throw new AggregateError(failures, `could not remove ${failures.length} media file(s)`);
  return removed.map((record) => record.id);
}
