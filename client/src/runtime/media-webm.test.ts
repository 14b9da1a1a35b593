import { describe, expect, it } from 'vitest';
import { webmDurationMs, withWebmDuration } from './media-webm.js';

/** An EBML element: id bytes, a size of `sizeLength` bytes, the content. */
function element(id: number[], content: Uint8Array | number[], sizeLength = 1): Uint8Array {
  const body = content instanceof Uint8Array ? content : Uint8Array.from(content);
  const size = new Uint8Array(sizeLength);
  let rest = body.length;
  for (let i = sizeLength - 1; i >= 0; i--) {
    size[i] = rest & 0xff;
    rest = Math.floor(rest / 256);
  }
  size[0] = (size[0] ?? 0) | (0x80 >> (sizeLength - 1));
  return concat(Uint8Array.from(id), size, body);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const UNKNOWN_SIZE = Uint8Array.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** What Chrome's MediaRecorder writes: a live segment (unknown size) whose Info has no Duration. */
function liveWebm(infoExtra: number[] = [], infoSizeLength = 1): Uint8Array {
  const header = element([0x1a, 0x45, 0xdf, 0xa3], [...element([0x42, 0x82], ascii('webm'))]);
  const info = element(
    [0x15, 0x49, 0xa9, 0x66],
    [...element([0x2a, 0xd7, 0xb1], [0x0f, 0x42, 0x40]), ...element([0x4d, 0x80], ascii('Chrome')), ...infoExtra],
    infoSizeLength,
  );
  const tracks = element([0x16, 0x54, 0xae, 0x6b], [...element([0xae], [0xd7, 0x81, 0x01])]);
  const cluster = concat(Uint8Array.from([0x1f, 0x43, 0xb6, 0x75]), UNKNOWN_SIZE, element([0xe7], [0x00]));
  return concat(header, Uint8Array.from([0x18, 0x53, 0x80, 0x67]), UNKNOWN_SIZE, info, tracks, cluster);
}

describe('WebM duration', () => {
  it('adds the duration to a live recording and leaves the rest as it was', () => {
    const input = liveWebm();
    expect(webmDurationMs(input)).toBeNull();
    const output = withWebmDuration(input, 4_250);
    expect(output).not.toBeNull();
    if (!output) return;
    expect(webmDurationMs(output)).toBeCloseTo(4_250, 6);
    expect(output.length).toBe(input.length + 11);
    // The tracks and cluster follow unchanged.
    expect(output.subarray(output.length - 24)).toEqual(input.subarray(input.length - 24));
  });

  it('widens the Info size field when the larger Info no longer fits in it', () => {
    // A Void element brings Info's content to 118 bytes; 11 more pass the 126 a one-byte size can say.
    const input = liveWebm([...element([0xec], new Array(100).fill(0))]);
    const output = withWebmDuration(input, 1_000);
    expect(output).not.toBeNull();
    if (!output) return;
    expect(webmDurationMs(output)).toBeCloseTo(1_000, 6);
    expect(output.length).toBe(input.length + 11 + 7);
  });

  it('respects a TimecodeScale other than one millisecond', () => {
    const header = element([0x1a, 0x45, 0xdf, 0xa3], [...element([0x42, 0x82], ascii('webm'))]);
    // 10 ms per tick.
    const info = element([0x15, 0x49, 0xa9, 0x66], [...element([0x2a, 0xd7, 0xb1], [0x98, 0x96, 0x80])]);
    const input = concat(header, Uint8Array.from([0x18, 0x53, 0x80, 0x67]), UNKNOWN_SIZE, info);
    const output = withWebmDuration(input, 2_000);
    expect(output && webmDurationMs(output)).toBeCloseTo(2_000, 6);
  });

  it('changes nothing when the duration is there already, or the bytes are not WebM', () => {
    const once = withWebmDuration(liveWebm(), 1_000);
    expect(once).not.toBeNull();
    if (once) expect(withWebmDuration(once, 2_000)).toBeNull();
    expect(withWebmDuration(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), 1_000)).toBeNull();
    expect(withWebmDuration(new Uint8Array(0), 1_000)).toBeNull();
    expect(withWebmDuration(liveWebm(), 0)).toBeNull();
    // Cut off in the middle of the header.
    expect(withWebmDuration(liveWebm().subarray(0, 20), 1_000)).toBeNull();
  });
});
