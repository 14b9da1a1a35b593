/**
 * Faster drop-ins for three readers of lib0/decoding, which Yjs calls for
 * every string and number inside a document. Opening a 100,000-message
 * conversation decodes about a million short strings; Chromium's TextDecoder
 * costs ≈0.35 µs per call (≈350 ms in all) and lib0 builds a DataView per
 * float. Short ASCII strings are built here directly; anything else still
 * goes through a fatal TextDecoder, so the result is identical to lib0's.
 *
 * Self-contained on purpose: the build plugin (fast-decoding-plugin.ts)
 * makes lib0/decoding.js import this module, so it must not import lib0.
 */

/** The part of lib0's Decoder these readers use. */
export interface Decoder {
  arr: Uint8Array;
  pos: number;
}

/** Strings up to this many bytes try the ASCII path (message texts are usually longer, keys and ids shorter). */
const ASCII_MAX = 256;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const codes: number[] = [];
const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);

function unexpectedEnd(): Error {
  return new Error('Unexpected end of array');
}

/** lib0's varuint (7 bits per byte, little end first), with its errors. */
function readLength(decoder: Decoder): number {
  const arr = decoder.arr;
  let num = 0;
  let mult = 1;
  while (decoder.pos < arr.length) {
    const r = arr[decoder.pos++]!;
    num += (r & 0x7f) * mult;
    mult *= 128;
    if (r < 0x80) return num;
    if (num > Number.MAX_SAFE_INTEGER) throw new Error('Integer out of Range');
  }
  throw unexpectedEnd();
}

export function readVarString(decoder: Decoder): string {
  const length = readLength(decoder);
  const arr = decoder.arr;
  const start = decoder.pos;
  const end = start + length;
  if (end > arr.length) throw unexpectedEnd();
  if (length <= ASCII_MAX) {
    codes.length = length;
    let i = start;
    for (; i < end; i++) {
      const c = arr[i]!;
      if (c > 0x7f) break;
      codes[i - start] = c;
    }
    if (i === end) {
      decoder.pos = end;
      return String.fromCharCode.apply(null, codes);
    }
  }
  decoder.pos = end;
  return utf8.decode(arr.subarray(start, end));
}

function readScratch(decoder: Decoder, size: 4 | 8): void {
  const arr = decoder.arr;
  const pos = decoder.pos;
  if (pos + size > arr.length) throw unexpectedEnd();
  for (let i = 0; i < size; i++) scratchBytes[i] = arr[pos + i]!;
  decoder.pos = pos + size;
}

export function readFloat64(decoder: Decoder): number {
  readScratch(decoder, 8);
  return scratch.getFloat64(0, false);
}

export function readFloat32(decoder: Decoder): number {
  readScratch(decoder, 4);
  return scratch.getFloat32(0, false);
}
