/**
 * Reading the message pages at the level of Yjs items: each record's struct id
 * (client, clock), which the server's state vector is compared against for the
 * "sent" tick, and fast scans that avoid Y.Array's per-element overhead.
 */
import * as Y from 'yjs';
import type { MessageRecord } from '../../../shared/doc/schema.js';
import { roots } from '../../../shared/doc/conversation.js';

/** Where a record's struct lives: client id and the clock of its element within the item. */
export interface RecordId {
  client: number;
  clock: number;
}

/** Records were validated by the server (and by the writer); this only guards against foreign content. */
export function isRecord(value: unknown): value is MessageRecord {
  if (typeof value !== 'object' || value === null) return false;
  return (
    'id' in value &&
    typeof value.id === 'string' &&
    'author' in value &&
    typeof value.author === 'string' &&
    'hlc' in value &&
    typeof value.hlc === 'number'
  );
}

/**
 * Called for each record with its struct id, as two numbers: a scan of
 * 100,000 records allocates no id objects.
 */
export type RecordVisitor = (record: MessageRecord, client: number, clock: number) => void;

/** Every live record of one item, with its struct id. */
export function forEachItemRecord(item: Y.Item, fn: RecordVisitor): void {
  if (item.deleted || !(item.content instanceof Y.ContentAny)) return;
  const values = item.content.arr;
  const { client, clock } = item.id;
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (isRecord(value)) fn(value, client, clock + i);
  }
}

/** Every live record of a page, in page order, with its struct id. */
export function forEachPageRecord(page: Y.AbstractType<unknown>, fn: RecordVisitor): void {
  for (let item = page._start; item !== null; item = item.right) forEachItemRecord(item, fn);
}

/** Every live record of the document, page by page. */
export function forEachRecord(doc: Y.Doc, fn: RecordVisitor): void {
  for (let item = roots(doc).messages._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    forEachPageRecord(item.content.type, fn);
  }
}

/** Highest hlc among records written by someone other than `me` (what my receipts acknowledge). */
export function highestForeignHlc(doc: Y.Doc, me: string): number {
  let highest = 0;
  forEachRecord(doc, (record) => {
    if (record.author !== me && record.hlc > highest) highest = record.hlc;
  });
  return highest;
}
