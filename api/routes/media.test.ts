import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, onTestFinished, test } from 'vitest';
import { z } from 'zod';
import { ConversationResponse, ErrorBody, Media } from '../../shared/api.js';
import type { AppEnv } from '../app-env.js';
import type { Config } from '../config.js';
import { errorHandler } from '../error-handler.js';
import * as sample from '../media/test-samples.js';
import { sameOriginOnly } from '../middleware/same-origin.js';
import { makeServices } from '../services.js';
import { json, makeHarness, signup, type Account, type Harness } from '../test-support.js';
import { deleteMediaFiles, mediaRoutes } from './media.js';

const MediaResponse = z.object({ media: Media });

interface MediaHarness extends Harness {
  /** The API with the media routes mounted as app.ts will mount them. */
  media: Hono<AppEnv>;
  mediaDir: string;
}

/**
 * The app as the lead will wire it: same-origin check and the no-store
 * default (which must leave a route's own Cache-Control alone) over /api/*,
 * media routes at /api/media. Accounts and conversations go through the
 * stock app over the same database.
 */
function makeMediaHarness(config: Partial<Config> = {}): MediaHarness {
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'media-test-'));
  onTestFinished(() => rmSync(mediaDir, { recursive: true, force: true }));
  const h = makeHarness({ config: { mediaDir, ...config } });
  const services = makeServices({ db: h.db, config: h.config, sync: h.sync, now: () => h.clock.now });
  const media = new Hono<AppEnv>();
  media.use('/api/*', async function noStore(c, next) {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  media.use('/api/*', sameOriginOnly({ publicOrigin: h.config.publicOrigin }));
  media.route('/api/media', mediaRoutes(services));
  media.onError(errorHandler((error) => h.errors.push(error)));
  return { ...h, media, mediaDir };
}

async function direct(h: Harness, a: Account, b: Account): Promise<string> {
  const res = await h.app.request('/api/conversations', json('POST', { kind: 'direct', userId: b.user.id }, a.headers));
  expect(res.status).toBe(201);
  return ConversationResponse.parse(await res.json()).conversation.id;
}

/** Alice and Bob share a conversation; Carol is an outsider. */
async function setup(config: Partial<Config> = {}) {
  const m = makeMediaHarness(config);
  const [alice, bob, carol] = [await signup(m, 'alice'), await signup(m, 'bob'), await signup(m, 'carol')];
  const conversationId = await direct(m, alice, bob);
  return { m, alice, bob, carol, conversationId };
}

type UploadBody = Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;

async function upload(
  m: MediaHarness,
  who: Account,
  conversationId: string,
  body: UploadBody,
  options: { type?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...who.headers, ...options.headers };
  if (options.type !== undefined) headers['content-type'] = options.type;
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers, duplex: 'half' };
  const extra = options.query ? `&${options.query}` : '';
  return m.media.request(`/api/media?conversationId=${encodeURIComponent(conversationId)}${extra}`, init);
}

async function uploaded(res: Response): Promise<Media> {
  expect(res.status, await res.clone().text()).toBe(201);
  return MediaResponse.parse(await res.json()).media;
}

/** A download whose body, if the test leaves it unread, is cancelled at the end as a client going away would. */
async function download(m: MediaHarness, who: Account, id: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await m.media.request(`/api/media/${id}`, { headers: { ...who.headers, ...headers } });
  onTestFinished(async () => {
    if (!res.bodyUsed) await res.body?.cancel();
  });
  return res;
}

const bytesOf = async (res: Response): Promise<Uint8Array> => new Uint8Array(await res.arrayBuffer());
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const errorOf = async (res: Response) => ErrorBody.parse(await res.json()).error;

/** Every file in the media directory is a stored media row's server-made name, and nothing else. */
function expectOnlyStoredFiles(m: MediaHarness): void {
  const rows = m.db.prepare<[], { file_name: string }>('SELECT file_name FROM media').all();
  expect(readdirSync(m.mediaDir).sort()).toEqual(rows.map((r) => r.file_name).sort());
  for (const name of readdirSync(m.mediaDir)) expect(name).toMatch(/^[A-Za-z0-9_-]{22}$/);
}

/** A body produced on demand, recording how much of it the server pulled. */
function lazyBody(totalBytes: number, chunkBytes: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= totalBytes) return controller.close();
        const n = Math.min(chunkBytes, totalBytes - state.pulled);
        state.pulled += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

function chunked(bytes: Uint8Array<ArrayBuffer>, chunkBytes: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunkBytes));
      at += chunkBytes;
    },
  });
}

