/**
 * Conversations and their members. Membership here is what the API and the
 * sync server both check before letting anyone near `conv:<id>`.
 */
import { MemberRole, type Conversation, type Member } from '../../shared/api.js';
import { ConversationKind } from '../../shared/doc/schema.js';
import type { DB } from './database.js';

export interface ConversationRecord {
  id: string;
  kind: ConversationKind;
  /** '' for direct conversations. */
  title: string;
  keepEditHistory: boolean;
  /** "<smaller userId>:<larger userId>" for direct conversations, else null. */
  directKey: string | null;
  createdBy: string;
  createdAt: number;
}

export interface NewGroup {
  id: string;
  creatorId: string;
  title: string;
  /** Everyone but the creator; the creator joins as admin. */
  memberIds: readonly string[];
  now: number;
}

export interface NewDirect {
  id: string;
  creatorId: string;
  otherId: string;
  now: number;
}

export interface ConversationStore {
  get(conversationId: string): ConversationRecord | null;
  isMember(conversationId: string, userId: string): boolean;
  memberIds(conversationId: string): string[];
  role(conversationId: string, userId: string): MemberRole | null;
  /** The conversation with its members, in the shape of the API contract. */
  view(conversationId: string): Conversation | null;
  listForUser(userId: string): Conversation[];
  /** Returns the existing direct conversation of the pair, or creates it. */
  createDirect(input: NewDirect): { created: boolean; conversation: ConversationRecord };
  createGroup(input: NewGroup): ConversationRecord;
  update(conversationId: string, patch: { title?: string; keepEditHistory?: boolean }): void;
  delete(conversationId: string): void;
  /** false when the user was already a member. */
  addMember(conversationId: string, userId: string, role: MemberRole, now: number): boolean;
  /**
   * Removes a member. A group keeps an admin: when the last one goes, the
   * longest-standing remaining member is promoted (returned as `promoted`).
   */
  removeMember(conversationId: string, userId: string): { removed: boolean; promoted: string | null };
}

/** The direct_key of a pair, independent of who starts the conversation. */
export const directKey = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

interface ConversationRow {
  id: string;
  kind: string;
  title: string;
  keep_edit_history: number;
  direct_key: string | null;
  created_by: string;
  created_at: number;
}

interface MemberRow {
  conversation_id: string;
  user_id: string;
  role: string;
  joined_at: number;
  username: string;
  display_name: string;
}

// The CHECK constraints make these parses always succeed; parsing keeps the types honest.
const toRecord = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  kind: ConversationKind.parse(r.kind),
  title: r.title,
  keepEditHistory: r.keep_edit_history === 1,
  directKey: r.direct_key,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const toMember = (r: MemberRow): Member => ({
  user: { id: r.user_id, username: r.username, displayName: r.display_name },
  role: MemberRole.parse(r.role),
  joinedAt: r.joined_at,
});

const toView = (c: ConversationRecord, members: Member[]): Conversation => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  keepEditHistory: c.keepEditHistory,
  createdAt: c.createdAt,
  members,
});

