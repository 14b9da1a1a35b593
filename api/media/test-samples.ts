/**
 * Real files and real file heads for the media tests. The images are the
 * whole tiny files from CPython's imghdr test data; the audio, ZIP and PDF
 * entries are the first 64 bytes of real files (LAME MP3, PCM WAV, Info-ZIP,
 * a pdfTeX PDF); the container heads (MP4, QuickTime, M4A, HEIC, AVIF, WebM,
 * Matroska, Ogg, ADTS, FLAC) are the leading boxes / elements exactly as
 * ffmpeg, libheif, libavif and browser MediaRecorders write them.
 */

const b64 = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s, 'base64'));
const hex = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const ascii = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(s, 'latin1'));
const join = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.concat(parts));

/** A 16×16 PNG (1,020 bytes). */
export const PNG = b64(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAMAAAAoLQ9TAAAAIGNIUk0AAHomAACAhAAA+gAAAIDoAAB1MAAA6mAAADqYAAAXcJy6UTwAAAHFUE' +
  'xURQAAAE6NwEqGujxxnjdolgAAAAAAAAAAAAAAAAAAAE6PxEyKv0iFtkN9rT10oTlsljZmkAAAAAAAAFKRxv3dSvnVPgAAADJghwAAAP3VNgAA' +
  'ADVokgAAAOzORQAAADZpkxsxRQAAAAAAAOLDRf3ZQQAAAEaBsjZnkQAAAPLhbv3pav3LG0N9rhwyS/Xjb/PBGkB1oz1zogAAAMKaEgAAAAAAAA' +
  'AAAAAAAAAAAOjHPevFNOvCKuu+Ieu7GMabEgAAAAAAAAAAAAAAAAAAAAAAAAAAAP3eTgAAAAAAAAAAAAAAAPHQP/rTOf3SL/rHGcCXEgAAAAAA' +
  'AAAAAAAAAAAAAAAAAEiDtER+rUB4p0yKvP///0V/r0F5qD50ojpvmzZplEmFt0aAsUJ7qj51oztwnTdqljhsl0+NwUuIu0R9rUB4pj1zoDltmf' +
  '/iVVCPw0yJvEiEtT10of/eS//aQU2LvkaAsDtwnP/aQv/WN//TLUqHuUeBskN8qz92pf/XOP/PI//mYf/jV//fTf/bQv/TLv/PJP/rbP/nYf/b' +
  'Q//XOf/MHDpwnP/nYv/jWP/fTv/TL//bRP/XOv/TMP/QJf/YOv/UMP/QJpJJAAIAAABWdFJOUwCv7feSCwMoQRV+oKGjp6qqSBi994IKtkPtJP' +
  'dPiD22XExHa/dG96pOpvf311uzwm/3S3o0CCE8NaqpqampeSACCRMSLB73QBwFAUzM99h7Ox1CRTgf+DIQcQAAAAFiS0dEWgO7paIAAAD1SURB' +
  'VBjTY2AAAkamsPAIZhZWNgYoiIyKjomNi2dnhQkkJCYlp6TGc3CCeVzcPLx8/AJp8fGCQiC+cHpGWGZWdk48UCBXRFSMIS+/IDqmMA7IF5coKp' +
  'aUYihJKE1KLkuNlxaXkS2vqJRjqKquqZVXUBRU4lBWqausV2VQy8xS19DUamhsaq5radVWYtCJKdTVa2tvbOrobGnt0udgMDDsNmrr6e3r6Oxv' +
  '7eoyNmEwNTO3APItraxtbG3tOOwZHBydnHv7JkycNLmLw8LFFeJ6twlTpk6L0nb3cPT0Agt4+/hO6/LzD3CGec400CJIKTgk1BTIBgBAYkJ/yC' +
  '2b5QAAACV0RVh0ZGF0ZTpjcmVhdGUAMjAxNC0wMS0yNlQyMDo1OTozNyswMjowMPuaB3cAAAAldEVYdGRhdGU6bW9kaWZ5ADIwMTQtMDEtMjZU' +
  'MjA6NTk6MDArMDI6MDDB74amAAAAAElFTkSuQmCC',
);
/** A 16×16 GIF89a. */
export const GIF = b64(
  'R0lGODlhEAAQAPZkAOu7GOu+IfPBGvrHGf3LG//MHOvCKv/PI//PJP/QJf/QJv/TLf3SL//TLv/TL+vFNOjHPf/TMP/UMP3VNv/WN/rTOf/XOP' +
  '/XOf/XOvnVPv/YOuzORf3ZQf/aQf/aQv/bQv/bQ//bRP3dSv/eS//fTf3eTv/fTv/iVf/jV//jWP/mYf/nYf/nYvLhbvXjb/3pav/rbDJghzZm' +
  'kDZnkTVokjZpkzZplDdoljdqljlsljhslzltmTpvmzpwnDtwnDtwnTxxnj1zoD1zoj10oT50oj51oz92pUB4pkB4p0F5qEJ7qkN8q0N9rUN9rk' +
  'R9rUR+rUV/r0aAsEaAsUaBskeBskiDtEiEtUiFtkmFt0qHuUqGukuIu0yJvEyKvE2LvkyKv06NwE+NwVCPw1KRxv///wAAAAAAAAAAAAAAAAAA' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACH5BAEAAGUAIf8LSW1hZ2' +
  'VNYWdpY2sHZ2FtbWE9MAAsAAAAABAAEAAAB6iAZYJlYVpSTEZAN4OMgl1kUkpEPTiNjFeRRD44NZZlX1dMRDkyOTiVjGNhXFVQR0A8NadlJyMZ' +
  'ZWJfVFBKsDW/MWUjHROfV1SSQKczwRvEC2XHS0edjR0XCwdlh0czZS0vLCcmHRoLCARlTJJlLjAsKSYhFxEIBQKCQj5l7/Hl5wUKWIJnAsIDAw' +
  'EAAPAUb16EBAI9lZF3QUICMukklqnwsMAAjSAHBQIAOw==',
);
/** A 16×16 baseline JPEG (JFIF). */
export const JPEG = b64(
  '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSEx' +
  'IQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQ' +
  'ABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAA' +
  'AAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPk' +
  'JWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWn' +
  'WO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0' +
  'vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
);
/** A 16×16 WebP (VP8X with alpha). */
export const WEBP = b64(
  'UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNc' +
  'EIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lz' +
  'Rugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdAS' +
  'oQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns' +
  '9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx' +
  '+ROaAB/ZoBSzEs3rzZe6qsAAAA',
);

