import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { readFloat32, readFloat64, readVarString } from './fast-decoding.js';

const strings = [
  '',
  'a',
  'id',
  'author',
  'x'.repeat(256),
  'y'.repeat(257),
  'z'.repeat(5000),
  'héllo wörld',
  'emoji 😀👍🏽 mixed',
  '日本語のテキスト',
  'ascii then é at the end' + 'é',
  '\u0000\u007f control',
];

function encoded(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('fast lib0 decoding', () => {
  it('reads every string exactly as lib0 does, and leaves the position where lib0 does', () => {
    const bytes = encoded((e) => {
      for (const s of strings) encoding.writeVarString(e, s);
      encoding.writeUint8(e, 42);
    });
    const ours = decoding.createDecoder(bytes);
    const theirs = decoding.createDecoder(bytes);
    for (const s of strings) {
      const a = readVarString(ours);
      expect(a).toBe(s);
      expect(a).toBe(decoding.readVarString(theirs));
      expect(ours.pos).toBe(theirs.pos);
    }
    expect(decoding.readUint8(ours)).toBe(42);
  });

  it('reads floats as lib0 does', () => {
    const values = [0, -0, 1.5, -2.25, Math.PI, 1e300, Number.MIN_VALUE, 1.7e12 * 16 + 3, Number.NaN, Infinity];
    const bytes = encoded((e) => {
      for (const v of values) {
        encoding.writeFloat64(e, v);
        encoding.writeFloat32(e, v);
      }
    });
    const ours = decoding.createDecoder(bytes);
    const theirs = decoding.createDecoder(bytes);
    for (let i = 0; i < values.length; i++) {
      expect(Object.is(readFloat64(ours), decoding.readFloat64(theirs))).toBe(true);
      expect(Object.is(readFloat32(ours), decoding.readFloat32(theirs))).toBe(true);
    }
    expect(ours.pos).toBe(bytes.length);
  });

  it('refuses truncated input and invalid UTF-8 with an error', () => {
    const cut = encoded((e) => encoding.writeVarString(e, 'hello')).subarray(0, 4);
    expect(() => readVarString(decoding.createDecoder(cut))).toThrow(/end of array/);
    expect(() => readVarString(decoding.createDecoder(new Uint8Array([0x85])))).toThrow(/end of array/);
    expect(() => readFloat64(decoding.createDecoder(new Uint8Array(7)))).toThrow(/end of array/);
    // Length 2, then a lone continuation byte: not UTF-8.
    expect(() => readVarString(decoding.createDecoder(new Uint8Array([2, 0x61, 0x80])))).toThrow();
  });

});
