import { describe, expect, it } from 'vitest';
import { MEDIA_CACHE, type TrimmableCache, answerFromCache, asWholeFile, isMediaPath, parseRange, trimCache, wholeFileSize } from './media-cache.js';
import { MEDIA_CACHE_NAME } from './media-offline.js';

const file = (): Response =>
  new Response(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), {
    status: 200,
    headers: { 'content-type': 'audio/webm', etag: '"abc"', 'content-length': '10' },
  });

describe('media cache', () => {
  it('is the same cache for the page and the service worker', () => {
    expect(MEDIA_CACHE).toBe(MEDIA_CACHE_NAME);
  });

  it('recognises media file paths only', () => {
    expect(isMediaPath('/api/media/abc123')).toBe(true);
    expect(isMediaPath('/api/media')).toBe(false);
    expect(isMediaPath('/api/media/abc/x')).toBe(false);
    expect(isMediaPath('/api/me')).toBe(false);
  });

  it('reads single byte ranges and leaves the rest to the whole file', () => {
    expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange('bytes=8-100', 10)).toEqual({ start: 8, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,4-5', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
    expect(parseRange('bytes=5-2', 10)).toBeNull();
    expect(parseRange(null, 10)).toBeNull();
  });

  it('tells a partial answer that carries the whole file', () => {
    expect(wholeFileSize('bytes 0-9/10')).toBe(10);
    expect(wholeFileSize('bytes 0-4/10')).toBeNull();
    expect(wholeFileSize('bytes 2-9/10')).toBeNull();
    expect(wholeFileSize(null)).toBeNull();
  });

  it('answers a range request from a cached file with 206 and the slice', async () => {
    const answer = await answerFromCache(file(), 'bytes=2-4');
    expect(answer.status).toBe(206);
    expect(answer.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(answer.headers.get('content-length')).toBe('3');
    expect(answer.headers.get('content-type')).toBe('audio/webm');
    expect(answer.headers.get('etag')).toBe('"abc"');
    expect([...new Uint8Array(await answer.arrayBuffer())]).toEqual([2, 3, 4]);
  });

  it('answers 416 past the end, and the whole file without a range', async () => {
    const past = await answerFromCache(file(), 'bytes=20-');
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */10');
    const whole = await answerFromCache(file(), null);
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(10);
  });

  it('keeps a 206 as the file only when it covers the whole file', async () => {
    const partial = (range: string): Response => new Response(new Uint8Array(4), { status: 206, headers: { 'content-range': range, 'content-type': 'audio/webm' } });
    const kept = asWholeFile(partial('bytes 0-3/4'));
    expect(kept?.status).toBe(200);
    expect(kept?.headers.get('content-range')).toBeNull();
    expect(kept?.headers.get('content-type')).toBe('audio/webm');
    expect(asWholeFile(partial('bytes 0-3/10'))).toBeNull();
    expect(asWholeFile(new Response(null, { status: 404 }))).toBeNull();
  });
});

describe('media cache size', () => {
  /** A cache in put order, as Cache Storage lists it. */
  function fakeCache(sizes: number[]): TrimmableCache & { urls(): string[] } {
    const entries = new Map(sizes.map((size, i) => [`/api/media/m${i}`, size]));
    return {
      urls: () => [...entries.keys()],
      keys: async () => [...entries.keys()].map((url) => new Request(`https://x${url}`)),
      match: async (request) => {
        const size = entries.get(new URL(request.url).pathname);
        return size === undefined ? undefined : new Response(null, { headers: { 'content-length': String(size) } });
      },
      delete: async (request) => entries.delete(new URL(request.url).pathname),
    };
  }

  it('drops the oldest files until both the count and the bytes are within bounds', async () => {
    const byCount = fakeCache([1, 1, 1, 1, 1]);
    expect(await trimCache(byCount, { maxFiles: 3, maxBytes: 1000 })).toBe(2);
    expect(byCount.urls()).toEqual(['/api/media/m2', '/api/media/m3', '/api/media/m4']);

    const byBytes = fakeCache([600, 300, 200, 100]);
    expect(await trimCache(byBytes, { maxFiles: 10, maxBytes: 400 })).toBe(2);
    expect(byBytes.urls()).toEqual(['/api/media/m2', '/api/media/m3']);

    const within = fakeCache([10, 20]);
    expect(await trimCache(within, { maxFiles: 10, maxBytes: 400 })).toBe(0);
    expect(within.urls()).toHaveLength(2);
  });
});
