/**
 * An in-process stand-in for the sync server, for unit tests of the client
 * runtime: a WebSocket class (the DOM interface, no network, no port) whose
 * sockets talk to a y-websocket-style server holding one Y.Doc per name. It
 * answers sync, relays updates and awareness, and sends the "stored" state
 * vector (message type 100) after it applied updates, like the real server.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../../../../shared/protocol.js';
import { encodeStored } from '../server-state.js';
import type { WebSocketClass } from '../socket.js';

class FakeCloseEvent extends Event implements CloseEvent {
  readonly wasClean = true;
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super('close');
  }
}

interface Connection {
  docName: string;
  deliver(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface FakeSyncServer {
  readonly WebSocket: WebSocketClass;
  doc(docName: string): Y.Doc;
  /** Send "stored" acknowledgements (default true); while false, updates are applied but not acknowledged. */
  ackStored: boolean;
  /** Acknowledge now what the server holds, on every socket of the document. */
  sendStored(docName: string): void;
  /** Close the document's sockets with `code` and refuse new ones with it. */
  refuse(docName: string, code: number): void;
  connections(docName?: string): number;
}

export function makeFakeSyncServer(): FakeSyncServer {
  const docs = new Map<string, Y.Doc>();
  const connections = new Set<Connection>();
  const refused = new Map<string, number>();

  const getDoc = (docName: string): Y.Doc => {
    let doc = docs.get(docName);
    if (!doc) {
      const created = new Y.Doc();
      created.on('update', (update: Uint8Array, origin: unknown) => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.sync);
        syncProtocol.writeUpdate(encoder, update);
        const frame = encoding.toUint8Array(encoder);
        for (const c of connections) if (c.docName === docName && c !== origin) c.deliver(frame);
      });
      docs.set(docName, created);
      doc = created;
    }
    return doc;
  };

  const stored = (docName: string): Uint8Array => encodeStored(Y.encodeStateVector(getDoc(docName)));

  const server: FakeSyncServer = {
    WebSocket: makeSocketClass(),
    doc: getDoc,
    ackStored: true,
    sendStored(docName) {
      for (const c of connections) if (c.docName === docName) c.deliver(stored(docName));
    },
    refuse(docName, code) {
      refused.set(docName, code);
      for (const c of [...connections]) if (c.docName === docName) c.close(code, 'refused');
    },
    connections: (docName) => [...connections].filter((c) => docName === undefined || c.docName === docName).length,
  };

  function receive(connection: Connection, frame: Uint8Array): void {
    const doc = getDoc(connection.docName);
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.readSyncMessage(decoder, encoder, doc, connection);
      if (encoding.length(encoder) > 1) connection.deliver(encoding.toUint8Array(encoder));
      // After the first answer (step 2 sent back) and after every applied update.
      if (server.ackStored) connection.deliver(stored(connection.docName));
    } else if (type === MessageType.awareness) {
      for (const c of connections) if (c !== connection && c.docName === connection.docName) c.deliver(frame);
    }
  }

  function makeSocketClass(): WebSocketClass {
    return class FakeWebSocket extends EventTarget implements WebSocket {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
      readonly CONNECTING = 0;
      readonly OPEN = 1;
      readonly CLOSING = 2;
      readonly CLOSED = 3;
      binaryType: BinaryType = 'blob';
      readonly bufferedAmount = 0;
      readonly extensions = '';
      readonly protocol = '';
      readyState: number = 0;
      readonly url: string;
      onopen: ((this: WebSocket, ev: Event) => unknown) | null = null;
      onmessage: ((this: WebSocket, ev: MessageEvent) => unknown) | null = null;
      onclose: ((this: WebSocket, ev: CloseEvent) => unknown) | null = null;
      onerror: ((this: WebSocket, ev: Event) => unknown) | null = null;
      private readonly connection: Connection;

      constructor(url: string | URL) {
        super();
        this.url = String(url);
        const docName = decodeURIComponent(this.url.slice(this.url.indexOf('/sync/') + '/sync/'.length).split('?')[0] ?? '');
        const connection: Connection = {
          docName,
          deliver: (frame) => {
            const copy = frame.slice();
            queueMicrotask(() => {
              if (this.readyState !== this.OPEN) return;
              this.onmessage?.call(this, new MessageEvent('message', { data: copy.buffer }));
            });
          },
          close: (code, reason) => this.finish(code, reason),
        };
        this.connection = connection;
        queueMicrotask(() => {
          if (this.readyState !== this.CONNECTING) return;
          this.readyState = this.OPEN;
          connections.add(connection);
          this.onopen?.call(this, new Event('open'));
          const code = refused.get(docName);
          if (code !== undefined) {
            this.finish(code, 'refused');
            return;
          }
          // The server opens with its own sync step 1.
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MessageType.sync);
          syncProtocol.writeSyncStep1(encoder, getDoc(docName));
          connection.deliver(encoding.toUint8Array(encoder));
        });
      }

      send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (this.readyState !== this.OPEN) return;
        if (!(data instanceof Uint8Array)) throw new Error('the fake server speaks binary frames only');
        const copy = data.slice();
        queueMicrotask(() => {
          if (connections.has(this.connection)) receive(this.connection, copy);
        });
      }

      close(code = 1000, reason = ''): void {
        this.finish(code, reason);
      }

      private finish(code: number, reason: string): void {
        if (this.readyState === this.CLOSED) return;
        this.readyState = this.CLOSED;
        connections.delete(this.connection);
        queueMicrotask(() => this.onclose?.call(this, new FakeCloseEvent(code, reason)));
      }
    };
  }

  return server;
}
