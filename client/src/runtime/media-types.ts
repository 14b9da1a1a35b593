/**
 * What the client needs to know about a picked or received file, as pure
 * functions: how it is shown (image, video, audio, other file), how its size
 * and duration read, and the display name kept in the record.
 */

/** How an attachment is shown in a message. */
export type AttachmentDisplay = 'image' | 'video' | 'audio' | 'file';

/** Image types every current browser decodes; anything else is offered as a download. */
const SHOWN_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
const SHOWN_VIDEOS = new Set(['video/mp4', 'video/webm', 'video/quicktime', 'video/ogg']);

/** The type without parameters, in lower case ("audio/webm;codecs=opus" → "audio/webm"). */
export function mimeEssence(mime: string): string {
  return (mime.split(';', 1)[0] ?? '').trim().toLowerCase();
}

export function displayOf(mime: string): AttachmentDisplay {
  const essence = mimeEssence(mime);
  if (SHOWN_IMAGES.has(essence)) return 'image';
  if (SHOWN_VIDEOS.has(essence)) return 'video';
  if (essence.startsWith('audio/')) return 'audio';
  return 'file';
}


/** Most attachments in one message (the record schema's cap). */
export const MAX_ATTACHMENTS = 10;

/** Longest display name kept in a record (the schema's cap). */
export const MAX_NAME_LENGTH = 255;

const UNITS = ['KB', 'MB', 'GB'] as const;

/** "912 B", "14 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const next of UNITS) {
    if (value < 1000) break;
    value /= 1024;
    unit = next;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${unit}`;
}

/** "0:07", "1:05", "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The file's name as kept in the record: no path, no control characters, at
 * most 255 code points with a short extension kept. The server cleans it again
 * for downloads; this keeps the record within the schema. Undefined when
 * nothing is left.
 */
export function displayName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  const base = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1).trim();
  if (base === '') return undefined;
  const chars = Array.from(base);
  if (chars.length <= MAX_NAME_LENGTH) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(base.slice(dot)) : [];
  if (extension.length > 0 && extension.length <= 16) {
    return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('') + extension.join('');
  }
  return chars.slice(0, MAX_NAME_LENGTH).join('');
}

/** The URL a stored file is served from. */
export const mediaUrl = (mediaId: string): string => `/api/media/${encodeURIComponent(mediaId)}`;

/**
 * A stored preview fit to show: only an inline picture (a data URL). The
 * record comes from another device; anything else, such as a remote address
 * that would tell a tracker who looked, is dropped.
 */
export function safePreview(preview: string | undefined): string | undefined {
  if (preview === undefined) return undefined;
  return /^data:image\/(?:jpeg|png|webp|gif|avif);base64,[A-Za-z0-9+/=]+$/.test(preview) ? preview : undefined;
}
