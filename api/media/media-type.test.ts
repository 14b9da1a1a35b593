import { describe, expect, test } from 'vitest';
import { declaredTypeAgrees, essence, isInline } from './media-type.js';
import type { Sniffed } from './sniff.js';

const as = (mime: string, markup: Sniffed['markup'] = null): Sniffed => ({ mime, markup });
const agrees = (declared: string | null, sniffed: Sniffed): boolean => declaredTypeAgrees(declared, sniffed);

describe('declared type against sniffed type', () => {
  test('reduces a header to its essence, or null when it is no media type', () => {
    expect(essence('Image/PNG; charset=binary')).toBe('image/png');
    expect(essence('png')).toBeNull();
    expect(essence('image/png/extra')).toBeNull();
  });

  test('lets an absent or generic claim stand beside any content', () => {
    expect(agrees(null, as('image/png'))).toBe(true);
    expect(agrees('application/octet-stream', as('video/mp4'))).toBe(true);
  });

  test('requires an image claim to match image bytes and the other way round', () => {
    expect(agrees('image/jpeg', as('image/png'))).toBe(true);
    expect(agrees('video/mp4', as('image/png'))).toBe(false);
    expect(agrees('application/pdf', as('image/png'))).toBe(false);
    expect(agrees('image/png', as('text/plain', 'html'))).toBe(false);
    expect(agrees('image/png', as('application/octet-stream'))).toBe(false);
  });

  test('allows audio or video for containers that carry either', () => {
    expect(agrees('audio/webm', as('video/webm'))).toBe(true);
    expect(agrees('audio/mp4', as('video/mp4'))).toBe(true);
    expect(agrees('video/mp4', as('audio/mp4'))).toBe(true);
    expect(agrees('video/ogg', as('audio/ogg'))).toBe(true);
    expect(agrees('image/webp', as('video/webm'))).toBe(false);
    expect(agrees('video/mpeg', as('audio/mpeg'))).toBe(false);
  });

  test('lets text and documents be declared more precisely than the sniffer can tell', () => {
    expect(agrees('text/csv', as('text/plain'))).toBe(true);
    expect(agrees('application/json', as('text/plain'))).toBe(true);
    expect(agrees('text/html', as('text/plain', 'html'))).toBe(true);
    expect(agrees('image/svg+xml', as('text/plain', 'svg'))).toBe(true);
    expect(agrees('image/svg+xml', as('text/plain', null))).toBe(false);
    expect(agrees('application/vnd.openxmlformats-officedocument.wordprocessingml.document', as('application/zip'))).toBe(true);
    expect(agrees('text/plain', as('application/pdf'))).toBe(false);
    expect(agrees('text/plain', as('application/octet-stream'))).toBe(true);
  });

  test('shows only pictures, sound and video inline, never SVG', () => {
    expect(isInline('image/png')).toBe(true);
    expect(isInline('audio/ogg')).toBe(true);
    expect(isInline('video/mp4')).toBe(true);
    expect(isInline('image/svg+xml')).toBe(false);
    expect(isInline('text/plain')).toBe(false);
    expect(isInline('application/pdf')).toBe(false);
  });
});
