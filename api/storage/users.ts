/**
 * Accounts: the users table behind a small interface, so another database can
 * stand in later. Public shapes are the `User` of the shared contract.
 */
import Database from 'better-sqlite3';
import type { User } from '../../shared/api.js';
import type { DB } from './database.js';

export interface UserRecord extends User {
  createdAt: number;
  /** ms since epoch of the last time the user had a socket open; null = never. */
  lastSeenAt: number | null;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  createdAt: number;
}

export type CreateUserResult = { ok: true; user: UserRecord } | { ok: false; reason: 'username_taken' };

export interface UserStore {
  create(user: NewUser): CreateUserResult;
  getById(id: string): UserRecord | null;
  getByUsername(username: string): UserRecord | null;
  /** The stored argon2 hash with its user, for login only. */
  getCredentials(username: string): { user: UserRecord; passwordHash: string } | null;
  /** Username prefix or display-name substring, case-insensitive (ASCII), without `excludeId`. */
  search(query: string, excludeId: string, limit: number): User[];
  setLastSeen(userId: string, at: number): void;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  created_at: number;
  last_seen_at: number | null;
}

const toRecord = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
});

/** The public part of a record: never let the hash or timestamps leak into a response by accident. */
export const toUser = (r: User): User => ({ id: r.id, username: r.username, displayName: r.displayName });

/** Escape LIKE wildcards so a query of "%" or "_" matches itself. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export function makeUserStore(db: DB): UserStore {
  const insert = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const search = db.prepare<{ prefix: string; infix: string; exclude: string; limit: number }, UserRow>(`
    SELECT * FROM users
    WHERE id <> @exclude
      AND (username LIKE @prefix ESCAPE '\\' OR display_name LIKE @infix ESCAPE '\\')
    ORDER BY (username LIKE @prefix ESCAPE '\\') DESC, username
    LIMIT @limit`);
  const lastSeen = db.prepare<[number, string]>('UPDATE users SET last_seen_at = ? WHERE id = ?');

  return {
    create(user) {
      try {
        insert.run(user.id, user.username, user.displayName, user.passwordHash, user.createdAt);
      } catch (err) {
        // Two signups racing for one name: the UNIQUE constraint decides, the loser gets 409.
        if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
          return { ok: false, reason: 'username_taken' };
        }
        throw err;
      }
      return {
        ok: true,
        user: { id: user.id, username: user.username, displayName: user.displayName, createdAt: user.createdAt, lastSeenAt: null },
      };
    },
    getById(id) {
      const row = byId.get(id);
      return row ? toRecord(row) : null;
    },
    getByUsername(username) {
      const row = byUsername.get(username);
      return row ? toRecord(row) : null;
    },
    getCredentials(username) {
      const row = byUsername.get(username);
      return row ? { user: toRecord(row), passwordHash: row.password_hash } : null;
    },
    search(query, excludeId, limit) {
      const q = escapeLike(query);
      return search
        .all({ prefix: `${q.toLowerCase()}%`, infix: `%${q}%`, exclude: excludeId, limit })
        .map((row) => toUser(toRecord(row)));
    },
    setLastSeen(userId, at) {
      lastSeen.run(at, userId);
    },
  };
}
