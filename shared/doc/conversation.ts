/**
 * The conversation document model (ARCHITECTURE §2.1) as plain functions over
 * a Y.Doc: send, reply, edit, delete, receipts, reactions and the ordered
 * read-out. Client and tests write through these; the server checks the same
 * rules (rules.ts) on every update it receives.
 */
import * as Y from 'yjs';
import { Limits } from '../protocol.js';
import * as hlc from './hlc.js';
import {
  type Attachment,
  type EditState,
  type MessageKind,
  type MessageRecord,
  type Meta,
  type Receipt,
  type Tombstone,
  Root,
  SCHEMA_VERSION,
  parseReactionKey,
  reactionKey,
} from './schema.js';
import { checkRecord, RuleError } from './rules.js';

export type Page = Y.Array<MessageRecord>;

export interface Roots {
  messages: Y.Array<Page>;
  edits: Y.Map<EditState>;
  deleted: Y.Map<Tombstone>;
  receipts: Y.Map<Receipt>;
  reactions: Y.Map<string>;
  meta: Y.Map<unknown>;
}

export function roots(doc: Y.Doc): Roots {
  return {
    messages: doc.getArray<Page>(Root.messages),
    edits: doc.getMap<EditState>(Root.edits),
    deleted: doc.getMap<Tombstone>(Root.deleted),
    receipts: doc.getMap<Receipt>(Root.receipts),
    reactions: doc.getMap<string>(Root.reactions),
    meta: doc.getMap<unknown>(Root.meta),
  };
}

/** Random, URL-safe, sortable-enough id for messages (time prefix + 80 random bits). */
export function newMessageId(now: number = Date.now()): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  let rand = '';
  for (const b of bytes) rand += b.toString(16).padStart(2, '0');
  return now.toString(36).padStart(9, '0') + rand;
}

export function readMeta(doc: Y.Doc): Meta {
  const meta = roots(doc).meta;
  const kind = meta.get('kind');
  return {
    schemaVersion: typeof meta.get('schemaVersion') === 'number' ? Number(meta.get('schemaVersion')) : SCHEMA_VERSION,
    kind: kind === 'group' ? 'group' : 'direct',
    title: typeof meta.get('title') === 'string' ? String(meta.get('title')) : '',
    keepEditHistory: meta.get('keepEditHistory') === true,
  };
}

/** Server only: write the conversation's meta. */
export function writeMeta(doc: Y.Doc, meta: Partial<Meta>): void {
  const m = roots(doc).meta;
  doc.transact(() => {
    if (m.get('schemaVersion') !== SCHEMA_VERSION) m.set('schemaVersion', SCHEMA_VERSION);
    for (const [k, v] of Object.entries(meta)) if (v !== undefined && m.get(k) !== v) m.set(k, v);
  });
}

/** Append a record to the last page, opening a new page when it is full (constant time). */
export function appendRecord(doc: Y.Doc, record: MessageRecord): void {
  const { messages } = roots(doc);
  doc.transact(() => {
    let page = messages.length > 0 ? messages.get(messages.length - 1) : undefined;
    if (page === undefined || page.length >= Limits.pageSize) {
      page = new Y.Array<MessageRecord>();
      messages.push([page]);
    }
    page.push([record]);
  });
}

/** Highest hlc in the whole document (records and tombstones): O(messages), for a clock's start. */
export function highestHlc(doc: Y.Doc): number {
  const { messages, deleted } = roots(doc);
  let highest = 0;
  for (const page of messages) for (const r of page) if (r.hlc > highest) highest = r.hlc;
  for (const t of deleted.values()) if (t.hlc > highest) highest = t.hlc;
  return highest;
}

/** Highest hlc among the newest records (last records of the last pages): O(1). */
export function recentHlc(doc: Y.Doc): number {
  const { messages } = roots(doc);
  let highest = 0;
  for (let p = messages.length - 1; p >= 0 && p >= messages.length - 2; p--) {
    const page = messages.get(p);
    if (page.length > 0) highest = Math.max(highest, page.get(page.length - 1).hlc);
  }
  return highest;
}

/** A clock that starts past everything in the document. */
export function makeDocClock(doc: Y.Doc): hlc.Clock {
  const clock = hlc.makeClock();
  hlc.observe(clock, highestHlc(doc));
  return clock;
}

export interface SendInput {
  author: string;
  kind?: MessageKind;
  text?: string;
  replyTo?: string;
  threadOf?: string;
  attachments?: Attachment[];
  id?: string;
  now?: number;
}

