/** How a message is named in small places: the quote of a reply, the composer's "replying to", the thread header. */
import type { MessageView } from '../../../../shared/doc/conversation.js';
import type { Attachment, MessageKind } from '../../../../shared/doc/schema.js';

export interface Snippet {
  /** `label` for a media kind or a deleted message (shown muted), `text` for words. */
  kind: 'text' | 'label';
  text: string;
}

/** "Photo", "Video", "Voice message" or "File", from the kind and the first attachment's type. */
export function attachmentLabel(kind: MessageKind, attachments: readonly Attachment[] | undefined): string {
  if (kind === 'voice') return 'Voice message';
  const mime = attachments?.[0]?.mime ?? '';
  const count = attachments?.length ?? 0;
  if (mime.startsWith('image/')) return count > 1 ? `${count} photos` : 'Photo';
  if (mime.startsWith('video/')) return 'Video';
  if (mime.startsWith('audio/')) return 'Audio';
  return count > 1 ? `${count} files` : 'File';
}

/** The start of the text on one line, cut at a word near `max` characters. */
export function shorten(text: string, max = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function snippetOf(message: MessageView | undefined, max = 90): Snippet {
  if (!message) return { kind: 'label', text: 'Original message not available' };
  if (message.deleted) return { kind: 'label', text: 'Message deleted' };
  if (message.kind === 'text') return { kind: 'text', text: shorten(message.text ?? '', max) };
  const label = attachmentLabel(message.kind, message.attachments);
  const caption = message.text?.trim();
  return caption ? { kind: 'text', text: shorten(`${label}: ${caption}`, max) } : { kind: 'label', text: label };
}