export function makeConversationStore(db: DB): ConversationStore {
  const get = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
  const byDirectKey = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE direct_key = ?');
  const insertConversation = db.prepare<[string, string, string, string | null, string, number]>(
    `INSERT INTO conversations (id, kind, title, direct_key, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (direct_key) DO NOTHING`,
  );
  const memberSelect = `
    SELECT m.conversation_id, m.user_id, m.role, m.joined_at, u.username, u.display_name
    FROM members m JOIN users u ON u.id = m.user_id`;
  const membersOf = db.prepare<[string], MemberRow>(`${memberSelect} WHERE m.conversation_id = ? ORDER BY m.joined_at, m.rowid`);
  const membersOfUsersConversations = db.prepare<[string], MemberRow>(`${memberSelect}
    JOIN members mine ON mine.conversation_id = m.conversation_id AND mine.user_id = ?
    ORDER BY m.joined_at, m.rowid`);
  const conversationsOf = db.prepare<[string], ConversationRow>(`
    SELECT c.* FROM conversations c JOIN members m ON m.conversation_id = c.id
    WHERE m.user_id = ? ORDER BY c.created_at DESC, c.id`);
  const roleOf = db.prepare<[string, string], { role: string }>('SELECT role FROM members WHERE conversation_id = ? AND user_id = ?');
  const idsOf = db.prepare<[string], { user_id: string }>('SELECT user_id FROM members WHERE conversation_id = ? ORDER BY joined_at, rowid');
  const insertMember = db.prepare<[string, string, string, number]>(
    'INSERT OR IGNORE INTO members (conversation_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)',
  );
  const deleteMember = db.prepare<[string, string]>('DELETE FROM members WHERE conversation_id = ? AND user_id = ?');
  const countAdmins = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM members WHERE conversation_id = ? AND role = 'admin'");
  const oldestMember = db.prepare<[string], { user_id: string }>(
    'SELECT user_id FROM members WHERE conversation_id = ? ORDER BY joined_at, rowid LIMIT 1',
  );
  const promote = db.prepare<[string, string]>("UPDATE members SET role = 'admin' WHERE conversation_id = ? AND user_id = ?");
  const setTitle = db.prepare<[string, string]>('UPDATE conversations SET title = ? WHERE id = ?');
  const setKeep = db.prepare<[number, string]>('UPDATE conversations SET keep_edit_history = ? WHERE id = ?');
  const deleteConversation = db.prepare<[string]>('DELETE FROM conversations WHERE id = ?');

  const store: ConversationStore = {
    get(conversationId) {
      const row = get.get(conversationId);
      return row ? toRecord(row) : null;
    },
    isMember(conversationId, userId) {
      return roleOf.get(conversationId, userId) !== undefined;
    },
    memberIds(conversationId) {
      return idsOf.all(conversationId).map((r) => r.user_id);
    },
    role(conversationId, userId) {
      const row = roleOf.get(conversationId, userId);
      return row ? MemberRole.parse(row.role) : null;
    },
    view(conversationId) {
      const c = store.get(conversationId);
      return c ? toView(c, membersOf.all(conversationId).map(toMember)) : null;
    },
    listForUser(userId) {
      // Two queries for the whole list rather than one per conversation.
      const byConversation = new Map<string, Member[]>();
      for (const row of membersOfUsersConversations.all(userId)) {
        const list = byConversation.get(row.conversation_id) ?? [];
        list.push(toMember(row));
        byConversation.set(row.conversation_id, list);
      }
      return conversationsOf.all(userId).map((row) => toView(toRecord(row), byConversation.get(row.id) ?? []));
    },
    createDirect({ id, creatorId, otherId, now }) {
      const key = directKey(creatorId, otherId);
      return db.transaction(() => {
        const inserted = insertConversation.run(id, 'direct', '', key, creatorId, now).changes === 1;
        if (inserted) {
          // In a direct conversation nobody administers anybody: both are plain members.
          insertMember.run(id, creatorId, 'member', now);
          insertMember.run(id, otherId, 'member', now);
        }
        const row = byDirectKey.get(key);
        if (!row) throw new Error(`direct conversation ${key} missing right after insert`);
        return { created: inserted, conversation: toRecord(row) };
      })();
    },
    createGroup({ id, creatorId, title, memberIds, now }) {
      return db.transaction(() => {
        insertConversation.run(id, 'group', title, null, creatorId, now);
        insertMember.run(id, creatorId, 'admin', now);
        for (const userId of memberIds) insertMember.run(id, userId, 'member', now);
        const row = get.get(id);
        if (!row) throw new Error(`group ${id} missing right after insert`);
        return toRecord(row);
      })();
    },
    update(conversationId, patch) {
      db.transaction(() => {
        if (patch.title !== undefined) setTitle.run(patch.title, conversationId);
        if (patch.keepEditHistory !== undefined) setKeep.run(patch.keepEditHistory ? 1 : 0, conversationId);
      })();
    },
    delete(conversationId) {
      deleteConversation.run(conversationId);
    },
    addMember(conversationId, userId, role, now) {
      return insertMember.run(conversationId, userId, role, now).changes === 1;
    },
    removeMember(conversationId, userId) {
      return db.transaction(() => {
        const removed = deleteMember.run(conversationId, userId).changes === 1;
        let promoted: string | null = null;
        const conversation = get.get(conversationId);
        if (removed && conversation?.kind === 'group' && (countAdmins.get(conversationId)?.n ?? 0) === 0) {
          const next = oldestMember.get(conversationId);
          if (next) {
            promote.run(conversationId, next.user_id);
            promoted = next.user_id;
          }
        }
        return { removed, promoted };
      })();
    },
  };
  return store;
}
