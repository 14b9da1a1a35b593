import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as conversation from '../../shared/doc/conversation.js';
import { makeClock } from '../../shared/doc/hlc.js';
import { type ServerProcess, spawnServer } from '../support/process.js';
import { connect, directConversation, makeUser, stored, synced, until } from '../support/server.js';

let proc: ServerProcess | null = null;
let dataDir = '';

afterEach(async () => {
  await proc?.kill('SIGKILL');
  proc = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged message after kill -9 of the server', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'messenger-kill-'));
    proc = await spawnServer({ DATA_DIR: dataDir, PORT: '0' });
    const alice = await makeUser(proc, 'Alice');
    const bob = await makeUser(proc, 'Bob');
    const convId = await directConversation(proc, alice, bob);
    const a = connect(proc, alice, `conv:${convId}`);
    await synced(a);
    const clock = makeClock();
    for (let i = 0; i < 50; i++) conversation.sendMessage(a.doc, clock, { author: alice.id, text: `durable ${i}` });
    await stored(a, 15_000);
    await proc.kill('SIGKILL');
    a.destroy();

    proc = await spawnServer({ DATA_DIR: dataDir, PORT: '0' });
    const b = connect(proc, bob, `conv:${convId}`, new Y.Doc());
    await synced(b);
    await until(b.doc, () => conversation.readMessages(b.doc).length === 50, 15_000);
    expect(conversation.readMessages(b.doc).map((m) => m.text)).toEqual(Array.from({ length: 50 }, (_, i) => `durable ${i}`));
    b.destroy();
  });
});
