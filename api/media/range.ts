/**
 * Conditional and partial GETs for immutable files (RFC 9110 §13, §14): the
 * ETag is the content hash, so a match always means the same bytes.
 */

export type RangeAnswer =
  /** Serve the whole file with 200: no Range, one we ignore (malformed, multiple, stale If-Range). */
  | { kind: 'full' }
  /** Serve bytes `start..end` inclusive with 206. */
  | { kind: 'partial'; start: number; end: number }
  /** 416 with `Content-Range: bytes * /size`. */
  | { kind: 'unsatisfiable' };

const SINGLE = /^bytes[ \t]*=[ \t]*(\d*)-(\d*)[ \t]*$/i;

/**
 * What to serve for a `Range` header on a file of `size` bytes. Several
 * ranges are answered with the whole file: multipart/byteranges is rarely
 * needed by media players and is a known amplification vector.
 */
export function resolveRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'full' };
  if (header.includes(',')) return { kind: 'full' };
  const match = SINGLE.exec(header);
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };

  if (first === '') {
    // Suffix range: the last n bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  // An inverted range is invalid, not unsatisfiable: the header is ignored.
  if (end < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/** The entity tags of an If-None-Match / If-Range list, `*` kept as is. */
function tagsOf(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return tagsOf(header).some((tag) => tag === '*' || opaque(tag) === opaque(etag));
}

/**
 * If-Range uses the strong comparison and names one validator. We send no
 * Last-Modified, so a date never matches and the whole file is served.
 */
export function ifRangeAllows(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  return header.trim() === etag;
}