/** MP3 with an ID3v2.4 tag (LAME). */
export const MP3_ID3 = b64('SUQzBAAAAAAAFlRTU0UAAAAMAAADTGF2ZjUzLjUuMAD/84DEAAAAA0gAAAAATEFNRTMuOTguMlVVVVVVVVVVVQ==');
/** The same MP3 from its first frame on (MPEG-2 Layer III sync, no tag). */
export const MP3_FRAME = b64('//OAxAAAAANIAAAAAExBTUUzLjk4LjJVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVQ==');
export const WAV = b64('UklGRjgAAABXQVZFZm10IBAAAAABAAIARKwAABCxAgAEABAAZGF0YRQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==');
export const ZIP = b64('UEsDBAoAAAAAAPO1eF16em/tAwAAAAMAAAAFABwAdC50eHRVVAkAAwoUBmsKFAZrdXgLAAEEAAAAAAQAAAAAaA==');
export const PDF = b64('JVBERi0xLjUKJdDUxdgKMTAxIDAgb2JqCjw8Ci9MZW5ndGggMTE0MiAgICAgIAovRmlsdGVyIC9GbGF0ZURlYw==');

/** ffmpeg's default MP4 `ftyp`: isom, compatible isom iso2 avc1 mp41. */
export const MP4 = hex('00000020 66747970 69736f6d 00000200 69736f6d 69736f32 61766331 6d703431 00000008 66726565');
/** iPhone QuickTime movie. */
export const QUICKTIME = hex('00000014 66747970 71742020 00000000 71742020 00000008 77696465');
/** AAC in an M4A container (iTunes / ffmpeg -f ipod). */
export const M4A = hex('00000020 66747970 4d344120 00000200 4d344120 69736f6d 69736f32 00000000 00000008 66726565');
/** iPhone HEIC photo. */
export const HEIC = hex('00000018 66747970 68656963 00000000 6d696631 68656963 00000f2c 6d657461');
/** libavif still image. */
export const AVIF = hex('00000020 66747970 61766966 00000000 61766966 6d696631 6d696166 4d413142 000000f2 6d657461');
/** Chrome MediaRecorder WebM (EBML header with DocType "webm"). */
export const WEBM = hex('1a45dfa3 9f428681 0142f781 0142f281 0442f381 08428284 7765626d 42878104 42858102 18538067');
/** mkvmerge Matroska (DocType "matroska"). */
export const MATROSKA = hex('1a45dfa3 a3428681 0142f781 0142f281 0442f381 08428288 6d617472 6f736b61 42878104 42858102');
/** Firefox MediaRecorder Ogg/Opus: first page with the OpusHead packet. */
export const OGG_OPUS = join(
  hex('4f676753 00020000 00000000 0000a1b2 c3d40000 00003c6d 1e2f0113'),
  ascii('OpusHead'),
  hex('0101 3801 80bb0000 000000'),
);
/** AAC in ADTS frames (ffmpeg -f adts), 44.1 kHz stereo LC. */
export const AAC_ADTS = hex('fff15080 2e7ffc21 1b14a4a4 ac280000');
export const FLAC = join(ascii('fLaC'), hex('00000022 10001000 00000e00 2c990ac4 42f0'));

export const UTF8_TEXT = new TextEncoder().encode('Grüße aus Köln — ünïcödé text\nline two 🎉\n');
export const HTML = new TextEncoder().encode('<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n');
export const SVG = new TextEncoder().encode(
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>\n',
);
