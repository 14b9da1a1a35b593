import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PNG } from '../../api/media/test-samples.js';
import type { Media } from '../../shared/api.js';
import * as conversation from '../../shared/doc/conversation.js';
import { makeClock } from '../../shared/doc/hlc.js';
import { type TestServer, type TestUser, connect, directConversation, makeUser, startTestServer, stored, synced } from '../support/server.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let convId: string;

beforeEach(async () => {
  server = await startTestServer();
  alice = await makeUser(server, 'Alice');
  bob = await makeUser(server, 'Bob');
  convId = await directConversation(server, alice, bob);
});
afterEach(() => server.dispose());

async function upload(user: TestUser, bytes: Uint8Array): Promise<Media> {
  const res = await fetch(`${server.url}/api/media?conversationId=${convId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'image/png' },
    body: new Blob([new Uint8Array(bytes)]),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { media: Media }).media;
}

const download = (user: TestUser, id: string): Promise<Response> =>
  fetch(`${server.url}/api/media/${id}`, { headers: { authorization: `Bearer ${user.token}` } });

describe('media of a conversation', () => {
  it('serves an uploaded image to the other member, and deletes it when its message is deleted for everyone', async () => {
    const media = await upload(alice, PNG);
    const got = await download(bob, media.id);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(new Uint8Array(PNG));

    const a = connect(server, alice, `conv:${convId}`, new Y.Doc());
    await synced(a);
    const record = conversation.sendMessage(a.doc, makeClock(), {
      author: alice.id,
      kind: 'media',
      attachments: [{ mediaId: media.id, mime: media.mime, size: media.size, width: 1, height: 1 }],
    });
    await stored(a);
    conversation.deleteMessage(a.doc, { msgId: record.id, userId: alice.id });
    await stored(a);
    await expect.poll(async () => (await download(bob, media.id)).status).toBe(404);
    expect(readdirSync(server.config.mediaDir)).toEqual([]);
    a.destroy();
  });

  it('lets the uploader take back a file no message carries, and not one a stored message carries', async () => {
    const remove = (id: string): Promise<Response> =>
      fetch(`${server.url}/api/media/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.token}` } });
    const cancelled = await upload(alice, PNG);
    const sent = await upload(alice, PNG);
    const a = connect(server, alice, `conv:${convId}`, new Y.Doc());
    await synced(a);
    conversation.sendMessage(a.doc, makeClock(), {
      author: alice.id,
      kind: 'media',
      attachments: [{ mediaId: sent.id, mime: sent.mime, size: sent.size, width: 1, height: 1 }],
    });
    await stored(a);
    expect((await remove(sent.id)).status).toBe(409);
    expect((await download(bob, sent.id)).status).toBe(200);
    expect((await remove(cancelled.id)).status).toBe(204);
    expect((await download(alice, cancelled.id)).status).toBe(404);
    expect(readdirSync(server.config.mediaDir)).toHaveLength(1);
    a.destroy();
  });
});
