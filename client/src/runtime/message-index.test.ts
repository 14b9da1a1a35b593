import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import * as conversation from '../../../shared/doc/conversation.js';
import * as hlc from '../../../shared/doc/hlc.js';
import { makeMessageIndex } from './message-index.js';

/** Two replicas that exchange every update at once. */
function linkedDocs(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(b, u, 'peer'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(a, u, 'peer'));
  return [a, b];
}

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('message index', () => {
  it('matches readMessages after every kind of change, locally and from a peer', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rand = random(seed);
      const [a, b] = linkedDocs();
      const index = makeMessageIndex(b);
      const clocks = { alice: hlc.makeClock(), bob: hlc.makeClock() };
      const docs = { alice: a, bob: b };
      const mine: Record<'alice' | 'bob', string[]> = { alice: [], bob: [] };
      let now = 1_700_000_000_000;
      for (let step = 0; step < 300; step++) {
        const who = rand() < 0.5 ? 'alice' : 'bob';
        const doc = docs[who];
        const roll = rand();
        now += Math.floor(rand() * 1000);
        const existing = mine[who];
        const target = existing[Math.floor(rand() * existing.length)];
        if (roll < 0.6 || target === undefined) {
          // Some messages are written with an old clock, as if from offline.
          const at = rand() < 0.1 ? now - 100_000 : now;
          const clock = rand() < 0.1 ? hlc.makeClock() : clocks[who];
          const record = doc.transact(() => conversation.sendMessage(doc, clock, { author: who, text: `m${step}`, now: at }));
          existing.push(record.id);
        } else if (roll < 0.75) {
          conversation.editMessage(doc, { msgId: target, editor: who, text: `edited ${step}`, now });
        } else if (roll < 0.85) {
          conversation.deleteMessage(doc, { msgId: target, userId: who, now });
          existing.splice(existing.indexOf(target), 1);
        } else {
          conversation.react(doc, target, who, rand() < 0.3 ? null : rand() < 0.5 ? '👍' : '❤️');
        }
        expect(index.messages.get()).toEqual(conversation.readMessages(b));
      }
      index.destroy();
    }
  });

  it('matches readMessages when an edit and a delete of one message cross, and after the leftovers go', () => {
    const [a, b] = linkedDocs();
    const index = makeMessageIndex(b);
    const m = conversation.sendMessage(a, hlc.makeClock(), { author: 'a', text: 'original' });
    // Cut the link: the same author on two devices, one edits, the other deletes.
    const c = new Y.Doc();
    Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
    conversation.editMessage(c, { msgId: m.id, editor: 'a', text: 'edited' });
    conversation.deleteMessage(b, { msgId: m.id, userId: 'a' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(c));
    expect(index.messages.get()).toEqual(conversation.readMessages(b));
    conversation.removeLeftovers(b, 'a');
    expect(index.messages.get()).toEqual(conversation.readMessages(b));
    expect(index.messages.get()[0]?.deleted).toBeDefined();
    index.destroy();
  });

  it('orders reactions the same way readMessages does', () => {
    const doc = new Y.Doc();
    const index = makeMessageIndex(doc);
    const m = conversation.sendMessage(doc, hlc.makeClock(), { author: 'a', text: 'react to me' });
    for (const [user, emoji] of [['z', '👍'], ['b', '❤️'], ['c', '👍'], ['a', '😂']] as const) conversation.react(doc, m.id, user, emoji);
    expect(index.messages.get()).toEqual(conversation.readMessages(doc));
    expect([...(index.messages.get()[0]?.reactions.keys() ?? [])][0]).toBe('👍');
    index.destroy();
  });

  it('starts from a document that already holds messages, across several pages', () => {
    const doc = new Y.Doc();
    const clock = hlc.makeClock();
    for (let i = 0; i < 1200; i++) conversation.sendMessage(doc, clock, { author: 'a', text: `hello ${i}`, now: 1_700_000_000_000 + i });
    const index = makeMessageIndex(doc);
    expect(index.messages.get()).toEqual(conversation.readMessages(doc));
    expect(index.messages.get()).toHaveLength(1200);
    index.destroy();
  });

  it('publishes a new array only when a transaction changed messages', () => {
    const doc = new Y.Doc();
    const index = makeMessageIndex(doc);
    const seen: number[] = [];
    const off = index.messages.subscribe((list) => seen.push(list.length));
    conversation.sendMessage(doc, hlc.makeClock(), { author: 'a', text: 'one' });
    conversation.markReceipt(doc, 'a', { seen: 5 });
    expect(seen).toEqual([1]);
    off();
    index.destroy();
  });

  it('applies a large update from the server in one go', () => {
    const source = new Y.Doc();
    const clock = hlc.makeClock();
    for (let i = 0; i < 3000; i++) conversation.sendMessage(source, clock, { author: 'a', text: `x${i}`, now: 1_700_000_000_000 + i });
    const doc = new Y.Doc();
    const index = makeMessageIndex(doc);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    expect(index.messages.get()).toEqual(conversation.readMessages(doc));
    index.destroy();
  });

  it('knows the struct id of each record', () => {
    const doc = new Y.Doc();
    const index = makeMessageIndex(doc);
    const clock = hlc.makeClock();
    const first = conversation.sendMessage(doc, clock, { author: 'a', text: 'one' });
    const second = conversation.sendMessage(doc, clock, { author: 'a', text: 'two' });
    const a = index.recordId(first.id);
    const b = index.recordId(second.id);
    expect(a?.client).toBe(doc.clientID);
    expect(b?.client).toBe(doc.clientID);
    expect(b?.clock ?? 0).toBeGreaterThan(a?.clock ?? Infinity);
    index.destroy();
  });

  it('keeps thread replies out of the timeline and in their thread, through random changes', () => {
    for (const seed of [11, 12, 13]) {
      const rand = random(seed);
      const [a, b] = linkedDocs();
      const index = makeMessageIndex(b);
      const clocks = { alice: hlc.makeClock(), bob: hlc.makeClock() };
      const docs = { alice: a, bob: b };
      const mine: Record<'alice' | 'bob', string[]> = { alice: [], bob: [] };
      const roots: string[] = [];
      const threadOf = new Map<string, string>();
      let now = 1_700_000_000_000;
      for (let step = 0; step < 200; step++) {
        const who = rand() < 0.5 ? 'alice' : 'bob';
        const doc = docs[who];
        const roll = rand();
        now += 1000;
        const target = mine[who][Math.floor(rand() * mine[who].length)];
        if (roll < 0.35 || target === undefined) {
          const record = conversation.sendMessage(doc, clocks[who], { author: who, text: `m${step}`, now });
          mine[who].push(record.id);
          roots.push(record.id);
        } else if (roll < 0.65) {
          const root = roots[Math.floor(rand() * roots.length)];
          const record = conversation.sendMessage(doc, clocks[who], { author: who, text: `t${step}`, threadOf: root, now });
          mine[who].push(record.id);
          if (root !== undefined) threadOf.set(record.id, root);
        } else if (roll < 0.8) {
          conversation.editMessage(doc, { msgId: target, editor: who, text: `edited ${step}`, now });
        } else {
          conversation.deleteMessage(doc, { msgId: target, userId: who, now });
          mine[who].splice(mine[who].indexOf(target), 1);
        }
        const all = conversation.readMessages(b);
        expect(index.messages.get()).toEqual(all);
        expect(index.timeline.get()).toEqual(all.filter((m) => !threadOf.has(m.id)));
        for (const root of new Set(threadOf.values())) {
          const replies = all.filter((m) => threadOf.get(m.id) === root);
          expect(index.thread(root)).toEqual(replies);
          const live = replies.filter((m) => !m.deleted);
          expect(index.threadSummary(root)).toEqual({ count: live.length, lastAt: Math.max(0, ...live.map((m) => m.sentAt)) });
        }
      }
      index.destroy();
    }
  });

  it('finds a message in the timeline and counts what came after a point', () => {
    const doc = new Y.Doc();
    const clock = hlc.makeClock();
    const sent = Array.from({ length: 10 }, (_, i) =>
      conversation.sendMessage(doc, clock, { author: i % 2 === 0 ? 'me' : 'you', text: `m${i}`, now: 1_700_000_000_000 + i }),
    );
    const reply = conversation.sendMessage(doc, clock, { author: 'you', text: 'in a thread', threadOf: sent[0]!.id });
    const index = makeMessageIndex(doc);
    expect(index.timelineIndexOf(sent[7]!.id)).toBe(7);
    expect(index.timelineIndexOf(reply.id)).toBe(-1);
    expect(index.timelineIndexOf('nope')).toBe(-1);
    expect(index.get(reply.id)?.text).toBe('in a thread');
    expect(index.countAfter(sent[5]!)).toBe(4);
    expect(index.countAfter(sent[5]!, 'me')).toBe(2);
    index.destroy();
  });

  it('tells listeners which views went and came, and publishes the timeline only when it changed', () => {
    const doc = new Y.Doc();
    const clock = hlc.makeClock();
    const root = conversation.sendMessage(doc, clock, { author: 'a', text: 'root' });
    const index = makeMessageIndex(doc);
    const changes: Array<{ removed: string[]; added: string[] }> = [];
    index.onChange((c) => changes.push({ removed: c.removed.map((v) => v.text ?? '-'), added: c.added.map((v) => v.text ?? '-') }));
    let timelines = 0;
    index.timeline.subscribe(() => timelines++);
    conversation.sendMessage(doc, clock, { author: 'a', text: 'reply', threadOf: root.id });
    expect(timelines).toBe(0);
    conversation.editMessage(doc, { msgId: root.id, editor: 'a', text: 'root, edited' });
    expect(timelines).toBe(1);
    expect(changes).toEqual([
      { removed: [], added: ['reply'] },
      { removed: ['root'], added: ['root, edited'] },
    ]);
    index.destroy();
  });

  it('keeps a deleted thread reply in its thread when it saw the reply before', () => {
    const doc = new Y.Doc();
    const clock = hlc.makeClock();
    const index = makeMessageIndex(doc);
    const root = conversation.sendMessage(doc, clock, { author: 'a', text: 'root' });
    const reply = conversation.sendMessage(doc, clock, { author: 'a', text: 'reply', threadOf: root.id });
    conversation.deleteMessage(doc, { msgId: reply.id, userId: 'a' });
    expect(index.timeline.get().map((m) => m.id)).toEqual([root.id]);
    expect(index.thread(root.id).map((m) => [m.id, m.deleted !== undefined])).toEqual([[reply.id, true]]);
    expect(index.threadSummary(root.id)).toEqual({ count: 0, lastAt: 0 });
    index.destroy();
  });
});
