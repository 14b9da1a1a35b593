/**
 * What the server keeps in memory about a loaded conversation: who wrote each
 * message (for the write rules) and the main timeline in (hlc, id) order (for
 * inbox previews and unread counts).
 */
import type * as Y from 'yjs';
import * as conversation from '../shared/doc/conversation.js';
import type { MessageRecord } from '../shared/doc/schema.js';

export interface TimelineEntry {
  id: string;
  author: string;
  hlc: number;
}

export class ConversationIndex {
  private readonly authors = new Map<string, string>();
  /** Main-timeline messages not deleted, sorted by (hlc, id). */
  readonly timeline: TimelineEntry[] = [];
  private readonly latest = new Map<string, MessageRecord>();

  static build(doc: Y.Doc): ConversationIndex {
    const index = new ConversationIndex();
    const { messages, deleted } = conversation.roots(doc);
    for (const [id, t] of deleted.entries()) index.authors.set(id, t.author);
    const records: MessageRecord[] = [];
    for (const page of messages) for (const r of page) records.push(r);
    records.sort(conversation.compareOrder);
    for (const r of records) index.addRecord(r, deleted.has(r.id));
    return index;
  }

  authorOf(msgId: string): string | undefined {
    return this.authors.get(msgId);
  }

  addRecord(record: MessageRecord, isDeleted = false): void {
    // A re-issued record (edit without history) keeps its place: same id, same hlc.
    if (this.authors.has(record.id)) return;
    this.authors.set(record.id, record.author);
    if (record.threadOf !== undefined || isDeleted) return;
    const entry = { id: record.id, author: record.author, hlc: record.hlc };
    const t = this.timeline;
    // Appends are almost always at the end; binary search handles offline arrivals.
    let lo = t.length;
    if (lo > 0 && conversation.compareOrder(t[lo - 1]!, entry) > 0) {
      lo = 0;
      let hi = t.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (conversation.compareOrder(t[mid]!, entry) < 0) lo = mid + 1;
        else hi = mid;
      }
    }
    t.splice(lo, 0, entry);
    this.latest.set(record.id, record);
    if (this.latest.size > 64) this.latest.delete(this.latest.keys().next().value!);
  }

  /** A tombstone arrived: the message leaves the timeline, its author stays known. */
  removeMessage(msgId: string, author: string): void {
    if (!this.authors.has(msgId)) this.authors.set(msgId, author);
    const i = this.timeline.findLastIndex((e) => e.id === msgId);
    if (i >= 0) this.timeline.splice(i, 1);
    this.latest.delete(msgId);
  }

  /** The newest main-timeline entry. */
  last(): TimelineEntry | undefined {
    return this.timeline[this.timeline.length - 1];
  }

  /** Messages after `seenHlc` written by others, counted from the end (capped). */
  unreadFor(userId: string, seenHlc: number, cap = 9999): number {
    let n = 0;
    for (let i = this.timeline.length - 1; i >= 0 && n < cap; i--) {
      const e = this.timeline[i]!;
      if (e.hlc <= seenHlc) break;
      if (e.author !== userId) n++;
    }
    return n;
  }
}
