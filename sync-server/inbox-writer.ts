/**
 * Keeps each member's `inbox:<userId>` in step with a conversation: last
 * message preview, its author and time, and the member's unread count.
 */
import * as conversation from '../shared/doc/conversation.js';
import { type InboxEntry, InboxRoot, type MessageRecord } from '../shared/doc/schema.js';
import type { Room } from './room.js';

export function previewOf(record: Pick<MessageRecord, 'kind' | 'text' | 'attachments'>, editedText?: string): string {
  const text = (editedText ?? record.text ?? '').replace(/\s+/g, ' ').trim();
  if (record.kind === 'voice') return 'Voice message';
  if (record.kind === 'media') {
    const first = record.attachments?.[0];
    const label = first?.mime.startsWith('image/') ? 'Photo' : first?.mime.startsWith('video/') ? 'Video' : 'File';
    return text ? `${label}: ${text}`.slice(0, 200) : label;
  }
  return text.slice(0, 200);
}

/** The inbox entry a member should see for this conversation room. */
export function inboxEntryFor(room: Room, userId: string, now: number): InboxEntry {
  const index = room.index;
  const last = index?.last();
  let lastMessage: InboxEntry['lastMessage'] = null;
  if (last) {
    const found = conversation.findRecord(room.doc, last.id);
    if (found) {
      const edit = conversation.roots(room.doc).edits.get(last.id);
      lastMessage = {
        id: last.id,
        author: last.author,
        kind: found.record.kind,
        preview: previewOf(found.record, edit?.text),
        hlc: last.hlc,
        sentAt: found.record.sentAt,
      };
    }
  }
  const seen = conversation.roots(room.doc).receipts.get(userId)?.seen ?? 0;
  return { lastMessage, unread: index ? index.unreadFor(userId, seen) : 0, updatedAt: last?.hlc ?? now };
}

/** Write the entry unless it is unchanged (no churn in the inbox log). */
export function writeInboxEntry(inbox: Room, conversationId: string, entry: InboxEntry): void {
  const map = inbox.doc.getMap<InboxEntry>(InboxRoot.conversations);
  const current = map.get(conversationId);
  if (current && JSON.stringify(current) === JSON.stringify(entry)) return;
  inbox.transactServer(() => map.set(conversationId, entry));
}

export function removeInboxEntry(inbox: Room, conversationId: string): void {
  const map = inbox.doc.getMap<InboxEntry>(InboxRoot.conversations);
  if (map.has(conversationId)) inbox.transactServer(() => map.delete(conversationId));
}
