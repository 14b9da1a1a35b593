/**
 * Outbox items as messages: how a waiting media message looks in the list
 * (mine, in state "sending", at the place it was written) and the record it
 * becomes once its files are uploaded. Pure functions.
 */
import { type MessageView, compareOrder } from '../../../shared/doc/conversation.js';
import * as hlc from '../../../shared/doc/hlc.js';
import type { Attachment, MessageRecord } from '../../../shared/doc/schema.js';
import type { OutboxFile, OutboxItem } from './outbox-store.js';

const NO_REACTIONS: Map<string, string[]> = new Map();

/** The record's attachment for an uploaded file (the server's type and size, the sender's measurements). */
export function attachmentOf(file: OutboxFile): Attachment | null {
  if (!file.uploaded) return null;
  return withMeasurements({ mediaId: file.uploaded.mediaId, mime: file.uploaded.mime, size: file.uploaded.size }, file);
}

/** The attachment shown while the file waits: no media id yet, the picked type and size. */
function localAttachment(file: OutboxFile): Attachment {
  return attachmentOf(file) ?? withMeasurements({ mediaId: '', mime: file.mime, size: file.blob.size }, file);
}

function withMeasurements(attachment: Attachment, file: OutboxFile): Attachment {
  if (file.name !== undefined) attachment.name = file.name;
  if (file.width !== undefined) attachment.width = file.width;
  if (file.height !== undefined) attachment.height = file.height;
  if (file.durationMs !== undefined) attachment.durationMs = file.durationMs;
  if (file.waveform !== undefined) attachment.waveform = file.waveform;
  if (file.preview !== undefined) attachment.preview = file.preview;
  return attachment;
}

export function itemView(item: OutboxItem): MessageView {
  const view: MessageView = {
    id: item.id,
    author: item.author,
    hlc: item.hlc,
    sentAt: item.sentAt,
    kind: item.kind,
    attachments: item.files.map(localAttachment),
    reactions: NO_REACTIONS,
  };
  if (item.text !== undefined) view.text = item.text;
  if (item.replyTo !== undefined) view.replyTo = item.replyTo;
  if (item.threadOf !== undefined) view.threadOf = item.threadOf;
  return view;
}

/**
 * The conversation's messages with the outbox items that are not in the
 * document yet, in display order. Returns `views` itself when there is
 * nothing to add.
 */
export function withOutbox(views: readonly MessageView[], items: readonly OutboxItem[], inDocument: (msgId: string) => boolean): readonly MessageView[] {
  const waiting = items.filter((item) => !inDocument(item.id)).map(itemView);
  if (waiting.length === 0) return views;
  waiting.sort(compareOrder);
  const out: MessageView[] = [];
  let w = 0;
  for (const view of views) {
    while (w < waiting.length && compareOrder(waiting[w] as MessageView, view) < 0) out.push(waiting[w++] as MessageView);
    out.push(view);
  }
  while (w < waiting.length) out.push(waiting[w++] as MessageView);
  return out;
}

/**
 * The record an item becomes. It keeps the time it was written (`sentAt`) but
 * sorts after everything already in the conversation (`hlc` from the
 * document's clock at the moment it is sent), so receipts and unread counts,
 * which move forward by hlc, count it as new. Null while a file waits.
 */
export function recordOf(item: OutboxItem, clock: hlc.Clock, now: number): MessageRecord | null {
  const attachments: Attachment[] = [];
  for (const file of item.files) {
    const attachment = attachmentOf(file);
    if (!attachment) return null;
    attachments.push(attachment);
  }
  const record: MessageRecord = {
    id: item.id,
    author: item.author,
    hlc: hlc.tick(clock, Math.max(now, item.hlc)),
    sentAt: item.sentAt,
    kind: item.kind,
    attachments,
  };
  if (item.text !== undefined && item.text.trim() !== '') record.text = item.text;
  if (item.replyTo !== undefined) record.replyTo = item.replyTo;
  if (item.threadOf !== undefined) record.threadOf = item.threadOf;
  return record;
}

/** Where a new item sorts: after what the conversation shows and after what already waits, never before now. */
export function nextHlc(now: number, highestShown: number, waiting: readonly OutboxItem[]): number {
  let highest = highestShown;
  for (const item of waiting) if (item.hlc > highest) highest = item.hlc;
  return Math.max(now, highest + 1);
}
