/**
 * What the server has durably stored, per document: the state vector it sends
 * in message type 100 ("stored", shared/protocol.ts) after each write to its
 * log and once after its first sync answer. A record of mine is "sent" when
 * that vector covers the record's struct.
 *
 * The last vector per document is kept in memory for the page's lifetime, so a
 * document closed and reopened (or a socket reconnecting) starts from what we
 * last knew; conversation-doc also keeps it beside the document in IndexedDB,
 * so after a reload the ticks do not fall back to "sending" while offline.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../../../shared/protocol.js';
import type { RecordId } from './records.js';

export type StateVector = ReadonlyMap<number, number>;

/** Whether the server's state vector includes the struct `id`. */
export function covers(sv: StateVector | undefined, id: RecordId | undefined): boolean {
  if (sv === undefined || id === undefined) return false;
  return id.clock < (sv.get(id.client) ?? 0);
}

/** Whether the server holds everything this document has from each of `clients`. */
export function coversClients(sv: StateVector | undefined, doc: Y.Doc, clients: Iterable<number>): boolean {
  if (sv === undefined) return false;
  for (const client of clients) {
    if (Y.getState(doc.store, client) > (sv.get(client) ?? 0)) return false;
  }
  return true;
}

/** Per-client maximum: the server's vector only grows, but messages may arrive out of order across sockets. */
export function mergeStateVectors(a: StateVector | undefined, b: StateVector): StateVector {
  if (a === undefined) return new Map(b);
  const out = new Map(a);
  for (const [client, clock] of b) if (clock > (out.get(client) ?? 0)) out.set(client, clock);
  return out;
}

export interface ServerStates {
  get(docName: string): StateVector | undefined;
  /** Record a vector from the server; returns the merged vector. */
  record(docName: string, sv: StateVector): StateVector;
  /** Forget a document (e.g. access revoked). */
  forget(docName: string): void;
}

export function makeServerStates(): ServerStates {
  const byDoc = new Map<string, StateVector>();
  return {
    get: (docName) => byDoc.get(docName),
    record(docName, sv) {
      const merged = mergeStateVectors(byDoc.get(docName), sv);
      byDoc.set(docName, merged);
      return merged;
    },
    forget: (docName) => void byDoc.delete(docName),
  };
}

/** Read the payload of a "stored" message (after its type varUint). */
export function readStored(decoder: decoding.Decoder): StateVector {
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

/** A whole "stored" frame, as the server sends it (tests and fakes use this). */
export function encodeStored(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.stored);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Teach a provider message type 100; `onStored` gets each vector the server sends. */
export function handleStored(provider: WebsocketProvider, onStored: (sv: StateVector) => void): void {
  provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
    onStored(readStored(decoder));
  };
}
