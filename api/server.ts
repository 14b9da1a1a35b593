/**
 * Composes one process: the Hono API, the sync server on WebSocket upgrades
 * and the built client, over one SQLite database. Used by main.ts and by the
 * integration tests (port 0, temporary data directory).
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { makeSqliteDocLog } from '../sync-server/storage/sqlite-doc-log.js';
import { SyncCore } from '../sync-server/sync-core.js';
import { attachSyncServer } from '../sync-server/ws-server.js';
import { createApp } from './app.js';
import { deleteExpiredSessions, readSessionToken, validateSessionToken } from './auth/session.js';
import type { Config } from './config.js';
import { deleteMediaFiles } from './routes/media.js';
import { mountClient } from './static-client.js';
import { makeContactStore } from './storage/contacts.js';
import { makeConversationStore } from './storage/conversations.js';
import { openDatabase } from './storage/database.js';
import { makeMediaStore } from './storage/media.js';
import { UNSENT_MEDIA_GRACE_MS, sweepMediaDir, sweepUnsentMedia } from './media/sweep.js';
import { makeUserStore } from './storage/users.js';
import type { RateLimitSettings } from './services.js';

export interface RunningServer {
  url: string;
  port: number;
  core: SyncCore;
  close(): Promise<void>;
}

export interface StartOptions {
  rateLimits?: Partial<RateLimitSettings>;
  idleUnloadMs?: number;
}

const LEVELS = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true });
  mkdirSync(config.mediaDir, { recursive: true });
  const db = openDatabase(config.databaseFile);
  // Files left by uploads that died mid-way (no row): only safe before the server takes requests.
  await sweepMediaDir(makeMediaStore(db), config.mediaDir);
  const users = makeUserStore(db);
  deleteExpiredSessions(db);
  const conversations = makeConversationStore(db);
  const contacts = makeContactStore(db);
  const log = (level: 'info' | 'warn', message: string, fields: Record<string, unknown>): void => {
    if (LEVELS[level] >= LEVELS[config.logLevel]) console.log(JSON.stringify({ level, message, ...fields }));
  };

  const core = new SyncCore({
    docLog: makeSqliteDocLog(db),
    membership: conversations,
    presence: users,
    contacts: {
      contactsOf: (userId) => contacts.circleOf(userId),
      watchersOf: (userId) => contacts.watchersOf(userId),
    },
    media: {
      release: (conversationId, uploaderId, mediaIds) =>
        deleteMediaFiles({ db, config }, mediaIds, { conversationId, uploaderId }),
    },
    log,
    ...(options.idleUnloadMs !== undefined ? { idleUnloadMs: options.idleUnloadMs } : {}),
  });
  // Every 6 hours: expired sessions, and uploads no message carried for a week (they hold quota).
  let closing = false;
  const sweepNow = (): void => {
    if (closing) return;
    try {
      deleteExpiredSessions(db);
      sweepUnsentMedia(makeMediaStore(db), core, Date.now() - UNSENT_MEDIA_GRACE_MS, (ids, scope) => deleteMediaFiles({ db, config }, ids, scope))
        .then((removed) => removed.length > 0 && log('info', 'removed uploads no message carried', { count: removed.length }))
        .catch((error: unknown) => log('warn', 'sweeping unsent uploads failed', { error: String(error) }));
    } catch (error) {
      log('warn', 'sweep failed', { error: String(error) });
    }
  };
  const sweep = setInterval(sweepNow, 6 * 60 * 60 * 1000);
  sweep.unref();
  // The first media sweep loads documents: not while the server is starting (sessions were swept above).
  const firstSweep = setTimeout(sweepNow, 10 * 60 * 1000);
  firstSweep.unref();
  const app = createApp({ db, config, sync: core, ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}) });
  if (config.clientDir) mountClient(app, config.clientDir);

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        // A 25 MB upload on a slow link takes longer than Node's default 5 minutes.
        serverOptions: { requestTimeout: 30 * 60 * 1000 },
      },
      () => resolve(s as Server),
    );
    s.once('error', reject);
  });
  const sync = attachSyncServer(server, {
    core,
    authenticate: ({ cookie, authorization }) => {
      const token = readSessionToken({ cookie, authorization }, config.secureCookies);
      const valid = token ? validateSessionToken(db, token) : null;
      return valid ? { userId: valid.user.id, displayName: valid.user.displayName, sessionId: valid.session.id } : null;
    },
    allowedOrigins: config.publicOrigin ? [config.publicOrigin] : [],
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    core,
    async close() {
      closing = true;
      clearInterval(sweep);
      clearTimeout(firstSweep);
      await sync.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      db.close();
    },
  };
}
