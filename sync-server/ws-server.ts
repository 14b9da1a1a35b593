/**
 * The thin transport shell: takes HTTP upgrades on `/sync/<docName>`, checks
 * origin and session, and hands ws sockets to the SyncCore. Refusals complete
 * the upgrade and close with a named code, so browsers can read it.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, CloseReason, Limits } from '../shared/protocol.js';
import type { ConnectionIdentity } from './connection.js';
import type { SyncCore } from './sync-core.js';

export const SYNC_PATH_PREFIX = '/sync/';

export type Authenticate = (headers: { cookie: string | null; authorization: string | null }) => ConnectionIdentity | null;

export interface WsServerOptions {
  core: SyncCore;
  authenticate: Authenticate;
  /** Allowed browser origins besides the request's own host (e.g. the public origin behind a proxy). */
  allowedOrigins?: readonly string[];
  heartbeatMs?: number;
}

export interface AttachedSyncServer {
  close(): Promise<void>;
}

export function attachSyncServer(server: Server, options: WsServerOptions): AttachedSyncServer {
  // Frames past 1 MiB get 4413 from the connection; far larger ones are cut off by ws itself (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * Limits.maxDocumentFrame });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return; // someone else's upgrade (e.g. a dev server)
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(SYNC_PATH_PREFIX.length));
    } catch {
      socket.destroy();
      return;
    }
    const originOk = originAllowed(req, options.allowedOrigins ?? []);
    const identity = originOk
      ? options.authenticate({ cookie: req.headers.cookie ?? null, authorization: req.headers.authorization ?? null })
      : null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!originOk) return refuse(ws, CloseCode.forbidden, 'origin not allowed');
      if (!identity) return refuse(ws, CloseCode.unauthenticated);
      ws.binaryType = 'nodebuffer';
      const admission = options.core.admit(
        { send: (data) => ws.readyState === ws.OPEN && ws.send(data), close: (code, reason) => ws.close(code, reason) },
        identity,
        docName,
      );
      if (!admission.ok) return refuse(ws, admission.code, admission.reason);
      const connection = admission.connection;
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', (data, isBinary) => {
        if (!isBinary) {
          connection.close(CloseCode.forbidden, 'binary frames only');
          return;
        }
        connection.receive(toBytes(data));
      });
      ws.on('close', () => options.core.disconnected(connection));
      ws.on('error', () => ws.terminate());
    });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    close: async () => {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      options.core.shutdown();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function refuse(ws: WebSocket, code: number, reason = CloseReason[code] ?? ''): void {
  ws.close(code, reason);
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Browsers always send Origin on WebSocket upgrades; it must be this server's. Non-browser clients send none. */
function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  if (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return allowed.includes(origin);
}
