/**
 * The Hono environment of the API: what the Node adapter binds (the socket,
 * for the client address) and what the auth middleware puts on the context.
 */
import type { Session } from './storage/sessions.js';
import type { UserRecord } from './storage/users.js';

export type AppEnv = {
  /** @hono/node-server passes `{incoming, outgoing}`; `app.request()` in tests may pass nothing. */
  Bindings: { incoming?: { socket: { remoteAddress?: string | undefined } } | undefined };
  /** Set by `requireAuth`; only read them on routes behind it. */
  Variables: { user: UserRecord; session: Session };
};
