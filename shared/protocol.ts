/**
 * Wire constants of the sync protocol: y-websocket message types, our own
 * extension types (≥ 100) and the close codes. Public contract (ARCHITECTURE §3).
 */

/** y-websocket message types (first varUint of every frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Server → client: the server has durably stored updates; the payload is the
   * server's state vector for the document (Y.encodeStateVector format), which
   * drives the "sent" tick.
   */
  stored: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Close codes. y-websocket ≥ 3.1 treats 4000-4999 as final: it does not reconnect. */
export const CloseCode = {
  /** No valid session at the upgrade (or it ended: logout, expiry). */
  unauthenticated: 4401,
  /** Not a member of the document, removed from it, or an update broke a write rule. */
  forbidden: 4403,
  /** A frame over the size cap (1 MiB documents, 64 KiB awareness). */
  tooLarge: 4413,
  /** Over the per-connection or per-user message rate. */
  tooManyMessages: 4429,
  /** Server shutting down; the client may reconnect (not final: 1012 is "service restart"). */
  serviceRestart: 1012,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const CloseReason: Record<number, string> = {
  [CloseCode.unauthenticated]: 'not authenticated',
  [CloseCode.forbidden]: 'forbidden',
  [CloseCode.tooLarge]: 'message too large',
  [CloseCode.tooManyMessages]: 'too many messages',
  [CloseCode.serviceRestart]: 'server restarting',
};

export const Limits = {
  /** Largest document frame accepted (bytes). */
  maxDocumentFrame: 1024 * 1024,
  /** Largest awareness frame accepted (bytes). */
  maxAwarenessFrame: 64 * 1024,
  /** Structs (items, GCs, skips) in one update. */
  maxStructsPerUpdate: 20_000,
  /** Delete-set ranges in one update. */
  maxDeleteRanges: 20_000,
  /** Nesting of plain values inside a record. */
  maxValueDepth: 6,
  /** Records per page of `messages`. */
  pageSize: 512,
  /** Characters of a message text. */
  maxTextLength: 8000,
  /** How far in the future (ms) a record's hlc may lie. */
  maxClockSkewMs: 5 * 60 * 1000,
} as const;

/** Document names: `conv:<id>` and `inbox:<userId>`. Ids are opaque server-made strings. */
export type DocName =
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'inbox'; userId: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseDocName(name: string): DocName | null {
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const prefix = name.slice(0, colon);
  const id = name.slice(colon + 1);
  if (!ID.test(id)) return null;
  if (prefix === 'conv') return { kind: 'conversation', conversationId: id };
  if (prefix === 'inbox') return { kind: 'inbox', userId: id };
  return null;
}

export const conversationDocName = (conversationId: string): string => `conv:${conversationId}`;
export const inboxDocName = (userId: string): string => `inbox:${userId}`;
