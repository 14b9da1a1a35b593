import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import * as conversation from '../../../shared/doc/conversation.js';
import * as hlc from '../../../shared/doc/hlc.js';
import { normalizeForSearch } from '../../../shared/text/search.js';
import { makeMessageIndex } from './message-index.js';
import { makeMessageSearch } from './message-search.js';

function setup(texts: string[]) {
  const doc = new Y.Doc();
  const clock = hlc.makeClock();
  const sent = texts.map((text, i) => conversation.sendMessage(doc, clock, { author: 'a', text, now: 1_700_000_000_000 + i }));
  const index = makeMessageIndex(doc);
  let normalised = 0;
  const search = makeMessageSearch(index, (text) => {
    normalised++;
    return normalizeForSearch(text);
  });
  const found = (): string[] => search.matches.get().map((m) => m.text ?? '');
  return { doc, clock, sent, index, search, found, normalised: () => normalised };
}

describe('search in a conversation', () => {
  it('does no work before the first query, then finds messages by words, ignoring case and accents', () => {
    const s = setup(['Lunch at the café?', 'no, the CAFE is closed', 'cafeteria then', 'ok']);
    expect(s.normalised()).toBe(0);
    s.search.setQuery('Café');
    expect(s.found()).toEqual(['Lunch at the café?', 'no, the CAFE is closed', 'cafeteria then']);
    expect(s.search.tokens.get()).toEqual(['cafe']);
    s.search.setQuery('cafe closed');
    expect(s.found()).toEqual(['no, the CAFE is closed']);
    s.search.setQuery('   ');
    expect(s.found()).toEqual([]);
  });

  it('normalises each message once, however many queries follow', () => {
    const s = setup(['one', 'two', 'three']);
    s.search.setQuery('o');
    s.search.setQuery('t');
    s.search.setQuery('th');
    expect(s.normalised()).toBe(3);
  });

  it('follows new, edited and deleted messages without rescanning', () => {
    const s = setup(['the lake', 'the sea', 'the hills']);
    s.search.setQuery('lake');
    const before = s.normalised();
    conversation.sendMessage(s.doc, s.clock, { author: 'a', text: 'Lake again' });
    expect(s.found()).toEqual(['the lake', 'Lake again']);
    conversation.editMessage(s.doc, { msgId: s.sent[1]!.id, editor: 'a', text: 'the sea by the lake' });
    expect(s.found()).toEqual(['the lake', 'the sea by the lake', 'Lake again']);
    conversation.deleteMessage(s.doc, { msgId: s.sent[0]!.id, userId: 'a' });
    expect(s.found()).toEqual(['the sea by the lake', 'Lake again']);
    // Only the new message and the edited one were read again.
    expect(s.normalised() - before).toBe(2);
  });

  it('finds thread replies too, in display order, and follows new ones', () => {
    const s = setup(['lake root', 'sea']);
    conversation.sendMessage(s.doc, s.clock, { author: 'a', text: 'lake in a thread', threadOf: s.sent[0]!.id });
    s.search.setQuery('lake');
    expect(s.found()).toEqual(['lake root', 'lake in a thread']);
    conversation.sendMessage(s.doc, s.clock, { author: 'a', text: 'lake in a thread too', threadOf: s.sent[0]!.id });
    expect(s.found()).toEqual(['lake root', 'lake in a thread', 'lake in a thread too']);
  });

  it('stops following the index once destroyed', () => {
    const s = setup(['lake']);
    s.search.setQuery('lake');
    s.search.destroy();
    conversation.sendMessage(s.doc, s.clock, { author: 'a', text: 'lake two' });
    expect(s.found()).toEqual(['lake']);
  });
});
