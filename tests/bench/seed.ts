/**
 * Seeds a conversation with many messages through the real server: each
 * author writes from its own doc, pushed in chunks under the 1 MiB frame cap,
 * so everything passes the same validation as live traffic.
 */
import * as Y from 'yjs';
import * as conversation from '../../shared/doc/conversation.js';
import { makeClock } from '../../shared/doc/hlc.js';
import { type TestUser, connect, stored, synced } from '../support/server.js';

const words = 'the quick brown fox jumps over a lazy dog while we plan the weekend trip to the lake and bring snacks'.split(' ');

export async function seedConversation(
  server: { url: string },
  convId: string,
  authors: [TestUser, TestUser],
  count: number,
): Promise<void> {
  const start = Date.now() - count * 60_000;
  const docs = authors.map(() => new Y.Doc());
  const providers = authors.map((a, i) => connect(server, a, `conv:${convId}`, docs[i]));
  await Promise.all(providers.map(synced));
  const clocks = authors.map(() => makeClock());
  const CHUNK = 4000;
  for (let base = 0; base < count; base += CHUNK) {
    // One transaction per author and chunk: one frame each, well under the size and rate caps.
    for (const who of [0, 1]) {
      docs[who]!.transact(() => {
        for (let i = base; i < Math.min(count, base + CHUNK); i++) {
          if (Math.floor(i / 3) % 2 !== who) continue; // runs of three from each side, like a real chat
          const len = 3 + ((i * 7) % 25);
          const text = Array.from({ length: len }, (_, k) => words[(i + k * 3) % words.length]).join(' ') + ` #${i}`;
          conversation.sendMessage(docs[who]!, clocks[who]!, { author: authors[who]!.id, text, now: start + i * 60_000 });
        }
      });
    }
    await Promise.all(providers.map((p) => stored(p, 60_000)));
  }
  for (const p of providers) p.destroy();
}
