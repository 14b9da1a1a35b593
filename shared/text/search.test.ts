import { describe, expect, it } from 'vitest';
import { highlightRanges, matchesTokens, normalizeForSearch, searchTokens, splitHighlights } from './search.js';

const finds = (text: string, query: string): boolean => matchesTokens(normalizeForSearch(text), searchTokens(query));
const highlighted = (text: string, query: string): string[] => highlightRanges(text, searchTokens(query)).map(([s, e]) => text.slice(s, e));

describe('search text', () => {
  it('ignores case and accents', () => {
    expect(finds('Meet at the Café', 'cafe')).toBe(true);
    expect(finds('mon RÉSUMÉ', 'Resume')).toBe(true);
    expect(finds('naïve idea', 'NAIVE')).toBe(true);
    expect(finds('Straße', 'strasse')).toBe(true);
    expect(finds('Ærøskøbing', 'aeroskobing')).toBe(true);
    // Already decomposed input (e + combining acute) reads the same.
    expect(finds('Cafe\u0301 noir', 'café')).toBe(true);
  });

  it('matches query words at the start of words, all of them, in any order', () => {
    expect(finds('the weekend trip to the lake', 'lake trip')).toBe(true);
    expect(finds('the weekend trip to the lake', 'lak')).toBe(true);
    expect(finds('the weekend trip to the lake', 'ake')).toBe(false);
    expect(finds('the weekend trip to the lake', 'lake sea')).toBe(false);
    expect(finds('hello, world!', 'world')).toBe(true);
  });

  it('finds words inside runs of scripts written without spaces', () => {
    expect(finds('明日は東京に行きます', '東京')).toBe(true);
  });

  it('matches nothing for an empty or punctuation-only query', () => {
    expect(searchTokens('  ?! ')).toEqual([]);
    expect(finds('anything', '')).toBe(false);
  });

  it('highlights the matched words in the original text, accents included', () => {
    expect(highlighted('Meet at the Café, then café again', 'cafe')).toEqual(['Café', 'café']);
    expect(highlighted('Cafe\u0301 noir', 'cafe')).toEqual(['Cafe\u0301']);
    expect(highlighted('Straße und Strasse', 'strasse')).toEqual(['Straße', 'Strasse']);
    expect(highlighted('lakeside by the lake', 'lake la')).toEqual(['lake', 'lake']);
  });

  it('merges overlapping highlights and cuts the text into parts', () => {
    const text = 'travel trav';
    const ranges = highlightRanges(text, searchTokens('trav travel'));
    expect(ranges).toEqual([
      [0, 6],
      [7, 11],
    ]);
    expect(splitHighlights(text, ranges)).toEqual([
      { text: 'travel', hit: true },
      { text: ' ', hit: false },
      { text: 'trav', hit: true },
    ]);
  });
});
