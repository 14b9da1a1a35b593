import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Limits } from '../protocol.js';
import * as conversation from './conversation.js';
import * as hlc from './hlc.js';
import { isRuleError } from './rules.js';

/** Docs that exchange every update with each other, like clients through a server. */
function network(n: number): Y.Doc[] {
  const docs = Array.from({ length: n }, () => new Y.Doc());
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, 'remote');
    });
  }
  return docs;
}

function syncAll(docs: Y.Doc[]): void {
  for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
}

const texts = (doc: Y.Doc): Array<string | undefined> => conversation.readMessages(doc).map((m) => (m.deleted ? '<deleted>' : m.text));

describe('conversation model', () => {
  it('orders messages by (hlc, id) identically on every device', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    conversation.sendMessage(a, hlc.makeClock(), { author: 'a', text: 'a1', now: 1000 });
    conversation.sendMessage(b, hlc.makeClock(), { author: 'b', text: 'b1', now: 500 });
    conversation.sendMessage(a, hlc.makeClock(), { author: 'a', text: 'a2', now: 1001 });
    syncAll([a, b]);
    expect(texts(a)).toEqual(['b1', 'a1', 'a2']);
    expect(texts(b)).toEqual(texts(a));
  });

  it('sorts a reply after what it answers even when the replier clock is behind', () => {
    const [a, b] = network(2);
    const q = conversation.sendMessage(a!, hlc.makeClock(), { author: 'a', text: 'question', now: 10_000 });
    const r = conversation.sendMessage(b!, hlc.makeClock(), { author: 'b', text: 'answer', replyTo: q.id, now: 5_000 });
    expect(r.hlc).toBeGreaterThan(q.hlc);
    expect(texts(a!)).toEqual(['question', 'answer']);
  });

  it('opens a new page when the last one is full', () => {
    const doc = new Y.Doc();
    const clock = hlc.makeClock();
    for (let i = 0; i < Limits.pageSize + 3; i++) conversation.sendMessage(doc, clock, { author: 'a', text: `m${i}` });
    const { messages } = conversation.roots(doc);
    expect(messages.length).toBe(2);
    expect(messages.get(0).length).toBe(Limits.pageSize);
    expect(messages.get(1).length).toBe(3);
  });

  it('keeps both messages when two clients open a page at the same time', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    conversation.sendMessage(a, hlc.makeClock(), { author: 'a', text: 'from a' });
    conversation.sendMessage(b, hlc.makeClock(), { author: 'b', text: 'from b' });
    syncAll([a, b]);
    expect(conversation.roots(a).messages.length).toBe(2);
    expect(texts(a).sort()).toEqual(['from a', 'from b']);
    expect(texts(b)).toEqual(texts(a));
  });

  it('refuses to send a text message without text or by writing as nobody', () => {
    const doc = new Y.Doc();
    expect(() => conversation.sendMessage(doc, hlc.makeClock(), { author: 'a', text: '   ' })).toThrow();
    expect(() => conversation.sendMessage(doc, hlc.makeClock(), { author: 'a', text: 'x'.repeat(Limits.maxTextLength + 1) })).toThrow();
  });

  it('lets only the author edit, and keeps history only when the conversation says so', () => {
    const doc = new Y.Doc();
    const m = conversation.sendMessage(doc, hlc.makeClock(), { author: 'a', text: 'v1' });
    expect(() => conversation.editMessage(doc, { msgId: m.id, editor: 'b', text: 'nope' })).toThrow(/author/);
    conversation.editMessage(doc, { msgId: m.id, editor: 'a', text: 'v2' });
    expect(conversation.roots(doc).edits.get(m.id)?.history).toBeUndefined();
    conversation.writeMeta(doc, { keepEditHistory: true });
    conversation.editMessage(doc, { msgId: m.id, editor: 'a', text: 'v3' });
    const edit = conversation.roots(doc).edits.get(m.id)!;
    expect(edit.text).toBe('v3');
    expect(edit.history?.map((h) => h.text)).toEqual(['v2']);
    expect(conversation.readMessages(doc)[0]!.text).toBe('v3');
  });

  it('converges when an edit and a delete of the same message cross', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const m = conversation.sendMessage(a, hlc.makeClock(), { author: 'a', text: 'original' });
    syncAll([a, b]);
    // The same author on two devices: one edits, the other deletes.
    conversation.editMessage(a, { msgId: m.id, editor: 'a', text: 'edited' });
    conversation.deleteMessage(b, { msgId: m.id, userId: 'a' });
    syncAll([a, b]);
    expect(texts(a)).toEqual(texts(b));
    expect(conversation.readMessages(a)[0]!.deleted).toBeDefined();
    // The edit (and its re-issued record) survived the merge; the author's device clears them.
    expect(conversation.roots(a).edits.has(m.id)).toBe(true);
    expect(conversation.removeLeftovers(a, 'a')).toBe(2);
    syncAll([a, b]);
    expect(conversation.roots(b).edits.has(m.id)).toBe(false);
    expect(JSON.stringify(conversation.roots(b).messages.toJSON())).not.toContain('edited');
  });

  it('leaves no earlier text in the document when edit history is off', () => {
    const doc = new Y.Doc({ gc: true });
    const clock = hlc.makeClock();
    conversation.sendMessage(doc, clock, { author: 'a', text: 'before' });
    const m = conversation.sendMessage(doc, clock, { author: 'a', text: 'my old wording' });
    conversation.sendMessage(doc, clock, { author: 'a', text: 'after' });
    conversation.editMessage(doc, { msgId: m.id, editor: 'a', text: 'my new wording' });
    expect(texts(doc)).toEqual(['before', 'my new wording', 'after']);
    const bytes = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('latin1');
    expect(bytes).toContain('my new wording');
    expect(bytes).not.toContain('my old wording');
  });

  it('purges kept versions once the conversation stops keeping edit history', () => {
    const doc = new Y.Doc({ gc: true });
    conversation.writeMeta(doc, { keepEditHistory: true });
    const m = conversation.sendMessage(doc, hlc.makeClock(), { author: 'a', text: 'the very first wording' });
    conversation.editMessage(doc, { msgId: m.id, editor: 'a', text: 'a second wording' });
    conversation.editMessage(doc, { msgId: m.id, editor: 'a', text: 'the final wording' });
    conversation.writeMeta(doc, { keepEditHistory: false });
    expect(conversation.removeLeftovers(doc, 'b')).toBe(0);
    expect(conversation.removeLeftovers(doc, 'a')).toBeGreaterThan(0);
    expect(conversation.removeLeftovers(doc, 'a')).toBe(0);
    expect(texts(doc)).toEqual(['the final wording']);
    const bytes = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('latin1');
    expect(bytes).not.toContain('very first');
    expect(bytes).not.toContain('second wording');
  });

  it('keeps every earlier version when edit history is on', () => {
    const doc = new Y.Doc();
    conversation.writeMeta(doc, { keepEditHistory: true });
    const m = conversation.sendMessage(doc, hlc.makeClock(), { author: 'a', text: 'v1', now: 1000 });
    conversation.editMessage(doc, { msgId: m.id, editor: 'a', text: 'v2', now: 2000 });
    conversation.editMessage(doc, { msgId: m.id, editor: 'a', text: 'v3', now: 3000 });
    expect(conversation.roots(doc).edits.get(m.id)?.history).toEqual([
      { text: 'v1', at: 1000 },
      { text: 'v2', at: 2000 },
    ]);
  });

  it('shows a deleted message as a tombstone in the same place on every device', () => {
    const docs = network(3);
    const clock = hlc.makeClock();
    conversation.sendMessage(docs[0]!, clock, { author: 'a', text: 'one' });
    const two = conversation.sendMessage(docs[0]!, clock, { author: 'a', text: 'two' });
    conversation.sendMessage(docs[1]!, hlc.makeClock(), { author: 'b', text: 'three' });
    conversation.deleteMessage(docs[0]!, { msgId: two.id, userId: 'a' });
    for (const d of docs) expect(texts(d)).toEqual(['one', '<deleted>', 'three']);
    expect(() => conversation.deleteMessage(docs[1]!, { msgId: two.id, userId: 'b' })).toThrow();
  });

  it('keeps a deleted thread reply in its thread', () => {
    const doc = new Y.Doc();
    const clock = hlc.makeClock();
    const root = conversation.sendMessage(doc, clock, { author: 'a', text: 'root' });
    const reply = conversation.sendMessage(doc, clock, { author: 'b', text: 'in thread', threadOf: root.id });
    conversation.deleteMessage(doc, { msgId: reply.id, userId: 'b' });
    const view = conversation.readMessages(doc).find((m) => m.id === reply.id)!;
    expect(view.deleted).toBeDefined();
    expect(view.threadOf).toBe(root.id);
  });

  it('moves receipts forward only, and a seen message counts as delivered', () => {
    const doc = new Y.Doc();
    conversation.markReceipt(doc, 'b', { seen: 50 });
    expect(conversation.roots(doc).receipts.get('b')).toMatchObject({ seen: 50, delivered: 50 });
    expect(conversation.markReceipt(doc, 'b', { seen: 10, delivered: 20 })).toBe(false);
    conversation.markReceipt(doc, 'b', { delivered: 80 });
    expect(conversation.roots(doc).receipts.get('b')).toMatchObject({ seen: 50, delivered: 80 });
  });

  it('derives sending, sent, delivered and seen from the server ack and receipts', () => {
    const doc = new Y.Doc();
    const m = conversation.sendMessage(doc, hlc.makeClock(), { author: 'a', text: 'hi' });
    const members = ['a', 'b', 'c'];
    expect(conversation.messageState(doc, m, members, false)).toBe('sending');
    expect(conversation.messageState(doc, m, members, true)).toBe('sent');
    conversation.markReceipt(doc, 'b', { delivered: m.hlc });
    expect(conversation.messageState(doc, m, members, true)).toBe('sent');
    conversation.markReceipt(doc, 'c', { delivered: m.hlc });
    expect(conversation.messageState(doc, m, members, true)).toBe('delivered');
    conversation.markReceipt(doc, 'b', { seen: m.hlc });
    conversation.markReceipt(doc, 'c', { seen: m.hlc });
    expect(conversation.messageState(doc, m, members, true)).toBe('seen');
  });

  it('keeps one reaction per user per message, changeable and removable', () => {
    const [a, b] = network(2);
    const m = conversation.sendMessage(a!, hlc.makeClock(), { author: 'a', text: 'nice' });
    conversation.react(b!, m.id, 'b', '👍');
    conversation.react(b!, m.id, 'b', '❤️');
    conversation.react(a!, m.id, 'a', '❤️');
    expect(conversation.readMessages(a!)[0]!.reactions.get('❤️')?.sort()).toEqual(['a', 'b']);
    expect(conversation.readMessages(a!)[0]!.reactions.has('👍')).toBe(false);
    conversation.react(b!, m.id, 'b', null);
    expect(conversation.readMessages(a!)[0]!.reactions.get('❤️')).toEqual(['a']);
  });

  it('reports rule errors as RuleError values', () => {
    const doc = new Y.Doc();
    try {
      conversation.editMessage(doc, { msgId: 'missing', editor: 'a', text: 'x' });
      expect.unreachable();
    } catch (e) {
      expect(isRuleError(e)).toBe(true);
    }
  });
});
