/**
 * Test support: the real server on port 0 with a temporary data directory,
 * accounts made through the real API, and stock y-websocket providers (Node,
 * `ws` as the WebSocket) authenticated with bearer tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadConfig, type Config } from '../../api/config.js';
import { type RunningServer, startServer } from '../../api/server.js';
import { MessageType } from '../../shared/protocol.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  config: Config;
  restart(): Promise<TestServer>;
  /** Stop and remove the data directory. */
  dispose(): Promise<void>;
}

export async function startTestServer(opts: { dataDir?: string; clientDir?: string; port?: number; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'messenger-test-'));
  const config = loadConfig({
    PORT: String(opts.port ?? 0),
    DATA_DIR: dataDir,
    CLIENT_DIR: opts.clientDir ?? '',
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const running = await startServer(config, {
    rateLimits: { signupsPerAddress: 10_000, loginFailuresPerAddress: 10_000 },
  });
  let closed = false;
  const server: TestServer = {
    ...running,
    dataDir,
    config,
    async close() {
      if (closed) return;
      closed = true;
      await running.close();
    },
    async restart() {
      await server.close();
      // The same port, so clients that reconnect find the server again.
      return startTestServer({ dataDir, port: running.port, ...(opts.clientDir ? { clientDir: opts.clientDir } : {}) });
    },
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  token: string;
}

let counter = 0;

export async function api<T = unknown>(
  server: { url: string },
  method: string,
  pathname: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + pathname, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function makeUser(server: { url: string }, name = 'user'): Promise<TestUser> {
  const username = `${name}${++counter}${Math.random().toString(36).slice(2, 6)}`.toLowerCase();
  const password = 'correct horse battery staple';
  const signup = await api<{ user: { id: string } }>(server, 'POST', '/api/auth/signup', {
    body: { username, displayName: name, password },
  });
  if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`);
  const login = await api<{ token: string; user: { id: string } }>(server, 'POST', '/api/auth/token', {
    body: { username, password },
  });
  if (login.status !== 200) throw new Error(`token failed: ${JSON.stringify(login.body)}`);
  return { id: login.body.user.id, username, displayName: name, token: login.body.token };
}

export async function directConversation(server: { url: string }, a: TestUser, b: TestUser): Promise<string> {
  const res = await api<{ conversation: { id: string } }>(server, 'POST', '/api/conversations', {
    token: a.token,
    body: { kind: 'direct', userId: b.id },
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
  return res.body.conversation.id;
}

/** A stock WebsocketProvider connected as `user`. */
export function connect(server: { url: string }, user: TestUser, docName: string, doc = new Y.Doc()): WebsocketProvider {
  const token = user.token;
  class AuthedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { authorization: `Bearer ${token}` } });
    }
  }
  const provider = new WebsocketProvider(server.url.replace(/^http/, 'ws') + '/sync', docName, doc, {
    WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
    storedVectors.set(provider, Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    provider.emit('stored' as 'sync', [true]);
  };
  return provider;
}

const storedVectors = new WeakMap<WebsocketProvider, Map<number, number>>();

/** Resolves once the server acknowledged storing everything this provider's doc holds. */
export function stored(provider: WebsocketProvider, timeoutMs = 5000): Promise<void> {
  const covered = (): boolean => {
    const server = storedVectors.get(provider);
    if (!server) return false;
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(provider.doc))) {
      if ((server.get(client) ?? 0) < clock) return false;
    }
    return true;
  };
  return new Promise((resolve, reject) => {
    if (covered()) return resolve();
    const timer = setTimeout(() => reject(new Error('not stored in time')), timeoutMs);
    const onStored = (): void => {
      if (!covered()) return;
      clearTimeout(timer);
      provider.off('stored' as 'sync', onStored);
      resolve();
    };
    provider.on('stored' as 'sync', onStored);
  });
}

/** Resolves when `check` passes, re-checking on every document update (no sleeps). */
export function until(doc: Y.Doc, check: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      doc.off('update', onUpdate);
      reject(new Error('condition not reached in time'));
    }, timeoutMs);
    const onUpdate = (): void => {
      if (!check()) return;
      clearTimeout(timer);
      doc.off('update', onUpdate);
      resolve();
    };
    doc.on('update', onUpdate);
  });
}

export function synced(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => {
    if (provider.synced) return resolve();
    provider.once('sync', (s: boolean) => s && resolve());
  });
}

export function closedWith(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => provider.once('closed', (event: { code: number; reason: string }) => resolve(event)));
}