describe('uploading and downloading', () => {
  test('a member uploads a file and another member downloads the same bytes with the sniffed type', async () => {
    const { m, alice, bob, conversationId } = await setup();
    const media = await uploaded(await upload(m, alice, conversationId, sample.PNG, { type: 'image/png', query: 'name=Grüße.png' }));
    expect(media).toEqual({ id: media.id, conversationId, mime: 'image/png', size: sample.PNG.byteLength, createdAt: m.clock.now });

    const res = await download(m, bob, media.id);
    expect(res.status).toBe(200);
    expect(await bytesOf(res)).toEqual(sample.PNG);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(sample.PNG.byteLength),
      'content-disposition': `inline; filename="Gr__e.png"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.png`,
      'accept-ranges': 'bytes',
      etag: `"${sha256(sample.PNG)}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cross-origin-resource-policy': 'same-origin',
    });
    expectOnlyStoredFiles(m);
  });

  test('stores the sniffed type when the client sends none, and streams a file larger than one chunk intact', async () => {
    const { m, alice, conversationId } = await setup();
    const big = new Uint8Array(700_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251;
    big.set(sample.MP4, 0);
    // Small chunks: the sniffer's head spans several of them.
    const media = await uploaded(await upload(m, alice, conversationId, chunked(big, 1000)));
    expect(media.mime).toBe('video/mp4');
    const res = await download(m, alice, media.id);
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="${media.id}.mp4"; filename*=UTF-8''${media.id}.mp4`);
    const got = await bytesOf(res);
    expect(got.byteLength).toBe(big.byteLength);
    expect(sha256(got)).toBe(sha256(big));
  });

  test('serves HTML and SVG as plain-text attachments, never inline', async () => {
    const { m, alice, conversationId } = await setup();
    const html = await uploaded(await upload(m, alice, conversationId, sample.HTML, { type: 'text/html', query: 'name=page.html' }));
    const svg = await uploaded(await upload(m, alice, conversationId, sample.SVG, { type: 'image/svg+xml' }));
    for (const media of [html, svg]) {
      expect(media.mime).toBe('text/plain');
      const res = await download(m, alice, media.id);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  test.runIf(existsSync('/proc/self/fd'))('closes the file when the client stops reading midway', async () => {
    const { m, alice, conversationId } = await setup();
    const media = await uploaded(await upload(m, alice, conversationId, new Uint8Array(500_000).fill(0x62)));
    const openFds = (): number => readdirSync('/proc/self/fd').length;
    const before = openFds();
    const res = await download(m, alice, media.id);
    const reader = res.body?.getReader();
    expect((await reader?.read())?.value?.byteLength).toBeGreaterThan(0);
    expect(openFds()).toBe(before + 1);
    await reader?.cancel();
    expect(openFds()).toBe(before);
  });

  test('answers HEAD with the headers and no body', async () => {
    const { m, alice, conversationId } = await setup();
    const media = await uploaded(await upload(m, alice, conversationId, sample.GIF));
    const res = await m.media.request(`/api/media/${media.id}`, { method: 'HEAD', headers: alice.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(sample.GIF.byteLength));
    expect((await bytesOf(res)).byteLength).toBe(0);
  });
});

describe('who may upload and download', () => {
  test('an outsider gets 404 for uploading to a conversation and for downloading its media, like an unknown id', async () => {
    const { m, alice, carol, conversationId } = await setup();
    const refused = await upload(m, carol, conversationId, sample.PNG);
    expect(refused.status).toBe(404);
    expect((await upload(m, carol, 'no-such-conversation', sample.PNG)).status).toBe(404);

    const media = await uploaded(await upload(m, alice, conversationId, sample.PNG));
    const foreign = await download(m, carol, media.id);
    const unknown = await download(m, carol, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await foreign.json()).toEqual(await unknown.json());
    expect(foreign.headers.get('cache-control')).toBe('no-store');
    expectOnlyStoredFiles(m);
  });

  test('needs a session, a conversationId, and a same-origin request', async () => {
    const { m, alice, conversationId } = await setup();
    const anonymous = await m.media.request(`/api/media?conversationId=${conversationId}`, { method: 'POST', body: sample.PNG });
    expect(anonymous.status).toBe(401);
    const noConversation = await m.media.request('/api/media', { method: 'POST', body: sample.PNG, headers: alice.headers });
    expect(noConversation.status).toBe(400);
    expect((await errorOf(noConversation)).message).toMatch(/conversationId/);
    const crossSite = await upload(m, alice, conversationId, sample.PNG, {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(readdirSync(m.mediaDir)).toEqual([]);
  });
});

describe('size, quota and type checks', () => {
  test('stops reading an oversized streamed body at the cap with 413 and leaves no file behind', async () => {
    const cap = 64 * 1024;
    const { m, alice, conversationId } = await setup({ mediaMaxBytes: cap });
    const body = lazyBody(20 * 1024 * 1024, 16 * 1024);
    const res = await upload(m, alice, conversationId, body.stream, { type: 'text/plain' });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toEqual({ code: 'too_large', message: 'file larger than the limit of 65536 bytes' });
    // The server read just past the cap, then cancelled the rest.
    expect(body.state.pulled).toBeLessThanOrEqual(cap + 2 * 16 * 1024);
    expect(body.state.cancelled).toBe(true);
    expect(readdirSync(m.mediaDir)).toEqual([]);
  });

  test('refuses a declared Content-Length over the cap before reading the body', async () => {
    const { m, alice, conversationId } = await setup({ mediaMaxBytes: 1000 });
    const body = lazyBody(5000, 1000);
    const res = await upload(m, alice, conversationId, body.stream, { headers: { 'content-length': '5000' } });
    expect(res.status).toBe(413);
    expect(body.state.pulled).toBe(0);
    expect(readdirSync(m.mediaDir)).toEqual([]);
  });

  test('refuses a file whose bytes contradict its declared type with 415', async () => {
    const { m, alice, conversationId } = await setup();
    const pngAsVideo = await upload(m, alice, conversationId, sample.PNG, { type: 'video/mp4' });
    expect(pngAsVideo.status).toBe(415);
    expect(await errorOf(pngAsVideo)).toEqual({
      code: 'unsupported_media_type',
      message: 'the file was declared as video/mp4 but its contents are image/png',
    });
    const htmlAsImage = await upload(m, alice, conversationId, sample.HTML, { type: 'image/png' });
    expect(htmlAsImage.status).toBe(415);
    expect((await errorOf(htmlAsImage)).message).toBe('the file was declared as image/png but its contents are HTML');
    const form = await upload(m, alice, conversationId, sample.PNG, { type: 'multipart/form-data; boundary=x' });
    expect(form.status).toBe(415);
    expect(readdirSync(m.mediaDir)).toEqual([]);
  });

  test('accepts audio/webm for a WebM recording and audio/mp4 for an MP4', async () => {
    const { m, alice, conversationId } = await setup();
    const webm = await uploaded(await upload(m, alice, conversationId, sample.WEBM, { type: 'audio/webm;codecs=opus' }));
    expect(webm.mime).toBe('video/webm');
    const mp4 = await uploaded(await upload(m, alice, conversationId, sample.MP4, { type: 'audio/mp4' }));
    expect(mp4.mime).toBe('video/mp4');
  });

  test('refuses an upload past the per-user quota with 413, and counts freed space again after a delete', async () => {
    const { m, alice, bob, conversationId } = await setup({ mediaQuotaBytes: 2500 });
    const first = await uploaded(await upload(m, alice, conversationId, sample.PNG));
    await uploaded(await upload(m, alice, conversationId, sample.PNG));

    const streamed = await upload(m, alice, conversationId, sample.PNG);
    expect(streamed.status).toBe(413);
    expect((await errorOf(streamed)).message).toMatch(/storage quota of 2500 bytes \(2040 bytes used\)/);
    const declared = await upload(m, alice, conversationId, sample.PNG, { headers: { 'content-length': String(sample.PNG.byteLength) } });
    expect(declared.status).toBe(413);
    // The quota is per uploader: Bob still has his.
    await uploaded(await upload(m, bob, conversationId, sample.PNG));
    expectOnlyStoredFiles(m);

    expect(await deleteMediaFiles(m, [first.id])).toEqual([first.id]);
    await uploaded(await upload(m, alice, conversationId, sample.PNG));
  });
});

describe('taking an upload back', () => {
  test('the uploader deletes a file no message carries, which frees its quota; others get 404', async () => {
    const { m, alice, bob, conversationId } = await setup({ mediaQuotaBytes: 2500 });
    const first = await uploaded(await upload(m, alice, conversationId, sample.PNG));
    await uploaded(await upload(m, alice, conversationId, sample.PNG));
    expect((await upload(m, alice, conversationId, sample.PNG)).status).toBe(413);

    // Bob may see it (same conversation) but not take it back; nor can an unknown id be probed.
    expect((await m.media.request(`/api/media/${first.id}`, { method: 'DELETE', headers: bob.headers })).status).toBe(404);
    expect((await m.media.request('/api/media/nope', { method: 'DELETE', headers: alice.headers })).status).toBe(404);

    const res = await m.media.request(`/api/media/${first.id}`, { method: 'DELETE', headers: alice.headers });
    expect(res.status).toBe(204);
    expect((await download(m, alice, first.id)).status).toBe(404);
    expectOnlyStoredFiles(m);
    await uploaded(await upload(m, alice, conversationId, sample.PNG));
  });

  test('refuses with 409 while a message carries it: deleting the message is the way', async () => {
    const { m, alice, conversationId } = await setup();
    const sent = await uploaded(await upload(m, alice, conversationId, sample.PNG));
    m.sync.carried.add(sent.id);
    const res = await m.media.request(`/api/media/${sent.id}`, { method: 'DELETE', headers: alice.headers });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/part of a message/);
    expect((await download(m, alice, sent.id)).status).toBe(200);
  });
});

describe('Range and caching', () => {
  const body = new TextEncoder().encode('0123456789abcdefghij');

  test('answers a single range with 206, the bytes asked for and Content-Range', async () => {
    const { m, alice, conversationId } = await setup();
    const media = await uploaded(await upload(m, alice, conversationId, body));
    const res = await download(m, alice, media.id, { range: 'bytes=2-5' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 2-5/20');
    expect(res.headers.get('content-length')).toBe('4');
    expect(new TextDecoder().decode(await bytesOf(res))).toBe('2345');

    const open = await download(m, alice, media.id, { range: 'bytes=15-' });
    expect(new TextDecoder().decode(await bytesOf(open))).toBe('fghij');
  });

  test('serves the last n bytes for a suffix range', async () => {
    const { m, alice, conversationId } = await setup();
    const media = await uploaded(await upload(m, alice, conversationId, body));
    const res = await download(m, alice, media.id, { range: 'bytes=-5' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 15-19/20');
    expect(new TextDecoder().decode(await bytesOf(res))).toBe('fghij');
  });

  test('answers 416 with the size for a range past the end, and 200 for several ranges', async () => {
    const { m, alice, conversationId } = await setup();
    const media = await uploaded(await upload(m, alice, conversationId, body));
    const past = await download(m, alice, media.id, { range: 'bytes=20-' });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */20');
    const several = await download(m, alice, media.id, { range: 'bytes=0-1,4-5' });
    expect(several.status).toBe(200);
    expect(await bytesOf(several)).toEqual(body);
  });

  test('answers 304 to a matching If-None-Match and ignores a range under a stale If-Range', async () => {
    const { m, alice, conversationId } = await setup();
    const media = await uploaded(await upload(m, alice, conversationId, body));
    const etag = (await download(m, alice, media.id)).headers.get('etag') ?? '';
    expect(etag).toBe(`"${sha256(body)}"`);
    const cached = await download(m, alice, media.id, { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);
    expect((await bytesOf(cached)).byteLength).toBe(0);
    expect((await download(m, alice, media.id, { 'if-none-match': '"other"' })).status).toBe(200);
    const stale = await download(m, alice, media.id, { range: 'bytes=0-1', 'if-range': '"other"' });
    expect(stale.status).toBe(200);
  });
});

describe('names from the client', () => {
  test('never reach the disk and come back sanitized in Content-Disposition', async () => {
    const { m, alice, conversationId } = await setup();
    const cases: [string, string][] = [
      ['name=../../etc/passwd', 'passwd'],
      ['name=%2e%2e%2f%2e%2e%2fsecret.txt', 'secret.txt'],
      ['name=%252e%252e%252fdouble.txt', '%2e%2e%2fdouble.txt'],
      ['name=evil%00.png%00.html', 'evil.png.html'],
      ['name=..%5C..%5Cwin.ini', 'win.ini'],
    ];
    for (const [query, shown] of cases) {
      const media = await uploaded(await upload(m, alice, conversationId, sample.UTF8_TEXT, { query }));
      const res = await download(m, alice, media.id);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${shown}"; filename*=UTF-8''${encodeURIComponent(shown)}`);
    }
    const dots = await uploaded(await upload(m, alice, conversationId, sample.UTF8_TEXT, { query: 'name=..' }));
    expect((await download(m, alice, dots.id)).headers.get('content-disposition')).toMatch(new RegExp(`filename="${dots.id}\\.txt"`));
    expectOnlyStoredFiles(m);
    expect(existsSync(path.join(m.mediaDir, '..', 'etc'))).toBe(false);
  });
});

describe('deleting media', () => {
  test('removes rows and files, and within a scope leaves other uploaders alone', async () => {
    const { m, alice, bob, conversationId } = await setup();
    const mine = await uploaded(await upload(m, alice, conversationId, sample.PNG));
    const bobs = await uploaded(await upload(m, bob, conversationId, sample.GIF));

    // A crafted message by Alice listing Bob's media must not delete it.
    expect(await deleteMediaFiles(m, [mine.id, bobs.id], { conversationId, uploaderId: alice.user.id })).toEqual([mine.id]);
    expect((await download(m, alice, mine.id)).status).toBe(404);
    expect((await download(m, alice, bobs.id)).status).toBe(200);
    expectOnlyStoredFiles(m);
    expect(await deleteMediaFiles(m, [mine.id, 'unknown'])).toEqual([]);
  });
});