/** Send a message (a reply when `replyTo` is set, a thread reply when `threadOf` is). */
export function sendMessage(doc: Y.Doc, clock: hlc.Clock, input: SendInput): MessageRecord {
  const now = input.now ?? Date.now();
  // Constant time: the clock already saw the history; look at what arrived since and at what we answer.
  hlc.observe(clock, recentHlc(doc));
  const answered = input.replyTo ?? input.threadOf;
  if (answered !== undefined) hlc.observe(clock, findRecord(doc, answered)?.record.hlc ?? 0);
  const record: MessageRecord = {
    id: input.id ?? newMessageId(now),
    author: input.author,
    hlc: hlc.tick(clock, now),
    sentAt: now,
    kind: input.kind ?? 'text',
  };
  if (input.text !== undefined) record.text = input.text;
  if (input.replyTo !== undefined) record.replyTo = input.replyTo;
  if (input.threadOf !== undefined) record.threadOf = input.threadOf;
  if (input.attachments !== undefined) record.attachments = input.attachments;
  const refusal = checkRecord(input.author, record, now);
  if (refusal) throw new RuleError(refusal);
  appendRecord(doc, record);
  return record;
}

/** Where a record sits: page index and index within the page. */
export function findRecord(doc: Y.Doc, msgId: string): { page: Page; index: number; record: MessageRecord } | null {
  const { messages } = roots(doc);
  for (let p = messages.length - 1; p >= 0; p--) {
    const page = messages.get(p);
    for (let i = page.length - 1; i >= 0; i--) {
      const record = page.get(i);
      if (record.id === msgId) return { page, index: i, record };
    }
  }
  return null;
}

/**
 * Edit your own message. With `keepEditHistory` the earlier versions are kept
 * in `edits[msgId].history`. Without it no earlier text may survive, and the
 * immutable record still holds the original: so the record is re-issued with
 * the new text (same id and hlc, hence the same place) and the old one deleted,
 * which garbage collection then erases.
 */
export function editMessage(doc: Y.Doc, input: { msgId: string; editor: string; text: string; now?: number }): EditState {
  const found = findRecord(doc, input.msgId);
  if (!found) throw new RuleError(`no message ${input.msgId}`);
  if (found.record.author !== input.editor) throw new RuleError('only the author may edit a message');
  const text = input.text;
  if (text.trim().length === 0) throw new RuleError('an edit needs text');
  if (text.length > Limits.maxTextLength) throw new RuleError('text too long');
  const now = input.now ?? Date.now();
  const { edits } = roots(doc);
  const previous = edits.get(input.msgId);
  const next: EditState = { text, editedAt: now };
  const keep = readMeta(doc).keepEditHistory;
  if (keep) {
    const earlier = previous
      ? { text: previous.text, at: previous.editedAt }
      : { text: found.record.text ?? '', at: found.record.sentAt };
    next.history = [...(previous?.history ?? []), earlier];
  }
  doc.transact(() => {
    if (!keep && found.record.text !== undefined) {
      found.page.delete(found.index, 1);
      appendRecord(doc, { ...found.record, text });
    }
    edits.set(input.msgId, next);
  });
  return next;
}

/** Delete for everyone: the record goes, its edits go, a tombstone keeps its place. */
export function deleteMessage(doc: Y.Doc, input: { msgId: string; userId: string; now?: number }): Tombstone {
  const found = findRecord(doc, input.msgId);
  if (!found) throw new RuleError(`no message ${input.msgId}`);
  if (found.record.author !== input.userId) throw new RuleError('only the author may delete a message');
  const { edits, deleted } = roots(doc);
  const tombstone: Tombstone = { author: found.record.author, hlc: found.record.hlc, deletedAt: input.now ?? Date.now() };
  if (found.record.threadOf !== undefined) tombstone.threadOf = found.record.threadOf;
  doc.transact(() => {
    found.page.delete(found.index, 1);
    if (edits.has(input.msgId)) edits.delete(input.msgId);
    deleted.set(input.msgId, tombstone);
  });
  return tombstone;
}

/**
 * Merges and setting changes can leave text of mine that should be gone: an
 * edit that crossed a delete of the same message, two devices re-issuing one
 * record, or earlier versions kept before the conversation stopped keeping
 * edit history. Only the author may rewrite these, so the author's devices
 * tidy them when they see them (call after syncing and on remote updates).
 * Returns how many entries changed.
 */
export function removeLeftovers(doc: Y.Doc, userId: string): number {
  const { messages, edits, deleted } = roots(doc);
  const keepHistory = readMeta(doc).keepEditHistory;
  const staleEdits = [...edits.keys()].filter((id) => deleted.get(id)?.author === userId);
  const staleRecords: Array<{ page: Page; index: number }> = [];
  const reissue: MessageRecord[] = [];
  const kept = new Set<string>();
  for (const page of messages) {
    page.forEach((r, index) => {
      if (r.author !== userId) return;
      const current = edits.get(r.id)?.text;
      const duplicate = kept.has(r.id) || (current !== undefined && r.text !== current && countLive(doc, r.id) > 1);
      if (deleted.has(r.id) || duplicate) staleRecords.push({ page, index });
      else if (!keepHistory && current !== undefined && r.text !== undefined && r.text !== current) {
        // The original wording outlived a switch to "don't keep history".
        staleRecords.push({ page, index });
        reissue.push({ ...r, text: current });
        kept.add(r.id);
      } else kept.add(r.id);
    });
  }
  const historyToDrop = keepHistory
    ? []
    : [...edits.entries()].filter(([id, e]) => e.history !== undefined && !deleted.has(id) && kept.has(id));
  const changes = staleEdits.length + staleRecords.length + historyToDrop.length;
  if (changes === 0) return 0;
  doc.transact(() => {
    for (const id of staleEdits) edits.delete(id);
    // Back to front so earlier indexes stay valid.
    for (const { page, index } of staleRecords.reverse()) page.delete(index, 1);
    for (const r of reissue) appendRecord(doc, r);
    for (const [id, e] of historyToDrop) edits.set(id, { text: e.text, editedAt: e.editedAt });
  });
  return changes;
}

