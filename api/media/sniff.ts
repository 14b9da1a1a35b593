/**
 * What an uploaded file is, judged from its first bytes only: the client's
 * name and Content-Type are never trusted for the type that is stored.
 */

/** How many leading bytes the sniffer looks at; the upload buffers this much before deciding. */
export const SNIFF_BYTES = 4096;

export interface Sniffed {
  /** The type stored and served. */
  mime: string;
  /**
   * Set when the bytes are markup a browser would run or render (HTML, SVG).
   * Such files are stored and served as `text/plain` attachments, never inline.
   */
  markup: 'html' | 'svg' | null;
}

export const OCTET_STREAM = 'application/octet-stream';
export const TEXT_PLAIN = 'text/plain';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: readonly number[] | Uint8Array, at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function indexOf(bytes: Uint8Array, needle: Uint8Array, from = 0, to = bytes.length): number {
  const last = Math.min(to, bytes.length) - needle.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const fourCC = (bytes: Uint8Array, at: number): string =>
  bytes.length < at + 4 ? '' : String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);

const known = (mime: string): Sniffed => ({ mime, markup: null });

/**
 * The type of a file from its head. `truncated` says the head is only the
 * start of a longer file, so a multi-byte character cut at its end is fine.
 */
export function sniff(head: Uint8Array, options: { truncated: boolean }): Sniffed {
  return sniffBinary(head) ?? sniffText(head, options.truncated) ?? known(OCTET_STREAM);
}

function sniffBinary(b: Uint8Array): Sniffed | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return known('image/jpeg');
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return known('image/png');
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return known('image/gif');
  if (startsWith(b, ascii('RIFF'))) {
    const form = fourCC(b, 8);
    if (form === 'WEBP') return known('image/webp');
    if (form === 'WAVE') return known('audio/wav');
    return null;
  }
  if (fourCC(b, 4) === 'ftyp') return sniffIsoBmff(b);
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return known(matroskaDocType(b) === 'webm' ? 'video/webm' : 'video/x-matroska');
  if (startsWith(b, ascii('OggS'))) return known(indexOf(b, ascii('\x80theora'), 0, 512) >= 0 ? 'video/ogg' : 'audio/ogg');
  if (startsWith(b, ascii('ID3'))) return known('audio/mpeg');
  if (startsWith(b, ascii('fLaC'))) return known('audio/flac');
  if (isAdtsHeader(b)) return known('audio/aac');
  if (isMpegAudioFrame(b)) return known('audio/mpeg');
  if (startsWith(b, ascii('%PDF-'))) return known('application/pdf');
  // Local file header, or the end record of an empty archive.
  if (startsWith(b, ascii('PK\x03\x04')) || startsWith(b, ascii('PK\x05\x06'))) return known('application/zip');
  return null;
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** Major brands of ISO files that are not playable media, though they list `isom` as compatible. */
const NOT_MEDIA_BRANDS = new Set(['crx ', 'jp2 ', 'jpm ', 'jpx ']);
const AUDIO_MP4_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
const VIDEO_MP4_BRANDS = new Set([
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71', 'avc1', 'av01',
  'dash', 'M4V ', 'M4VH', 'M4VP', 'MSNV', 'NDAS', 'NDSC', 'NDSH', 'NDXC', 'f4v ', 'mmp4', 'XAVC', 'hvc1',
]);

/**
 * ISO base media files (MP4, QuickTime, HEIF/AVIF) share the `ftyp` box; the
 * brands in it say which. Unknown brands (e.g. camera raw formats) stay unknown.
 */
