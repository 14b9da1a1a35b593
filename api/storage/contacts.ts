/**
 * A user's contact list: one-directional (adding someone does not add you to
 * theirs). Presence is not stored here; the route joins it in.
 */
import type { User } from '../../shared/api.js';
import type { DB } from './database.js';

export interface ContactRecord {
  user: User;
  addedAt: number;
  lastSeenAt: number | null;
}

export interface ContactStore {
  /** Adds the contact unless present; `created` says which. */
  add(userId: string, contactId: string, now: number): { created: boolean; contact: ContactRecord };
  list(userId: string): ContactRecord[];
  get(userId: string, contactId: string): ContactRecord | null;
  remove(userId: string, contactId: string): boolean;
  /** Who sees `userId`'s presence: those who have them as a contact, and their direct-conversation partners. */
  watchersOf(userId: string): string[];
  /** Whose presence `userId` sees (their contacts and direct-conversation partners), with last-seen times. */
  circleOf(userId: string): Array<{ id: string; lastSeenAt: number | null }>;
}

interface ContactRow {
  id: string;
  username: string;
  display_name: string;
  last_seen_at: number | null;
  added_at: number;
}

const toRecord = (r: ContactRow): ContactRecord => ({
  user: { id: r.id, username: r.username, displayName: r.display_name },
  addedAt: r.added_at,
  lastSeenAt: r.last_seen_at,
});

export function makeContactStore(db: DB): ContactStore {
  const insert = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO contacts (user_id, contact_id, added_at) VALUES (?, ?, ?)',
  );
  const select = `
    SELECT u.id, u.username, u.display_name, u.last_seen_at, c.added_at
    FROM contacts c JOIN users u ON u.id = c.contact_id`;
  const list = db.prepare<[string], ContactRow>(`${select} WHERE c.user_id = ? ORDER BY u.display_name COLLATE NOCASE, u.username`);
  const get = db.prepare<[string, string], ContactRow>(`${select} WHERE c.user_id = ? AND c.contact_id = ?`);
  const remove = db.prepare<[string, string]>('DELETE FROM contacts WHERE user_id = ? AND contact_id = ?');
  const directPartners = `
    SELECT m2.user_id FROM members m1
    JOIN conversations c ON c.id = m1.conversation_id AND c.kind = 'direct'
    JOIN members m2 ON m2.conversation_id = c.id AND m2.user_id <> m1.user_id
    WHERE m1.user_id = @user`;
  const watchers = db.prepare<{ user: string }, { user_id: string }>(`SELECT user_id FROM contacts WHERE contact_id = @user UNION ${directPartners}`);
  const circle = db.prepare<{ user: string }, { id: string; last_seen_at: number | null }>(
    `SELECT id, last_seen_at FROM users WHERE id IN (SELECT contact_id FROM contacts WHERE user_id = @user UNION ${directPartners})`,
  );

  const store: ContactStore = {
    add(userId, contactId, now) {
      const created = insert.run(userId, contactId, now).changes === 1;
      const contact = store.get(userId, contactId);
      if (!contact) throw new Error(`contact ${contactId} of ${userId} vanished right after insert`);
      return { created, contact };
    },
    list(userId) {
      return list.all(userId).map(toRecord);
    },
    watchersOf(userId) {
      return watchers.all({ user: userId }).map((r) => r.user_id);
    },
    circleOf(userId) {
      return circle.all({ user: userId }).map((r) => ({ id: r.id, lastSeenAt: r.last_seen_at }));
    },
    get(userId, contactId) {
      const row = get.get(userId, contactId);
      return row ? toRecord(row) : null;
    },
    remove(userId, contactId) {
      return remove.run(userId, contactId).changes === 1;
    },
  };
  return store;
}
