/**
 * Policy over sniffed types: whether the client's declared Content-Type may
 * stand beside what the bytes are, what a browser may show inline, and a
 * file extension for downloads that come without a name.
 */
import { OCTET_STREAM, type Sniffed } from './sniff.js';

const TOKEN = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/** `type/subtype` in lower case without parameters, or null when the header is not a media type. */
export function essence(header: string): string | null {
  const value = header.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return TOKEN.test(value) ? value : null;
}

const topLevel = (mime: string): string => mime.slice(0, mime.indexOf('/'));

/** Form encodings are what a cross-site HTML form can send; an upload is the file itself. */
export function isFormEncoding(mime: string): boolean {
  return mime === 'application/x-www-form-urlencoded' || mime.startsWith('multipart/');
}

/** Containers that hold sound, pictures or both: the same bytes may honestly be called audio/* or video/*. */
const AUDIO_OR_VIDEO = new Set([
  'video/mp4',
  'audio/mp4',
  'video/quicktime',
  'video/3gpp',
  'video/webm',
  'video/x-matroska',
  'audio/ogg',
  'video/ogg',
]);

/** Families whose claims must be proven by the magic bytes, because browsers render them inline. */
const RENDERED = new Set(['image', 'audio', 'video']);

/**
 * Whether a declared type (already reduced to its essence) agrees with the
 * sniffed one. Absent or `application/octet-stream` means "I don't know" and
 * always agrees. A claim to be an image, audio or video must match the bytes;
 * other claims (`text/csv`, `application/json`, a .docx type for a ZIP) may
 * be more specific than the sniffer, and the sniffed type is stored anyway.
 */
export function declaredTypeAgrees(declared: string | null, sniffed: Sniffed): boolean {
  if (declared === null || declared === OCTET_STREAM) return true;
  const claimed = topLevel(declared);
  const actual = topLevel(sniffed.mime);
  if (sniffed.markup === 'svg' && declared === 'image/svg+xml') return true;
  if (AUDIO_OR_VIDEO.has(sniffed.mime)) return claimed === 'audio' || claimed === 'video';
  if (RENDERED.has(actual)) return claimed === actual;
  if (RENDERED.has(claimed)) return false;
  // Documents with a signature (PDF, ZIP) may only be called application/*.
  if (sniffed.mime !== OCTET_STREAM && actual === 'application') return claimed === 'application';
  return true;
}

/**
 * Only sniffed pictures, sound and video are shown in the page. Markup never
 * is: it is stored as text/plain, and SVG is excluded here should a type
 * ever be stored some other way.
 */
export function isInline(mime: string): boolean {
  if (mime === 'image/svg+xml') return false;
  return RENDERED.has(topLevel(mime));
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'image/heif': '.heif',
  'image/avif': '.avif',
  'video/mp4': '.mp4',
  'audio/mp4': '.m4a',
  'video/quicktime': '.mov',
  'video/3gpp': '.3gp',
  'video/webm': '.webm',
  'video/x-matroska': '.mkv',
  'audio/ogg': '.ogg',
  'video/ogg': '.ogv',
  'audio/mpeg': '.mp3',
  'audio/flac': '.flac',
  'audio/wav': '.wav',
  'audio/aac': '.aac',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'text/plain': '.txt',
};

export const extensionOf = (mime: string): string => EXTENSIONS[mime] ?? '';
