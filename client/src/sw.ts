/**
 * The service worker: keeps the app shell so the app opens with no network.
 * Navigations are network-first with the cached /index.html as fallback;
 * hashed /assets/* are cache-first (their names change when they do). The API
 * and the sync socket are never cached, except media files (`GET
 * /api/media/:id`, immutable): cache-first in their own cache, so what was
 * viewed once stays available offline. Each build gets its own shell cache;
 * older ones are removed on activate (the media cache stays).
 */
/// <reference lib="webworker" />
import { MEDIA_CACHE, answerFromCache, asWholeFile, isMediaPath, trimCache, wholeFileSize } from './runtime/media-cache.js';

declare const self: ServiceWorkerGlobalScope;
declare const __BUILD_ID__: string;

const CACHE = `messenger-shell-${__BUILD_ID__}`;
const SHELL = '/index.html';
const STATIC = ['/', SHELL, '/icon.svg', '/manifest.webmanifest'];

const neverCached = (url: URL): boolean => url.pathname.startsWith('/api') || url.pathname.startsWith('/sync');

/** The hashed files the shell loads, read from the page itself so nothing is listed twice. */
async function shellAssets(html: string): Promise<string[]> {
  const found = new Set<string>();
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) if (match[1]) found.add(match[1]);
  return [...found];
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(STATIC);
      const shell = await cache.match(SHELL);
      if (shell) await cache.addAll(await shellAssets(await shell.text()));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('messenger-shell-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function networkFirstShell(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // The SPA fallback answers every path with the shell: keep the newest copy.
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) await cache.put(SHELL, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(SHELL)) ?? (await cache.match('/'));
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/**
 * Media: a cached file answers at once (sliced for Range requests, which audio
 * and video make). Otherwise the network answers, and a whole-file answer (a
 * plain GET, or a range that happened to cover the file, as `bytes=0-` does)
 * is kept. A partial answer is passed through without keeping it.
 */
async function mediaCacheFirst(event: FetchEvent): Promise<Response> {
  const request = event.request;
  const cache = await caches.open(MEDIA_CACHE);
  const cached = await cache.match(request.url);
  if (cached) return answerFromCache(cached, request.headers.get('range'));
  const response = await fetch(request);
  if (response.status === 200 || (response.status === 206 && wholeFileSize(response.headers.get('content-range')) !== null)) {
    const copy = asWholeFile(response.clone());
    // Kept while the page already reads its answer.
    if (copy) event.waitUntil(cache.put(request.url, copy).then(trimSoon).catch((error: unknown) => console.warn('could not keep a media file offline', error)));
  }
  return response;
}

/** After files were kept, bound the copy (at most once a minute: it reads every entry's size). */
let lastTrim = 0;
async function trimSoon(): Promise<void> {
  if (Date.now() - lastTrim < 60_000) return;
  lastTrim = Date.now();
  await trimCache(await caches.open(MEDIA_CACHE));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin === self.location.origin && isMediaPath(url.pathname)) {
    event.respondWith(mediaCacheFirst(event));
    return;
  }
  if (url.origin !== self.location.origin || neverCached(url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (STATIC.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});
