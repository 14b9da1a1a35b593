import { describe, expect, test } from 'vitest';
import { sniff, SNIFF_BYTES } from './sniff.js';
import * as sample from './test-samples.js';

const typeOf = (bytes: Uint8Array, truncated = false): string => sniff(bytes, { truncated }).mime;

describe('sniff', () => {
  test.each([
    ['a JPEG', sample.JPEG, 'image/jpeg'],
    ['a PNG', sample.PNG, 'image/png'],
    ['a GIF', sample.GIF, 'image/gif'],
    ['a WebP', sample.WEBP, 'image/webp'],
    ['a HEIC photo', sample.HEIC, 'image/heic'],
    ['an AVIF image', sample.AVIF, 'image/avif'],
    ['an MP4 video', sample.MP4, 'video/mp4'],
    ['a QuickTime movie', sample.QUICKTIME, 'video/quicktime'],
    ['an M4A audio file', sample.M4A, 'audio/mp4'],
    ['a WebM recording', sample.WEBM, 'video/webm'],
    ['a Matroska video', sample.MATROSKA, 'video/x-matroska'],
    ['an Ogg Opus recording', sample.OGG_OPUS, 'audio/ogg'],
    ['an MP3 with an ID3 tag', sample.MP3_ID3, 'audio/mpeg'],
    ['an MP3 starting with a frame', sample.MP3_FRAME, 'audio/mpeg'],
    ['a WAV', sample.WAV, 'audio/wav'],
    ['AAC in ADTS frames', sample.AAC_ADTS, 'audio/aac'],
    ['a FLAC', sample.FLAC, 'audio/flac'],
    ['a PDF', sample.PDF, 'application/pdf'],
    ['a ZIP', sample.ZIP, 'application/zip'],
    ['UTF-8 text', sample.UTF8_TEXT, 'text/plain'],
  ])('recognizes %s from its magic bytes', (_, bytes, mime) => {
    expect(typeOf(bytes, true)).toBe(mime);
    expect(sniff(bytes, { truncated: true }).markup).toBeNull();
  });

  test('flags HTML and SVG as markup and types them as plain text', () => {
    expect(sniff(sample.HTML, { truncated: false })).toEqual({ mime: 'text/plain', markup: 'html' });
    expect(sniff(sample.SVG, { truncated: false })).toEqual({ mime: 'text/plain', markup: 'svg' });
    const fragment = new TextEncoder().encode('  <p>hello</p>');
    expect(sniff(fragment, { truncated: false }).markup).toBe('html');
    const buried = new TextEncoder().encode('just some notes\n\n<script>alert(1)</script>');
    expect(sniff(buried, { truncated: false }).markup).toBe('html');
    const withBom = new TextEncoder().encode('\uFEFF<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(sniff(withBom, { truncated: false }).markup).toBe('svg');
  });

  test('keeps prose that merely mentions angle brackets as unflagged text', () => {
    const prose = new TextEncoder().encode('if a < b and c > d then <nothing happens>');
    expect(sniff(prose, { truncated: false })).toEqual({ mime: 'text/plain', markup: null });
  });

  test('calls anything else application/octet-stream', () => {
    expect(typeOf(Uint8Array.of(0x00, 0x01, 0x02, 0x03, 0xfe, 0xff))).toBe('application/octet-stream');
    // Latin-1, not UTF-8.
    expect(typeOf(Uint8Array.of(0x47, 0x72, 0xfc, 0xdf, 0x65))).toBe('application/octet-stream');
    // Text with a NUL in it.
    expect(typeOf(new TextEncoder().encode('abc\u0000def'))).toBe('application/octet-stream');
    // A RIFF that is neither WebP nor WAVE (AVI).
    expect(typeOf(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000AVI LIST'))).toBe('application/octet-stream');
    // An ftyp box with brands that are no MP4 (Canon CR3 raw).
    const cr3 = Uint8Array.from(Buffer.from('00000018667479706372782000000001637278206973 6f6d'.replace(/ /g, ''), 'hex'));
    expect(typeOf(cr3)).toBe('application/octet-stream');
  });

  test('does not take a JPEG for MPEG audio though both start with 0xFF', () => {
    expect(typeOf(sample.JPEG)).toBe('image/jpeg');
    expect(typeOf(Uint8Array.of(0xff, 0xd9, 0x00, 0x00))).toBe('application/octet-stream');
  });

  test('accepts a multi-byte character cut at the end of a truncated head, not of a whole file', () => {
    const text = new TextEncoder().encode('x'.repeat(SNIFF_BYTES - 1) + 'é');
    const head = text.subarray(0, SNIFF_BYTES);
    expect(typeOf(head, true)).toBe('text/plain');
    expect(typeOf(head, false)).toBe('application/octet-stream');
  });
});
