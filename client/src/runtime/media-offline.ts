/**
 * The page's side of the offline media copy (the service worker's side is
 * media-cache.ts): files I upload are kept as their served answer, so my own
 * message shows them at once and offline; everything is forgotten at sign-out.
 */

/**
 * The cache's name. Declared again in media-cache.ts because the service
 * worker cannot share a chunk with the page; a test keeps the two equal.
 */
export const MEDIA_CACHE_NAME = 'messenger-media-v1';

export async function keepUploaded(mediaId: string, file: Blob, mime: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  const cache = await caches.open(MEDIA_CACHE_NAME);
  await cache.put(
    `/api/media/${encodeURIComponent(mediaId)}`,
    new Response(file, {
      status: 200,
      headers: { 'content-type': mime, 'content-length': String(file.size), 'accept-ranges': 'bytes' },
    }),
  );
}

/** Sign-out: nobody else on this device may see what was cached. */
export async function forgetMedia(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(MEDIA_CACHE_NAME);
}
