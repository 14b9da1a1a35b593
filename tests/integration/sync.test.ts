import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as conversation from '../../shared/doc/conversation.js';
import { makeClock } from '../../shared/doc/hlc.js';
import { CloseCode } from '../../shared/protocol.js';
import {
  type TestServer,
  type TestUser,
  api,
  closedWith,
  connect,
  directConversation,
  makeUser,
  startTestServer,
  stored,
  synced,
  until,
} from '../support/server.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let convId: string;
const providers: WebsocketProvider[] = [];

function open(user: TestUser, docName: string, doc = new Y.Doc()): WebsocketProvider {
  const p = connect(server, user, docName, doc);
  providers.push(p);
  return p;
}

const texts = (doc: Y.Doc): Array<string | undefined> => conversation.readMessages(doc).map((m) => m.text);
const storedCount = (): number => {
  // Read through a second connection to the same file: what is on disk, not in memory.
  return server.core.snapshotOf(`conv:${convId}`).byteLength;
};

beforeEach(async () => {
  server = await startTestServer();
  alice = await makeUser(server, 'Alice');
  bob = await makeUser(server, 'Bob');
  convId = await directConversation(server, alice, bob);
});

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server.dispose();
});

describe('sync over real WebSockets', () => {
  it('delivers a message from one member to the other', async () => {
    const a = open(alice, `conv:${convId}`);
    const b = open(bob, `conv:${convId}`);
    await Promise.all([synced(a), synced(b)]);
    conversation.sendMessage(a.doc, makeClock(), { author: alice.id, text: 'hi Bob' });
    await until(b.doc, () => texts(b.doc).includes('hi Bob'));
    conversation.sendMessage(b.doc, makeClock(), { author: bob.id, text: 'hi Alice' });
    await until(a.doc, () => texts(a.doc).length === 2);
    expect(texts(a.doc)).toEqual(['hi Bob', 'hi Alice']);
    expect(conversation.readMeta(a.doc).kind).toBe('direct');
  });

  it('refuses a non-member with 4403', async () => {
    const eve = await makeUser(server, 'Eve');
    const p = open(eve, `conv:${convId}`);
    expect((await closedWith(p)).code).toBe(CloseCode.forbidden);
  });

  it('refuses a socket without a session with 4401', async () => {
    const p = open({ ...alice, token: 'not-a-real-token-aaaaaaaaaaaaaaaa' }, `conv:${convId}`);
    expect((await closedWith(p)).code).toBe(CloseCode.unauthenticated);
  });

  it('refuses a forged author with 4403 and neither stores nor relays it', async () => {
    const a = open(alice, `conv:${convId}`);
    const b = open(bob, `conv:${convId}`);
    await Promise.all([synced(a), synced(b)]);
    const before = storedCount();
    const closed = closedWith(b);
    conversation.appendRecord(b.doc, { id: 'forged', author: alice.id, hlc: Date.now(), sentAt: Date.now(), kind: 'text', text: 'from "alice"' });
    expect((await closed).code).toBe(CloseCode.forbidden);
    // Alice, still connected, sends a message of her own: it arrives, the forged one never does.
    conversation.sendMessage(a.doc, makeClock(), { author: alice.id, text: 'real' });
    const c = open(alice, `conv:${convId}`, new Y.Doc());
    await until(c.doc, () => texts(c.doc).includes('real'));
    expect(texts(c.doc)).toEqual(['real']);
    expect(texts(a.doc)).toEqual(['real']);
    expect(storedCount()).toBeGreaterThan(before);
  });

  it("refuses another user's receipt, edit, delete and client id", async () => {
    const a = open(alice, `conv:${convId}`);
    await synced(a);
    const msg = conversation.sendMessage(a.doc, makeClock(), { author: alice.id, text: 'original' });

    const attempts: Array<(doc: Y.Doc) => void> = [
      (doc) => conversation.markReceipt(doc, alice.id, { seen: msg.hlc }),
      (doc) => conversation.roots(doc).edits.set(msg.id, { text: 'tampered', editedAt: Date.now() }),
      (doc) => {
        const found = conversation.findRecord(doc, msg.id)!;
        found.page.delete(found.index, 1);
      },
    ];
    for (const attempt of attempts) {
      const b = open(bob, `conv:${convId}`);
      await synced(b);
      await until(b.doc, () => texts(b.doc).includes('original'));
      const closed = closedWith(b);
      attempt(b.doc);
      expect((await closed).code).toBe(CloseCode.forbidden);
    }
    // Client id reuse: written offline with alice's id, then synced.
    const forged = new Y.Doc();
    forged.clientID = a.doc.clientID;
    for (let i = 0; i < 5; i++) conversation.sendMessage(forged, makeClock(), { author: bob.id, text: `x${i}` });
    const b = open(bob, `conv:${convId}`, forged);
    expect((await closedWith(b)).code).toBe(CloseCode.forbidden);

    const check = open(alice, `conv:${convId}`, new Y.Doc());
    await synced(check);
    await until(check.doc, () => texts(check.doc).length === 1);
    expect(texts(check.doc)).toEqual(['original']);
    expect(conversation.roots(check.doc).receipts.size).toBe(0);
    expect(conversation.roots(check.doc).edits.size).toBe(0);
  });

  it('keeps messages across a server restart, in the same order', async () => {
    const a = open(alice, `conv:${convId}`);
    await synced(a);
    const clock = makeClock();
    for (let i = 0; i < 20; i++) conversation.sendMessage(a.doc, clock, { author: alice.id, text: `m${i}` });
    await stored(a);
    a.destroy();
    server = await server.restart();
    const b = open(bob, `conv:${convId}`);
    await synced(b);
    await until(b.doc, () => texts(b.doc).length === 20);
    expect(texts(b.doc)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
  });

  it('closes a removed member sockets at once', async () => {
    const carol = await makeUser(server, 'Carol');
    const group = await api<{ conversation: { id: string } }>(server, 'POST', '/api/conversations', {
      token: alice.token,
      body: { kind: 'group', title: 'Trip', memberIds: [bob.id, carol.id] },
    });
    expect(group.status).toBe(201);
    const gid = group.body.conversation.id;
    const c = open(carol, `conv:${gid}`);
    await synced(c);
    expect(conversation.readMeta(c.doc)).toMatchObject({ kind: 'group', title: 'Trip' });
    const closed = closedWith(c);
    const res = await api(server, 'DELETE', `/api/conversations/${gid}/members/${carol.id}`, { token: alice.token });
    expect(res.status).toBe(204);
    expect((await closed).code).toBe(CloseCode.forbidden);
  });

  it('closes sockets of a session that logs out with 4401', async () => {
    const a = open(alice, `conv:${convId}`);
    await synced(a);
    const closed = closedWith(a);
    const res = await api(server, 'POST', '/api/auth/logout', { token: alice.token });
    expect(res.status).toBe(204);
    expect((await closed).code).toBe(CloseCode.unauthenticated);
  });
});

describe('live presence in the inbox', () => {
  /** Bob's contacts' presence, as the server's awareness state in his inbox says. */
  const presenceIn = (p: WebsocketProvider): Record<string, { online: boolean; lastSeenAt: number | null }> => {
    for (const [clientId, state] of p.awareness.getStates()) {
      if (clientId !== p.awareness.clientID && state && typeof state === 'object' && 'presence' in state) {
        return state.presence as Record<string, { online: boolean; lastSeenAt: number | null }>;
      }
    }
    return {};
  };
  const waitFor = async (check: () => boolean): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('tells a user at once when a contact comes online and goes offline, with the last-seen time', async () => {
    await api(server, 'POST', '/api/contacts', { token: bob.token, body: { userId: alice.id } });
    const inbox = open(bob, `inbox:${bob.id}`);
    await synced(inbox);
    await waitFor(() => presenceIn(inbox)[alice.id]?.online === false);

    const before = Date.now();
    const a = open(alice, `conv:${convId}`);
    await waitFor(() => presenceIn(inbox)[alice.id]?.online === true);
    a.destroy();
    await waitFor(() => presenceIn(inbox)[alice.id]?.online === false);
    expect(presenceIn(inbox)[alice.id]?.lastSeenAt).toBeGreaterThanOrEqual(before);
  });

  it('shows direct-conversation partners too, even when not contacts', async () => {
    // Alice and Bob share a direct conversation (beforeEach) but neither added the other.
    const inbox = open(bob, `inbox:${bob.id}`);
    await synced(inbox);
    await waitFor(() => presenceIn(inbox)[alice.id]?.online === false);
    const a = open(alice, `conv:${convId}`);
    await waitFor(() => presenceIn(inbox)[alice.id]?.online === true);
    a.destroy();
    // A stranger who only shares a group with Bob is not shown.
    const carol = await makeUser(server, 'Carol');
    const group = await api<{ conversation: { id: string } }>(server, 'POST', '/api/conversations', { token: carol.token, body: { kind: 'group', title: 'Club', memberIds: [bob.id] } });
    open(carol, `conv:${group.body.conversation.id}`);
    await waitFor(() => presenceIn(inbox)[alice.id]?.online === false);
    expect(presenceIn(inbox)[carol.id]).toBeUndefined();
  });

  it('follows the contact list, and carries nothing for people who are neither contacts nor direct partners', async () => {
    const carol = await makeUser(server, 'Carol');
    const inbox = open(bob, `inbox:${bob.id}`);
    await synced(inbox);
    const c = open(carol, `inbox:${carol.id}`);
    await synced(c);
    // Carol is online but not Bob's contact: nothing about her.
    await new Promise((r) => setTimeout(r, 200));
    expect(presenceIn(inbox)[carol.id]).toBeUndefined();
    await api(server, 'POST', '/api/contacts', { token: bob.token, body: { userId: carol.id } });
    await waitFor(() => presenceIn(inbox)[carol.id]?.online === true);
    await api(server, 'DELETE', `/api/contacts/${carol.id}`, { token: bob.token });
    await waitFor(() => presenceIn(inbox)[carol.id] === undefined);
  });

  it('refuses a client speaking for the server in awareness', async () => {
    await api(server, 'POST', '/api/contacts', { token: bob.token, body: { userId: alice.id } });
    const inbox = open(bob, `inbox:${bob.id}`);
    await synced(inbox);
    await waitFor(() => presenceIn(inbox)[alice.id] !== undefined);
    const serverClient = [...inbox.awareness.getStates().keys()].find((id) => id !== inbox.awareness.clientID)!;
    // A second tab of Bob's claims the server's client id with a forged presence.
    const forger = open(bob, `inbox:${bob.id}`);
    await synced(forger);
    const fake = new (await import('y-protocols/awareness')).Awareness(new Y.Doc());
    fake.clientID = serverClient;
    fake.setLocalState({ presence: { [alice.id]: { online: true, lastSeenAt: 1 } } });
    const { encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const encoding = await import('lib0/encoding');
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // messageAwareness
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(fake, [serverClient], new Map([[serverClient, { clock: 99, lastUpdated: Date.now() }]])));
    forger.ws?.send(encoding.toUint8Array(e));
    await new Promise((r) => setTimeout(r, 300));
    expect(presenceIn(inbox)[alice.id]).toEqual({ online: false, lastSeenAt: null });
    fake.destroy();
  });
});
