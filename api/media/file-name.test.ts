import { describe, expect, test } from 'vitest';
import { FILE_NAME_MAX, contentDisposition, sanitizeFileName } from './file-name.js';

describe('file names', () => {
  test('keeps only the last path segment of either platform', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\me\\Desktop\\photo.jpg')).toBe('photo.jpg');
    expect(sanitizeFileName('/abs/path/')).toBeNull();
  });

  test('drops control characters, NUL and bidi overrides', () => {
    expect(sanitizeFileName('report\u0000.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('line\r\nbreak.txt')).toBe('linebreak.txt');
    expect(sanitizeFileName('evil\u202Egpj.exe')).toBe('evilgpj.exe');
  });

  test('refuses names that are nothing but dots and spaces', () => {
    expect(sanitizeFileName('..')).toBeNull();
    expect(sanitizeFileName(' . ')).toBeNull();
    expect(sanitizeFileName('')).toBeNull();
    expect(sanitizeFileName(undefined)).toBeNull();
  });

  test('limits a name to 255 characters and keeps its extension', () => {
    const long = sanitizeFileName(`${'ä'.repeat(400)}.jpeg`);
    expect(Array.from(long ?? '')).toHaveLength(FILE_NAME_MAX);
    expect(long?.endsWith('ää.jpeg')).toBe(true);
    const emoji = sanitizeFileName('🎉'.repeat(300));
    expect(Array.from(emoji ?? '')).toHaveLength(FILE_NAME_MAX);
  });

  test('renders an ASCII fallback and an RFC 5987 filename*', () => {
    expect(contentDisposition('inline', 'Grüße "Köln" (1).jpg')).toBe(
      `inline; filename="Gr__e _K_ln_ (1).jpg"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22K%C3%B6ln%22%20%281%29.jpg`,
    );
    expect(contentDisposition('attachment', "it's*.txt")).toBe(`attachment; filename="it's*.txt"; filename*=UTF-8''it%27s%2A.txt`);
  });
});
