/**
 * The service worker's side of the offline media copy: a Cache Storage cache
 * of `GET /api/media/:id` answers (immutable under their id). Range requests
 * (audio and video seeking) are answered from a cached whole file by slicing.
 * Only sw.ts imports this module: a classic service worker cannot load a chunk
 * shared with the page, so the page's side lives in media-offline.ts.
 */

/** Separate from the app shell's cache, which each build replaces. */
export const MEDIA_CACHE = 'messenger-media-v1';

export const isMediaPath = (pathname: string): boolean => /^\/api\/media\/[^/]+$/.test(pathname);

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * A single `bytes=` range of a file of `size` bytes: a range, 'unsatisfiable',
 * or null when there is no range to honour (absent, malformed, or several
 * ranges: the whole file is then a valid answer).
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === null) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    // The last N bytes.
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

/** Whether a 206 answer's Content-Range covers the whole file (`bytes 0-(n-1)/n`), so it can be kept as the file. */
export function wholeFileSize(contentRange: string | null): number | null {
  if (contentRange === null) return null;
  const match = /^bytes 0-(\d+)\/(\d+)$/.exec(contentRange.trim());
  if (!match) return null;
  const end = Number(match[1]);
  const size = Number(match[2]);
  return end === size - 1 ? size : null;
}

/** Headers of a cached answer that still hold for a slice of it. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'etag', 'cache-control', 'x-content-type-options', 'content-security-policy', 'cross-origin-resource-policy'];

/** The answer to `rangeHeader` from a cached whole-file answer: 206 with the slice, 416, or the file itself. */
export async function answerFromCache(cached: Response, rangeHeader: string | null): Promise<Response> {
  if (rangeHeader === null) return cached;
  const body = await cached.blob();
  const range = parseRange(rangeHeader, body.size);
  const headers = new Headers();
  for (const name of KEPT_HEADERS) {
    const value = cached.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set('accept-ranges', 'bytes');
  if (range === null) {
    headers.set('content-length', String(body.size));
    return new Response(body, { status: 200, headers });
  }
  if (range === 'unsatisfiable') {
    headers.set('content-range', `bytes */${body.size}`);
    return new Response(null, { status: 416, headers });
  }
  headers.set('content-range', `bytes ${range.start}-${range.end}/${body.size}`);
  headers.set('content-length', String(range.end - range.start + 1));
  return new Response(body.slice(range.start, range.end + 1), { status: 206, headers });
}

/** A whole-file answer to keep, made from a 206 that happened to carry the whole file. */
export function asWholeFile(response: Response): Response | null {
  if (response.status === 200) return response;
  if (response.status !== 206 || wholeFileSize(response.headers.get('content-range')) === null) return null;
  const headers = new Headers(response.headers);
  headers.delete('content-range');
  return new Response(response.body, { status: 200, statusText: 'OK', headers });
}

/** What trimming needs of a Cache (Cache Storage's own, or a fake in tests). */
export interface TrimmableCache {
  keys(): Promise<readonly Request[]>;
  match(request: Request): Promise<Response | undefined>;
  delete(request: Request): Promise<boolean>;
}

/** The media copy stays within these, oldest files going first. */
export const MEDIA_CACHE_LIMITS = { maxFiles: 1000, maxBytes: 500 * 1024 * 1024 };

/**
 * Drop the oldest cached files (Cache Storage lists keys in the order they
 * were put) until at most `maxFiles` remain and they hold at most `maxBytes`.
 * Returns how many were dropped.
 */
export async function trimCache(cache: TrimmableCache, limits = MEDIA_CACHE_LIMITS): Promise<number> {
  const keys = await cache.keys();
  const sizes: number[] = [];
  let total = 0;
  for (const key of keys) {
    const size = Number((await cache.match(key))?.headers.get('content-length') ?? 0) || 0;
    sizes.push(size);
    total += size;
  }
  let dropped = 0;
  for (let i = 0; i < keys.length && (keys.length - dropped > limits.maxFiles || total > limits.maxBytes); i++) {
    await cache.delete(keys[i]!);
    total -= sizes[i]!;
    dropped++;
  }
  return dropped;
}
