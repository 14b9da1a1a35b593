/**
 * What every synced document shares: the y-websocket provider started only
 * after the IndexedDB cache is loaded (so the first sync asks only for what is
 * missing), dropped while the browser is offline, and the final close codes of
 * shared/protocol.ts turned into a state the UI can show.
 */
import type * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '../../../shared/protocol.js';
import { type Readable, makeWritable } from './store.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/** Why a socket stopped for good (the server's final close codes), or 'ok'. */
export type Access = 'ok' | 'unauthenticated' | 'forbidden' | 'too_large' | 'rate_limited';

export type WebSocketClass = NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'];

export interface SocketOptions {
  /** Runs after the cache is read and before `loaded` is set (and the socket opens). */
  afterLoad?: (persistence: IndexeddbPersistence | null) => Promise<void>;
  syncUrl: string;
  network: Readable<boolean>;
  /** Cache the document in IndexedDB (default true). */
  persist?: boolean;
  /** Start reading the cache only once this settles (e.g. after a preview was painted). */
  loadAfter?: Promise<unknown>;
  WebSocketPolyfill?: WebSocketClass;
  /**
   * y-websocket's cross-tab BroadcastChannel, off unless asked for: on every
   * connect it encodes and posts the whole document (≈1 s at 100k messages).
   * Tabs still meet through the server and share the IndexedDB cache.
   */
  disableBc?: boolean;
  onUnauthenticated?: () => void;
  /** After 4429, try again this much later (ms). */
  rateLimitRetryMs?: number;
}

export interface SyncedDoc {
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence | null;
  readonly status: Readable<ConnectionStatus>;
  readonly synced: Readable<boolean>;
  readonly access: Readable<Access>;
  readonly loaded: Readable<boolean>;
  /** Resolves once the local cache is in the document (at once without a cache). */
  readonly whenLoaded: Promise<void>;
  /** Whether an update came from the server or the cache rather than from this tab. */
  isRemote(origin: unknown): boolean;
  destroy(): Promise<void>;
}

export function makeSyncedDoc(doc: Y.Doc, docName: string, options: SocketOptions): SyncedDoc {
  let persistence: IndexeddbPersistence | null = null;
  const providerOptions: ConstructorParameters<typeof WebsocketProvider>[3] = { connect: false };
  if (options.WebSocketPolyfill) providerOptions.WebSocketPolyfill = options.WebSocketPolyfill;
  if (options.disableBc !== false) providerOptions.disableBc = true;
  const provider = new WebsocketProvider(options.syncUrl, docName, doc, providerOptions);
  const status = makeWritable<ConnectionStatus>('disconnected');
  const synced = makeWritable(false);
  const access = makeWritable<Access>('ok');
  const loaded = makeWritable(false);
  let destroyed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const connectIfWanted = (): void => {
    if (destroyed || !loaded.get() || access.get() !== 'ok' || !options.network.get()) return;
    provider.connect();
  };

  // While the cache loads, nobody may listen for 'update': with a listener Yjs re-encodes the
  // whole loaded state into an update event (≈0.6 s at 100k messages) that no one needs —
  // y-indexeddb skips its own writes and nothing is sent before loading ends.
  const deferred: Array<(update: Uint8Array, origin: unknown) => void> = [provider._updateHandler];
  doc.off('update', provider._updateHandler);
  const readCache = (): Promise<void> => {
    if (destroyed || options.persist === false) return Promise.resolve();
    const cache = new IndexeddbPersistence(docName, doc);
    persistence = cache;
    deferred.push(cache._storeUpdate);
    doc.off('update', cache._storeUpdate);
    return Promise.race([
      cache.whenSynced.then(() => undefined),
      // A browser without IndexedDB (some private modes) still syncs, uncached.
      cache._db.then(
        () => new Promise<void>(() => {}),
        (error: unknown) => console.warn(`no local cache for ${docName}`, error),
      ),
    ]);
  };
  const whenLoaded: Promise<void> = options.loadAfter
    ? options.loadAfter.then(readCache, (error: unknown) => {
        console.warn(`waiting to read ${docName} failed`, error);
        return readCache();
      })
    : readCache();
  void whenLoaded
    .finally(() => {
      if (!destroyed) for (const handler of deferred) doc.on('update', handler);
    })
    .then(() => options.afterLoad?.(persistence))
    .catch((error: unknown) => console.warn(`reading the local state of ${docName} failed`, error))
    .then(() => {
      if (destroyed) return;
      loaded.set(true);
      connectIfWanted();
    });

  const onStatus = (event: { status: ConnectionStatus }): void => status.set(event.status);
  const onSync = (state: boolean): void => synced.set(state);
  const onClosed = (event: { code: number; reason: string }): void => {
    switch (event.code) {
      case CloseCode.unauthenticated:
        access.set('unauthenticated');
        options.onUnauthenticated?.();
        break;
      case CloseCode.forbidden:
        access.set('forbidden');
        break;
      case CloseCode.tooLarge:
        access.set('too_large');
        break;
      case CloseCode.tooManyMessages:
        access.set('rate_limited');
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => {
          access.set('ok');
          connectIfWanted();
        }, options.rateLimitRetryMs ?? 15_000);
        break;
      default:
        // Another 44xx code: y-websocket stopped; treat as refused.
        access.set('forbidden');
    }
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('closed', onClosed);

  const offNetwork = options.network.subscribe((online) => {
    if (online) connectIfWanted();
    else provider.disconnect();
  });

  return {
    provider,
    get persistence() {
      return persistence;
    },
    status,
    synced,
    access,
    loaded,
    whenLoaded,
    isRemote: (origin) => origin === provider || (persistence !== null && origin === persistence),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(retryTimer);
      offNetwork();
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.destroy();
      await persistence?.destroy();
    },
  };
}