function countLive(doc: Y.Doc, msgId: string): number {
  let n = 0;
  for (const page of roots(doc).messages) for (const r of page) if (r.id === msgId) n++;
  return n;
}

/** Move a user's receipt forward (never back). Returns false when nothing changed. */
export function markReceipt(doc: Y.Doc, userId: string, progress: { delivered?: number; seen?: number; now?: number }): boolean {
  const { receipts } = roots(doc);
  const current = receipts.get(userId);
  const seen = Math.max(current?.seen ?? 0, progress.seen ?? 0);
  // What was seen was necessarily delivered.
  const delivered = Math.max(current?.delivered ?? 0, progress.delivered ?? 0, seen);
  if (current && current.seen === seen && current.delivered === delivered) return false;
  receipts.set(userId, { delivered, seen, at: progress.now ?? Date.now() });
  return true;
}

/** Set (or with `null` remove) the user's one reaction on a message. */
export function react(doc: Y.Doc, msgId: string, userId: string, emoji: string | null): void {
  const { reactions } = roots(doc);
  const key = reactionKey(msgId, userId);
  if (emoji === null) {
    if (reactions.has(key)) reactions.delete(key);
  } else if (reactions.get(key) !== emoji) {
    reactions.set(key, emoji);
  }
}

export type MessageState = 'sending' | 'sent' | 'delivered' | 'seen';

/** A message as the UI shows it. */
export interface MessageView {
  id: string;
  author: string;
  hlc: number;
  sentAt: number;
  kind: MessageKind;
  /** Current text (after edits); undefined when deleted or not a text. */
  text?: string;
  replyTo?: string;
  threadOf?: string;
  attachments?: Attachment[];
  edited?: EditState;
  deleted?: Tombstone;
  /** emoji → userIds */
  reactions: Map<string, string[]>;
}

export function compareOrder(a: { hlc: number; id: string }, b: { hlc: number; id: string }): number {
  return a.hlc - b.hlc || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every message (including deleted ones as tombstones) in display order (hlc, id). */
export function readMessages(doc: Y.Doc): MessageView[] {
  const { messages, edits, deleted, reactions } = roots(doc);
  const byMsg = new Map<string, Map<string, string[]>>();
  for (const [key, emoji] of reactions.entries()) {
    const parsed = parseReactionKey(key);
    if (!parsed) continue;
    let m = byMsg.get(parsed.msgId);
    if (!m) byMsg.set(parsed.msgId, (m = new Map()));
    const users = m.get(emoji);
    if (users) users.push(parsed.userId);
    else m.set(emoji, [parsed.userId]);
  }
  // Map iteration order differs between replicas: sort so every device shows the same.
  for (const [msgId, m] of byMsg) {
    for (const users of m.values()) users.sort();
    byMsg.set(msgId, new Map([...m].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))));
  }
  const out: MessageView[] = [];
  const seen = new Set<string>();
  for (const page of messages) {
    for (const r of page) {
      if (seen.has(r.id) || deleted.has(r.id)) continue;
      seen.add(r.id);
      const edit = edits.get(r.id);
      const view: MessageView = { ...r, reactions: byMsg.get(r.id) ?? new Map() };
      if (edit) {
        view.edited = edit;
        view.text = edit.text;
      }
      out.push(view);
    }
  }
  for (const [id, t] of deleted.entries()) {
    const view: MessageView = { id, author: t.author, hlc: t.hlc, sentAt: t.hlc, kind: 'text', deleted: t, reactions: new Map() };
    if (t.threadOf !== undefined) view.threadOf = t.threadOf;
    out.push(view);
  }
  out.sort(compareOrder);
  return out;
}

/**
 * State of one of my messages for the ticks: seen/delivered when every other
 * member's receipt covers it, sent once the server stored it.
 */
export function messageState(
  doc: Y.Doc,
  message: { hlc: number; author: string },
  members: readonly string[],
  storedOnServer: boolean,
): MessageState {
  if (!storedOnServer) return 'sending';
  const { receipts } = roots(doc);
  const others = members.filter((m) => m !== message.author);
  if (others.length === 0) return 'sent';
  let allSeen = true;
  let allDelivered = true;
  for (const m of others) {
    const r = receipts.get(m);
    if (!r || r.seen < message.hlc) allSeen = false;
    if (!r || r.delivered < message.hlc) allDelivered = false;
  }
  return allSeen ? 'seen' : allDelivered ? 'delivered' : 'sent';
}
