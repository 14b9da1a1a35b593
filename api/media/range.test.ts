import { describe, expect, test } from 'vitest';
import { ifRangeAllows, noneMatchHits, resolveRange } from './range.js';

describe('Range', () => {
  test('serves a closed, an open and a suffix range', () => {
    expect(resolveRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(resolveRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(resolveRange('bytes=-5', 100)).toEqual({ kind: 'partial', start: 95, end: 99 });
    expect(resolveRange('Bytes = 3-4', 100)).toEqual({ kind: 'partial', start: 3, end: 4 });
  });

  test('clamps an end past the file and a suffix longer than it', () => {
    expect(resolveRange('bytes=50-1000', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(resolveRange('bytes=-1000', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
  });

  test('calls a start at or past the end, or an empty suffix, unsatisfiable', () => {
    expect(resolveRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(resolveRange('bytes=100-200', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(resolveRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(resolveRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  test('ignores absent, malformed, inverted and multiple ranges', () => {
    expect(resolveRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(resolveRange('items=0-5', 100)).toEqual({ kind: 'full' });
    expect(resolveRange('bytes=-', 100)).toEqual({ kind: 'full' });
    expect(resolveRange('bytes=a-b', 100)).toEqual({ kind: 'full' });
    expect(resolveRange('bytes=9-3', 100)).toEqual({ kind: 'full' });
    expect(resolveRange('bytes=0-1, 5-6', 100)).toEqual({ kind: 'full' });
  });
});

describe('validators', () => {
  const etag = '"abc"';
  test('If-None-Match matches weakly, in lists and with *', () => {
    expect(noneMatchHits('"abc"', etag)).toBe(true);
    expect(noneMatchHits('W/"abc"', etag)).toBe(true);
    expect(noneMatchHits('"x", "abc"', etag)).toBe(true);
    expect(noneMatchHits('*', etag)).toBe(true);
    expect(noneMatchHits('"abd"', etag)).toBe(false);
    expect(noneMatchHits(undefined, etag)).toBe(false);
  });

  test('If-Range honours the range only for the current strong tag', () => {
    expect(ifRangeAllows(undefined, etag)).toBe(true);
    expect(ifRangeAllows('"abc"', etag)).toBe(true);
    expect(ifRangeAllows('W/"abc"', etag)).toBe(false);
    expect(ifRangeAllows('Wed, 21 Oct 2015 07:28:00 GMT', etag)).toBe(false);
  });
});
