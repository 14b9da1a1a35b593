/**
 * The embedded SQLite database (WAL, synchronous=FULL) and its versioned
 * migrations. One file holds accounts, sessions, contacts, conversations,
 * members, media metadata, client-id bindings and the document update log.
 */
import Database from 'better-sqlite3';

export type DB = Database.Database;

export interface Migration {
  /** Never reuse or reorder: applied migrations are recorded by version. */
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, contacts, conversations, media, document log',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,              -- hex SHA-256 of the token; the token itself is never stored
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,      -- sliding
        absolute_expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE contacts (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, contact_id)
      );
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
        title TEXT NOT NULL DEFAULT '',
        keep_edit_history INTEGER NOT NULL DEFAULT 0,
        direct_key TEXT UNIQUE,           -- "<smaller userId>:<larger userId>" for direct conversations
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE members (
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, user_id)
      );
      CREATE INDEX members_user ON members(user_id);
      CREATE TABLE media (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        uploader_id TEXT NOT NULL REFERENCES users(id),
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,          -- server-made name on disk
        original_name TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX media_conversation ON media(conversation_id);
      CREATE TABLE doc_updates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX doc_updates_doc ON doc_updates(doc, id);
      CREATE TABLE doc_snapshots (
        doc TEXT PRIMARY KEY,
        data BLOB NOT NULL,
        through_update_id INTEGER NOT NULL,  -- the snapshot folds in every update with id <= this
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE doc_clients (
        doc TEXT NOT NULL,
        client_id INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (doc, client_id)
      );
    `,
  },
  {
    version: 2,
    name: 'media usage per uploader',
    sql: `CREATE INDEX media_uploader ON media(uploader_id);`,
  },
  {
    version: 3,
    name: 'contacts by contact (live presence: whom to tell)',
    sql: `CREATE INDEX contacts_contact ON contacts(contact_id);`,
  },
];

/** Open (creating if needed) the database file and bring its schema up to date. */
export function openDatabase(file: string): DB {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // An acknowledged update must survive kill -9 and power loss (SECURITY.md).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows (compacted update logs holding deleted messages) are zeroed, not left in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function migrate(db: DB, list: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set(
    db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    })();
  }
}
