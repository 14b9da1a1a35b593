import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DB, openDatabase } from '../api/storage/database.js';
import * as conversation from '../shared/doc/conversation.js';
import { makeClock } from '../shared/doc/hlc.js';
import { InboxRoot, type InboxEntry } from '../shared/doc/schema.js';
import { CloseCode } from '../shared/protocol.js';
import { connectPeer, settle } from './fake-peer.test-util.js';
import { makeSqliteDocLog } from './storage/sqlite-doc-log.js';
import { SyncCore } from './sync-core.js';

let db: DB;
let core: SyncCore;
const members = new Map<string, string[]>([['c1', ['alice', 'bob']]]);
const lastSeen = new Map<string, number>();

function makeCore(): SyncCore {
  return new SyncCore({
    docLog: makeSqliteDocLog(db),
    membership: {
      isMember: (c, u) => members.get(c)?.includes(u) ?? false,
      memberIds: (c) => members.get(c) ?? [],
    },
    presence: { setLastSeen: (u, at) => lastSeen.set(u, at) },
  });
}

const updateCount = (): number => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates').get()!.n;

beforeEach(() => {
  db = openDatabase(':memory:');
  core = makeCore();
});
afterEach(() => {
  core.shutdown();
  db.close();
});

function encodeLength(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

function send(doc: Y.Doc, author: string, text: string): conversation.MessageView {
  const record = conversation.sendMessage(doc, makeClock(), { author, text });
  return { ...record, reactions: new Map() };
}

describe('sync core', () => {
  it('relays a member message to the other member and acknowledges it as stored', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    const sent = send(alice.doc, 'alice', 'hello bob');
    await settle();
    expect(conversation.readMessages(bob.doc).map((m) => m.text)).toEqual(['hello bob']);
    expect(alice.storedVector.get(alice.doc.clientID)).toBeGreaterThan(0);
    expect(sent.author).toBe('alice');
    expect(alice.closed).toBeNull();
  });

  it('refuses a non-member with 4403', () => {
    const eve = connectPeer(core, { id: 'eve' }, 'conv:c1');
    expect(eve.closed?.code).toBe(CloseCode.forbidden);
  });

  it("refuses someone else's inbox and malformed document names", () => {
    expect(connectPeer(core, { id: 'eve' }, 'inbox:alice').closed?.code).toBe(CloseCode.forbidden);
    expect(connectPeer(core, { id: 'eve' }, 'whatever').closed?.code).toBe(CloseCode.forbidden);
  });

  it('refuses a record whose author is someone else, storing and relaying nothing', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    const before = updateCount();
    conversation.appendRecord(bob.doc, { id: 'forged1', author: 'alice', hlc: Date.now(), sentAt: Date.now(), kind: 'text', text: 'I am alice' });
    await settle();
    expect(bob.closed?.code).toBe(CloseCode.forbidden);
    expect(updateCount()).toBe(before);
    expect(conversation.readMessages(alice.doc)).toEqual([]);
  });

  it("refuses writing another user's receipt", async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    conversation.markReceipt(bob.doc, 'alice', { seen: 5 });
    await settle();
    expect(bob.closed?.code).toBe(CloseCode.forbidden);
    expect(conversation.roots(alice.doc).receipts.size).toBe(0);
  });

  it("refuses editing or deleting another user's message", async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    let bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    const msg = send(alice.doc, 'alice', 'original');
    await settle();
    conversation.roots(bob.doc).edits.set(msg.id, { text: 'tampered', editedAt: Date.now() });
    await settle();
    expect(bob.closed?.code).toBe(CloseCode.forbidden);

    bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    const found = conversation.findRecord(bob.doc, msg.id)!;
    found.page.delete(found.index, 1);
    await settle();
    expect(bob.closed?.code).toBe(CloseCode.forbidden);
    expect(conversation.readMessages(alice.doc).map((m) => m.text)).toEqual(['original']);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, core.snapshotOf('conv:c1'));
    expect(conversation.readMessages(stored).map((m) => m.text)).toEqual(['original']);
  });

  it("refuses an update that reuses another user's client id", async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    await settle();
    send(alice.doc, 'alice', 'mine');
    await settle();
    // Written offline with alice's client id (a synced doc would notice the clash and pick another id).
    const forgedDoc = new Y.Doc();
    forgedDoc.clientID = alice.doc.clientID;
    for (let i = 0; i < 5; i++) send(forgedDoc, 'bob', `with alice client id ${i}`);
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1', forgedDoc);
    await settle();
    expect(bob.closed?.code).toBe(CloseCode.forbidden);
    expect(conversation.readMessages(alice.doc).map((m) => m.text)).toEqual(['mine']);
  });

  it('refuses writes to meta', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    await settle();
    conversation.roots(alice.doc).meta.set('title', 'hijacked');
    await settle();
    expect(alice.closed?.code).toBe(CloseCode.forbidden);
  });

  it('lets authors edit and delete their own messages and others see it', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    const a = send(alice.doc, 'alice', 'first');
    const b = send(alice.doc, 'alice', 'second');
    conversation.editMessage(alice.doc, { msgId: a.id, editor: 'alice', text: 'first, edited' });
    conversation.deleteMessage(alice.doc, { msgId: b.id, userId: 'alice' });
    conversation.react(bob.doc, a.id, 'bob', '👍');
    conversation.markReceipt(bob.doc, 'bob', { seen: a.hlc });
    await settle();
    expect(alice.closed).toBeNull();
    expect(bob.closed).toBeNull();
    const view = conversation.readMessages(bob.doc);
    expect(view.map((m) => [m.text, m.deleted !== undefined])).toEqual([
      ['first, edited', false],
      [undefined, true],
    ]);
    expect(conversation.readMessages(alice.doc)[0]!.reactions.get('👍')).toEqual(['bob']);
  });

  it('closes a socket that sends garbage and keeps the others working', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    bob.sendRaw(new Uint8Array([0, 2, 200, 1, 2, 3]));
    expect(bob.closed?.code).toBe(CloseCode.forbidden);
    const empty = connectPeer(core, { id: 'bob' }, 'conv:c1');
    empty.sendRaw(new Uint8Array([]));
    expect(empty.closed?.code).toBe(CloseCode.forbidden);
    send(alice.doc, 'alice', 'still here');
    await settle();
    expect(alice.closed).toBeNull();
  });

  it('closes with 4413 on a frame over 1 MiB and with 4429 on a message flood', async () => {
    const big = connectPeer(core, { id: 'alice' }, 'conv:c1');
    big.sendRaw(new Uint8Array(1024 * 1024 + 10));
    expect(big.closed?.code).toBe(CloseCode.tooLarge);
    const flood = connectPeer(core, { id: 'bob' }, 'conv:c1');
    const queryAwareness = new Uint8Array([3]);
    for (let i = 0; i < 1000 && !flood.closed; i++) flood.sendRaw(queryAwareness);
    expect(flood.closed?.code).toBe(CloseCode.tooManyMessages);
  });

  it('survives crafted updates: deep nesting, truncation, unknown roots and nested types', async () => {
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    const attacks: Array<(doc: Y.Doc) => void> = [
      (doc) => doc.getText('notes').insert(0, 'x'),
      (doc) => conversation.roots(doc).edits.set('m', new Y.Map() as never),
      (doc) => {
        const page = new Y.Array<unknown>();
        doc.getArray('messages').push([page]);
        page.push([new Y.Array()]);
      },
      (doc) => doc.getArray('messages').push(['not a page' as never]),
    ];
    for (const attack of attacks) {
      const peer = connectPeer(core, { id: 'bob' }, 'conv:c1');
      await settle();
      attack(peer.doc);
      await settle();
      expect(peer.closed?.code).toBe(CloseCode.forbidden);
    }
    // Deeply nested JSON inside a record and a truncated update frame.
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const d = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    conversation.appendRecord(d.doc, { id: 'deep', author: 'bob', hlc: Date.now(), sentAt: Date.now(), kind: 'text', text: 'x', attachments: deep as never });
    await settle();
    expect(d.closed?.code).toBe(CloseCode.forbidden);
    const t = connectPeer(core, { id: 'bob' }, 'conv:c1');
    const doc = new Y.Doc();
    conversation.sendMessage(doc, makeClock(), { author: 'bob', text: 'truncated' });
    const update = Y.encodeStateAsUpdate(doc);
    t.sendRaw(new Uint8Array([0, 2, ...encodeLength(update.length), ...update.slice(0, update.length - 5)]));
    expect(t.closed?.code).toBe(CloseCode.forbidden);
    expect(bob.closed).toBeNull();
    // Another document keeps working throughout.
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    await settle();
    send(alice.doc, 'alice', 'still fine');
    await settle();
    expect(conversation.readMessages(bob.doc).map((m) => m.text)).toEqual(['still fine']);
  });

  it('keeps messages across a restart of the core', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    await settle();
    for (let i = 0; i < 5; i++) send(alice.doc, 'alice', `m${i}`);
    await settle();
    core.shutdown();
    core = makeCore();
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    expect(conversation.readMessages(bob.doc).map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('drops deleted text from the stored bytes after compaction', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    await settle();
    const secret = send(alice.doc, 'alice', 'the secret launch code 8731');
    send(alice.doc, 'alice', 'keep this');
    conversation.deleteMessage(alice.doc, { msgId: secret.id, userId: 'alice' });
    await settle();
    alice.disconnect();
    core.shutdown(); // unloads and compacts
    const rows = db.prepare<[], { data: Buffer }>('SELECT data FROM doc_updates UNION ALL SELECT data FROM doc_snapshots').all();
    const all = Buffer.concat(rows.map((r) => r.data)).toString('latin1');
    expect(all).toContain('keep this');
    expect(all).not.toContain('launch code');
  });

  it('keeps no earlier text on the server after an edit without history and compaction', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    const m = send(alice.doc, 'alice', 'first draft wording');
    conversation.editMessage(alice.doc, { msgId: m.id, editor: 'alice', text: 'final wording' });
    await settle();
    expect(alice.closed).toBeNull();
    expect(conversation.readMessages(bob.doc).map((v) => v.text)).toEqual(['final wording']);
    alice.disconnect();
    bob.disconnect();
    core.shutdown();
    const rows = db.prepare<[], { data: Buffer }>('SELECT data FROM doc_updates UNION ALL SELECT data FROM doc_snapshots').all();
    const all = Buffer.concat(rows.map((r) => r.data)).toString('latin1');
    expect(all).toContain('final wording');
    expect(all).not.toContain('first draft');
  });

  it("refuses a record that reuses another user's message id", async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    const m = send(alice.doc, 'alice', 'mine');
    await settle();
    conversation.appendRecord(bob.doc, { ...m, author: 'bob', text: 'hijack' });
    await settle();
    expect(bob.closed?.code).toBe(CloseCode.forbidden);
  });

  it('overwrites the user an awareness state claims', async () => {
    const alice = connectPeer(core, { id: 'alice', name: 'Alice' }, 'conv:c1');
    const bob = connectPeer(core, { id: 'bob', name: 'Bob' }, 'conv:c1');
    await settle();
    bob.awareness.setLocalState({ user: { id: 'alice', name: 'Alice' }, typing: true });
    await settle();
    const state = alice.awareness.getStates().get(bob.doc.clientID);
    expect(state).toEqual({ user: { id: 'bob', name: 'Bob' }, typing: true });
  });

  it('keeps each member inbox with the last message and unread count', async () => {
    const alice = connectPeer(core, { id: 'alice' }, 'conv:c1');
    const inbox = connectPeer(core, { id: 'bob' }, 'inbox:bob');
    await settle();
    send(alice.doc, 'alice', 'one');
    send(alice.doc, 'alice', 'two');
    await new Promise((r) => setTimeout(r, 50));
    const entry = inbox.doc.getMap<InboxEntry>(InboxRoot.conversations).get('c1');
    expect(entry?.unread).toBe(2);
    expect(entry?.lastMessage?.preview).toBe('two');
  });

  it('closes a removed member at once', async () => {
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    await settle();
    core.membersChanged('c1', ['bob']);
    expect(bob.closed?.code).toBe(CloseCode.forbidden);
  });

  it('records when a user was last seen', async () => {
    const bob = connectPeer(core, { id: 'bob' }, 'conv:c1');
    expect(core.isOnline('bob')).toBe(true);
    bob.disconnect();
    expect(core.isOnline('bob')).toBe(false);
    expect(lastSeen.get('bob')).toBeGreaterThan(0);
  });
});
