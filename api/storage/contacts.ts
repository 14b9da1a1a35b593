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
  /** Who has `contactId` among their contacts (whom its presence concerns). */
  watchersOf(contactId: string): string[];
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
  const watchers = db.prepare<[string], { user_id: string }>('SELECT user_id FROM contacts WHERE contact_id = ?');

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
    watchersOf(contactId) {
      return watchers.all(contactId).map((r) => r.user_id);
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
