/**
 * The uploader's file name is for display only (it never reaches the disk):
 * cleaned of paths and invisible characters, and rendered into
 * Content-Disposition with an ASCII fallback and an RFC 5987 `filename*`.
 */

export const FILE_NAME_MAX = 255;

// C0 and C1 controls (NUL included), DEL, line/paragraph separators, and the
// bidi controls that make "evil\u202Etxt.exe" display as "evilexe.txt".
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A safe display name, or null when nothing usable is left. */
export function sanitizeFileName(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const withoutControls = raw.normalize('NFC').replace(INVISIBLE, '');
  // Whatever precedes the last separator of either platform is a path, not a name.
  const base = withoutControls.slice(Math.max(withoutControls.lastIndexOf('/'), withoutControls.lastIndexOf('\\')) + 1);
  const name = base.trim();
  if (/^[.\s]*$/.test(name)) return null;
  return truncate(name, FILE_NAME_MAX);
}

/** At most `max` code points, keeping a short extension so the file still opens with the right app. */
function truncate(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length > 0 && extension.length <= 16) {
    const stem = Array.from(name.slice(0, dot)).slice(0, max - extension.length);
    return [...stem, ...extension].join('');
  }
  return chars.slice(0, max).join('');
}

/** RFC 5987 attr-char: everything else is percent-encoded as UTF-8. */
const encodeRfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** For old agents that ignore `filename*`: printable ASCII without quote or backslash. */
const asciiFallback = (value: string): string => value.replace(/[^\x20-\x7e]|["\\]/g, '_');

export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  return `${kind}; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
