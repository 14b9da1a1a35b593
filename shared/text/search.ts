/**
 * Word search over message text, case- and accent-insensitive: "cafe" finds
 * "Café", "resume" finds "RÉSUMÉ". Each query word must start a word of the
 * text (or, in scripts written without spaces, appear anywhere). Pure
 * functions; the client keeps the normalised text of each message cached.
 */

/** Letters that NFD does not take apart but a reader treats as their base letter. */
const FOLD: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i',
  // toLowerCase writes a final sigma at the end of a word and σ elsewhere.
  ς: 'σ',
};
const FOLDABLE = /[øłđðþæœßıς]/g;
const MARKS = /\p{M}/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Scripts written without spaces between words: a query word may match inside a run. */
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Lower case, accents stripped, a few letters folded. Length may differ from the input. */
export function normalizeForSearch(text: string): string {
  const plain = text.toLowerCase().normalize('NFD').replace(MARKS, '');
  return plain.replace(FOLDABLE, (ch) => FOLD[ch] ?? ch);
}

/** The words of a query, normalised, longest first (so highlighting prefers the longer match). */
export function searchTokens(query: string): string[] {
  const words = normalizeForSearch(query).match(WORD) ?? [];
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** Offsets in `normalized` where `token` matches (at a word start, or anywhere in unspaced scripts). */
function occurrences(normalized: string, token: string, first = false): number[] {
  const out: number[] = [];
  const anywhere = UNSPACED.test(token);
  for (let at = normalized.indexOf(token); at >= 0; at = normalized.indexOf(token, at + 1)) {
    if (anywhere || at === 0 || !WORD_CHAR.test(normalized[at - 1] ?? '')) {
      out.push(at);
      if (first) break;
    }
  }
  return out;
}

/** Whether every token matches the (already normalised) text. An empty token list matches nothing. */
export function matchesTokens(normalized: string, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  for (const token of tokens) if (occurrences(normalized, token, true).length === 0) return false;
  return true;
}

/** [start, end) offsets into the original text. */
export type Range = readonly [number, number];

/**
 * The parts of `text` to highlight for `tokens`, as sorted, non-overlapping
 * ranges of the original string (accents and combining marks included).
 */
export function highlightRanges(text: string, tokens: readonly string[]): Range[] {
  if (tokens.length === 0 || text.length === 0) return [];
  // Normalise one code point at a time, remembering where each output character came from.
  let normalized = '';
  const from: number[] = [];
  const to: number[] = [];
  let offset = 0;
  for (const cp of text) {
    const end = offset + cp.length;
    const piece = normalizeForSearch(cp);
    for (let i = 0; i < piece.length; i++) {
      from.push(offset);
      to.push(end);
    }
    normalized += piece;
    offset = end;
  }
  const ranges: Array<[number, number]> = [];
  for (const token of tokens) {
    for (const at of occurrences(normalized, token)) {
      const start = from[at];
      let end = to[at + token.length - 1];
      if (start === undefined || end === undefined) continue;
      // Take the combining marks that follow along (they normalised to nothing).
      while (end < text.length && /\p{M}/u.test(text[end] ?? '')) end++;
      ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The text cut into plain and highlighted parts, in order. */
export function splitHighlights(text: string, ranges: readonly Range[]): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), hit: false });
    parts.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}
