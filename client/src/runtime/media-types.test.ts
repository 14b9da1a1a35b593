import { describe, expect, it } from 'vitest';
import { displayName, displayOf, formatBytes, formatDuration, mediaUrl, mimeEssence, safePreview } from './media-types.js';

describe('media types', () => {
  it('shows decodable pictures and videos inline, sound as audio and everything else as a file', () => {
    expect(displayOf('image/png')).toBe('image');
    expect(displayOf('IMAGE/JPEG')).toBe('image');
    expect(displayOf('video/webm')).toBe('video');
    expect(displayOf('audio/webm;codecs=opus')).toBe('audio');
    expect(displayOf('image/heic')).toBe('file');
    expect(displayOf('image/svg+xml')).toBe('file');
    expect(displayOf('application/pdf')).toBe('file');
    expect(displayOf('')).toBe('file');
  });

  it('reduces a type to its essence', () => {
    expect(mimeEssence(' Audio/WebM; codecs=opus')).toBe('audio/webm');
  });

  it('writes sizes and durations the way people read them', () => {
    expect(formatBytes(912)).toBe('912 B');
    expect(formatBytes(14 * 1024)).toBe('14 KB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('keeps a file name without its path or control characters, and within 255 characters with its extension', () => {
    expect(displayName('C:\\Users\\me\\photo.jpg')).toBe('photo.jpg');
    expect(displayName('/tmp/a\u202Egnp.exe')).toBe('agnp.exe');
    expect(displayName('   ')).toBeUndefined();
    expect(displayName(undefined)).toBeUndefined();
    const long = displayName(`${'x'.repeat(400)}.pdf`);
    expect(long).toHaveLength(255);
    expect(long?.endsWith('.pdf')).toBe(true);
  });

  it('builds the URL a file is served from', () => {
    expect(mediaUrl('abc_1')).toBe('/api/media/abc_1');
  });

  it('shows only inline pictures as previews, never an address to fetch', () => {
    expect(safePreview('data:image/webp;base64,UklGRg==')).toBe('data:image/webp;base64,UklGRg==');
    expect(safePreview('https://tracker.example/pixel.png')).toBeUndefined();
    expect(safePreview('data:text/html;base64,PHNjcmlwdD4=')).toBeUndefined();
    expect(safePreview('data:image/svg+xml;base64,PHN2Zz4=')).toBeUndefined();
    expect(safePreview('data:image/png;base64,AA"onerror=x')).toBeUndefined();
    expect(safePreview(undefined)).toBeUndefined();
  });
});
