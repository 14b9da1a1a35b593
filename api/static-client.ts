/**
 * Serves the built client: files from the client directory with long caching
 * for hashed assets, and index.html for every other path (SPA fallback).
 * Paths never leave the directory.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './app-env.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function mountClient(app: Hono<AppEnv>, clientDir: string): void {
  const root = path.resolve(clientDir);

  async function file(c: Context<AppEnv>, relative: string, cache: string): Promise<Response | null> {
    const full = path.resolve(root, '.' + path.posix.normalize('/' + relative));
    if (full !== root && !full.startsWith(root + path.sep)) return null;
    const info = await stat(full).catch(() => null);
    if (!info?.isFile()) return null;
    const body = await readFile(full);
    return c.body(body, 200, {
      'Content-Type': TYPES[path.extname(full)] ?? 'application/octet-stream',
      'Cache-Control': cache,
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  }

  app.get('*', async function serveClient(c) {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text('bad path', 400);
    }
    if (pathname.includes('\0')) return c.text('bad path', 400);
    const immutable = pathname.startsWith('/assets/');
    const served =
      pathname !== '/' &&
      (await file(c, pathname, immutable ? 'public, max-age=31536000, immutable' : 'no-cache'));
    if (served) return served;
    if (immutable) return c.text('not found', 404);
    const index = await file(c, 'index.html', 'no-cache');
    return index ?? c.text('The client is not built: run `npm run build`.', 503);
  });
}
