import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DB, openDatabase } from '../api/storage/database.js';
import * as conversation from '../shared/doc/conversation.js';
import { makeClock } from '../shared/doc/hlc.js';
import { type FakePeer, connectPeer, settle } from './fake-peer.test-util.js';
import { makeSqliteDocLog } from './storage/sqlite-doc-log.js';
import { SyncCore } from './sync-core.js';

/** Small deterministic PRNG so a failing seed can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USERS = ['u0', 'u1', 'u2'];
let db: DB | null = null;
let core: SyncCore | null = null;
const refusals: string[] = [];

afterEach(() => {
  core?.shutdown();
  db?.close();
  core = null;
  db = null;
});

async function run(seed: number): Promise<void> {
  const random = mulberry32(seed);
  refusals.length = 0;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  db = openDatabase(':memory:');
  const makeCore = (): SyncCore =>
    new SyncCore({
      docLog: makeSqliteDocLog(db!),
      membership: { isMember: () => true, memberIds: () => USERS },
      presence: { setLastSeen: () => {} },
      log: (_level, _message, fields) => refusals.push(String(fields.reason)),
    });
  core = makeCore();
  // Two devices per user, each with its own doc.
  const devices = USERS.flatMap((user) => [0, 1].map(() => ({ user, doc: new Y.Doc(), clock: makeClock(), peer: null as FakePeer | null })));
  for (const d of devices) d.peer = connectPeer(core, { id: d.user }, 'conv:c');
  await settle();

  for (let step = 0; step < 200; step++) {
    const d = pick(devices);
    const r = random();
    const mine = conversation.readMessages(d.doc).filter((m) => m.author === d.user && !m.deleted);
    if (r < 0.45) conversation.sendMessage(d.doc, d.clock, { author: d.user, text: `s${seed}-${step}` });
    else if (r < 0.55 && mine.length > 0) conversation.editMessage(d.doc, { msgId: pick(mine).id, editor: d.user, text: `e${step}` });
    else if (r < 0.62 && mine.length > 0) conversation.deleteMessage(d.doc, { msgId: pick(mine).id, userId: d.user });
    else if (r < 0.7) {
      const all = conversation.readMessages(d.doc).filter((m) => !m.deleted);
      if (all.length > 0) conversation.react(d.doc, pick(all).id, d.user, pick(['👍', '❤️', null]));
    } else if (r < 0.76) conversation.markReceipt(d.doc, d.user, { seen: conversation.recentHlc(d.doc) });
    else if (r < 0.8) conversation.removeLeftovers(d.doc, d.user);
    else if (r < 0.82) {
      await core.writeConversationMeta({ id: 'c', kind: 'group', title: 'fuzz', keepEditHistory: random() < 0.5 });
    } else if (r < 0.9) {
      // Go offline or come back.
      if (d.peer && !d.peer.closed) {
        d.peer.disconnect();
        d.peer = null;
      } else d.peer = connectPeer(core, { id: d.user }, 'conv:c', d.doc);
    } else if (r < 0.93) {
      // Restart the server: every socket drops.
      for (const x of devices) x.peer?.disconnect();
      core.shutdown();
      core = makeCore();
      for (const x of devices) x.peer = random() < 0.7 ? connectPeer(core, { id: x.user }, 'conv:c', x.doc) : null;
    }
    await settle();
    for (const x of devices) expect(x.peer?.closed ?? null, `seed ${seed} step ${step}: honest client refused: ${refusals.join('; ')}`).toBeNull();
  }
  for (const d of devices) {
    d.peer?.disconnect();
    d.peer = connectPeer(core, { id: d.user }, 'conv:c', d.doc);
  }
  await settle();
  await settle();
  const reference = devices[0]!.doc;
  const expected = JSON.stringify(conversation.readMessages(reference).map((m) => ({ ...m, reactions: [...m.reactions] })));
  for (const d of devices) {
    expect(Y.encodeStateVector(d.doc)).toEqual(Y.encodeStateVector(reference));
    expect(JSON.stringify(conversation.readMessages(d.doc).map((m) => ({ ...m, reactions: [...m.reactions] })))).toBe(expected);
  }
}

describe('convergence', () => {
  for (const seed of Array.from({ length: 24 }, (_, i) => i + 1)) {
    it(`converges with random edits, deletes, disconnects and restarts (seed ${seed})`, () => run(seed));
  }
});