function sniffIsoBmff(b: Uint8Array): Sniffed | null {
  const boxSize = ((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0);
  const end = Math.min(b.length, boxSize >= 16 ? boxSize : 16, 512);
  const major = fourCC(b, 8);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= end; at += 4) compatible.push(fourCC(b, at));
  const brands = [major, ...compatible];
  const has = (set: ReadonlySet<string>): boolean => brands.some((brand) => set.has(brand));

  if (NOT_MEDIA_BRANDS.has(major)) return null;
  if (AVIF_BRANDS.has(major)) return known('image/avif');
  if (HEIC_BRANDS.has(major)) return known('image/heic');
  if (HEIF_BRANDS.has(major)) {
    if (compatible.some((brand) => AVIF_BRANDS.has(brand))) return known('image/avif');
    if (compatible.some((brand) => HEIC_BRANDS.has(brand))) return known('image/heic');
    return known('image/heif');
  }
  if (major === 'qt  ') return known('video/quicktime');
  if (AUDIO_MP4_BRANDS.has(major)) return known('audio/mp4');
  if (major.startsWith('3gp') || major.startsWith('3g2')) return known('video/3gpp');
  if (has(VIDEO_MP4_BRANDS)) return known('video/mp4');
  if (has(AUDIO_MP4_BRANDS)) return known('audio/mp4');
  return null;
}

/** The EBML DocType ("webm" or "matroska"), read from its element (id 0x4282) in the header. */
function matroskaDocType(b: Uint8Array): string | null {
  const at = indexOf(b, Uint8Array.of(0x42, 0x82), 4, 64);
  const sizeByte = b[at + 2];
  if (at < 0 || sizeByte === undefined) return null;
  // A one-byte EBML size (1xxxxxxx) is what every muxer writes here.
  if ((sizeByte & 0x80) === 0) return null;
  const length = sizeByte & 0x7f;
  const start = at + 3;
  if (start + length > b.length) return null;
  return String.fromCharCode(...b.subarray(start, start + length));
}

/** AAC in ADTS frames: 12-bit sync, MPEG layer 00, a valid sampling index. */
function isAdtsHeader(b: Uint8Array): boolean {
  const [b0, b1, b2] = [b[0], b[1], b[2]];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined) return false;
  return (b1 & 0xf6) === 0xf0 && ((b2 >> 2) & 0x0f) < 13;
}

/** An MPEG audio frame header (MP3 without ID3): 11-bit sync and no reserved field values. */
function isMpegAudioFrame(b: Uint8Array): boolean {
  const [b0, b1, b2] = [b[0], b[1], b[2]];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined) return false;
  if ((b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0x03;
  return version !== 0x01 && layer !== 0x00 && bitrate !== 0x0f && sampleRate !== 0x03;
}

/** Plain text: valid UTF-8 with no NUL. HTML and SVG are flagged so they are never rendered. */
function sniffText(b: Uint8Array, truncated: boolean): Sniffed | null {
  if (b.includes(0)) return null;
  const text = decodeUtf8(b, truncated);
  if (text === null) return null;
  return { mime: TEXT_PLAIN, markup: markupOf(text) };
}

function decodeUtf8(b: Uint8Array, truncated: boolean): string | null {
  // `stream: true` leaves an incomplete trailing sequence pending instead of failing on it.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(b, { stream: truncated });
  } catch (err) {
    if (err instanceof TypeError) return null;
    throw err;
  }
}

// The WHATWG MIME sniffing standard's HTML patterns, plus what browsers render as a document anyway.
const HTML_START =
  /^(?:<!doctype\s+html|<html|<head|<body|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<br|<p|<!--|<\?xml[^>]*>\s*<!doctype\s+html|<\?xml[^>]*>\s*<html)(?:[\s>/]|$)/i;
const SVG_ANYWHERE = /<svg[\s>/]|<!doctype\s+svg/i;
const HTML_ANYWHERE = /<(?:html|script|iframe|body)[\s>/]/i;

function markupOf(text: string): 'html' | 'svg' | null {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (SVG_ANYWHERE.test(text)) return 'svg';
  if (HTML_START.test(start) || HTML_ANYWHERE.test(text)) return 'html';
  return null;
}
