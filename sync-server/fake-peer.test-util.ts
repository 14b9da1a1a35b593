/**
 * A minimal in-memory y-websocket peer for unit tests: a client Y.Doc whose
 * frames go straight into a SyncCore connection and back, no network.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../shared/protocol.js';
import type { Connection } from './connection.js';
import type { SyncCore } from './sync-core.js';

export interface FakePeer {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  connection: Connection | null;
  closed: { code: number; reason: string } | null;
  storedVector: Map<number, number>;
  /** Send a raw frame as this client. */
  sendRaw(frame: Uint8Array): void;
  disconnect(): void;
}

export function connectPeer(
  core: SyncCore,
  user: { id: string; name?: string; sessionId?: string },
  docName: string,
  doc: Y.Doc = new Y.Doc(),
): FakePeer {
  const awareness = new awarenessProtocol.Awareness(doc);
  const peer: FakePeer = {
    doc,
    awareness,
    connection: null,
    closed: null,
    storedVector: new Map(),
    sendRaw: (frame) => {
      if (peer.connection && !peer.closed) peer.connection.receive(frame);
    },
    disconnect: () => {
      if (peer.connection) core.disconnected(peer.connection);
      doc.off('update', onUpdate);
      awareness.off('update', onAwareness);
    },
  };
  const fromServer = (frame: Uint8Array): void => {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
      if (encoding.length(reply) > 1) queueMicrotask(() => peer.sendRaw(encoding.toUint8Array(reply)));
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
    } else if (type === MessageType.stored) {
      peer.storedVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    }
  };
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'server') return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeUpdate(e, update);
    peer.sendRaw(encoding.toUint8Array(e));
  };
  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === 'server') return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
    peer.sendRaw(encoding.toUint8Array(e));
  };
  const admission = core.admit(
    {
      send: (frame) => fromServer(frame),
      close: (code, reason) => {
        peer.closed = { code, reason };
      },
    },
    { userId: user.id, displayName: user.name ?? user.id, sessionId: user.sessionId ?? `s-${user.id}` },
    docName,
  );
  if (!admission.ok) {
    peer.closed = { code: admission.code, reason: admission.reason };
    return peer;
  }
  peer.connection = admission.connection;
  // Like y-websocket: say our state vector, then stream local updates.
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  syncProtocol.writeSyncStep1(e, doc);
  peer.sendRaw(encoding.toUint8Array(e));
  doc.on('update', onUpdate);
  awareness.on('update', onAwareness);
  return peer;
}

/** Let queued microtasks (sync replies) run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
