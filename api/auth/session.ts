/**
 * Sessions after the Lucia design: a random token handed to the client, only
 * its SHA-256 stored; 30-day sliding expiry inside a 180-day absolute lifetime.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { DB } from '../storage/database.js';
import { makeSessionStore, type Session, type SessionStore } from '../storage/sessions.js';
import type { UserRecord } from '../storage/users.js';

export { readSessionToken, sessionCookieName, type TokenHeaders } from './session-cookie.js';
export type { Session } from '../storage/sessions.js';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_SLIDING_MS = 30 * DAY;
/** Extend the sliding expiry once less than half of it is left, not on every request. */
export const SESSION_RENEW_BELOW_MS = 15 * DAY;
export const SESSION_ABSOLUTE_MS = 180 * DAY;

/** 20 random bytes = 160 bits, base32 lowercase without padding: exactly 32 characters. */
const TOKEN_BYTES = 20;
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export interface SessionValidation {
  session: Session;
  user: UserRecord;
  /** The sliding expiry moved: a cookie carrying the token should be re-sent. */
  extended: boolean;
}

// One set of prepared statements per database, whichever module asks first.
const stores = new WeakMap<DB, SessionStore>();
function storeFor(db: DB): SessionStore {
  let store = stores.get(db);
  if (!store) {
    store = makeSessionStore(db);
    stores.set(db, store);
  }
  return store;
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(TOKEN_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The session id (= database key) of a token. */
export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Start a session with a fresh token; the token is returned once and never stored. */
export function createSession(db: DB, userId: string, now: number = Date.now()): { token: string; session: Session } {
  const token = generateSessionToken();
  const absoluteExpiresAt = now + SESSION_ABSOLUTE_MS;
  const session: Session = {
    id: sessionIdOf(token),
    userId,
    createdAt: now,
    expiresAt: Math.min(now + SESSION_SLIDING_MS, absoluteExpiresAt),
    absoluteExpiresAt,
  };
  storeFor(db).insert(session);
  return { token, session };
}

/** The live session of a token and its user, extending the sliding expiry when due; null otherwise. */
export function validateSessionToken(db: DB, token: string, now: number = Date.now()): SessionValidation | null {
  // Anything not shaped like our tokens cannot match; skip the hash and the query.
  if (!TOKEN_PATTERN.test(token)) return null;
  const store = storeFor(db);
  const found = store.getWithUser(sessionIdOf(token));
  if (!found) return null;
  const { session, user } = found;
  if (now >= session.expiresAt || now >= session.absoluteExpiresAt) {
    store.delete(session.id);
    return null;
  }
  if (session.expiresAt - now < SESSION_RENEW_BELOW_MS) {
    const expiresAt = Math.min(now + SESSION_SLIDING_MS, session.absoluteExpiresAt);
    if (expiresAt > session.expiresAt) {
      store.setExpiresAt(session.id, expiresAt);
      return { session: { ...session, expiresAt }, user, extended: true };
    }
  }
  return { session, user, extended: false };
}

export function invalidateSession(db: DB, sessionId: string): void {
  storeFor(db).delete(sessionId);
}

/** End every session of a user (password change); returns their ids so their sockets can be closed. */
export function invalidateUserSessions(db: DB, userId: string): string[] {
  return storeFor(db).deleteForUser(userId);
}

/** Housekeeping for the entry point to run now and then; returns how many were removed. */
export function deleteExpiredSessions(db: DB, now: number = Date.now()): number {
  return storeFor(db).deleteExpired(now);
}
