/**
 * Session rows. The id is the hex SHA-256 of the session token: the token
 * itself is never stored, so a leaked database does not leak sessions.
 */
import type { DB } from './database.js';
import { type UserRecord } from './users.js';

export interface Session {
  /** Hex SHA-256 of the token. */
  id: string;
  userId: string;
  createdAt: number;
  /** Sliding expiry, pushed forward while the session is used. */
  expiresAt: number;
  /** Hard end, however active the session is. */
  absoluteExpiresAt: number;
}

export interface SessionStore {
  insert(session: Session): void;
  /** The session and its user in one read. */
  getWithUser(id: string): { session: Session; user: UserRecord } | null;
  setExpiresAt(id: string, expiresAt: number): void;
  delete(id: string): void;
  deleteForUser(userId: string): string[];
  /** Remove sessions past either expiry; returns how many. */
  deleteExpired(now: number): number;
}

interface SessionUserRow {
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  absolute_expires_at: number;
  username: string;
  display_name: string;
  user_created_at: number;
  last_seen_at: number | null;
}

export function makeSessionStore(db: DB): SessionStore {
  const insert = db.prepare<[string, string, number, number, number]>(
    'INSERT INTO sessions (id, user_id, created_at, expires_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const getWithUser = db.prepare<[string], SessionUserRow>(`
    SELECT s.id, s.user_id, s.created_at, s.expires_at, s.absolute_expires_at,
           u.username, u.display_name, u.created_at AS user_created_at, u.last_seen_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ?`);
  const setExpiresAt = db.prepare<[number, string]>('UPDATE sessions SET expires_at = ? WHERE id = ?');
  const del = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  const idsForUser = db.prepare<[string], { id: string }>('SELECT id FROM sessions WHERE user_id = ?');
  const delForUser = db.prepare<[string]>('DELETE FROM sessions WHERE user_id = ?');
  const delExpired = db.prepare<[number, number]>('DELETE FROM sessions WHERE expires_at <= ? OR absolute_expires_at <= ?');

  return {
    insert(s) {
      insert.run(s.id, s.userId, s.createdAt, s.expiresAt, s.absoluteExpiresAt);
    },
    getWithUser(id) {
      const r = getWithUser.get(id);
      if (!r) return null;
      return {
        session: { id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, absoluteExpiresAt: r.absolute_expires_at },
        user: { id: r.user_id, username: r.username, displayName: r.display_name, createdAt: r.user_created_at, lastSeenAt: r.last_seen_at },
      };
    },
    setExpiresAt(id, expiresAt) {
      setExpiresAt.run(expiresAt, id);
    },
    delete(id) {
      del.run(id);
    },
    deleteForUser(userId) {
      // Return the ids so the caller can close each session's sockets.
      return db.transaction(() => {
        const ids = idsForUser.all(userId).map((r) => r.id);
        delForUser.run(userId);
        return ids;
      })();
    },
    deleteExpired(now) {
      return delExpired.run(now, now).changes;
    },
  };
}
