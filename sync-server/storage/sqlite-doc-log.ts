/** DocLog over the embedded SQLite database (tables from api/storage/database.ts). */
import type { DB } from '../../api/storage/database.js';
import type { DocLog, StoredDoc } from './doc-log.js';

export function makeSqliteDocLog(db: DB): DocLog {
  const selectSnapshot = db.prepare<[string], { data: Buffer; through_update_id: number }>(
    'SELECT data, through_update_id FROM doc_snapshots WHERE doc = ?',
  );
  const selectUpdates = db.prepare<[string, number], { data: Buffer }>(
    'SELECT data FROM doc_updates WHERE doc = ? AND id > ? ORDER BY id',
  );
  const selectBindings = db.prepare<[string], { client_id: number; user_id: string }>(
    'SELECT client_id, user_id FROM doc_clients WHERE doc = ?',
  );
  const insertUpdate = db.prepare('INSERT INTO doc_updates (doc, data, created_at) VALUES (?, ?, ?)');
  const insertBinding = db.prepare('INSERT OR IGNORE INTO doc_clients (doc, client_id, user_id) VALUES (?, ?, ?)');
  const maxUpdateId = db.prepare<[string], { id: number | null }>('SELECT MAX(id) AS id FROM doc_updates WHERE doc = ?');
  const upsertSnapshot = db.prepare(
    `INSERT INTO doc_snapshots (doc, data, through_update_id, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (doc) DO UPDATE SET data = excluded.data, through_update_id = excluded.through_update_id, updated_at = excluded.updated_at`,
  );
  const deleteUpdates = db.prepare('DELETE FROM doc_updates WHERE doc = ? AND id <= ?');

  const append = db.transaction((doc: string, update: Uint8Array, bindings: ReadonlyArray<readonly [number, string]>) => {
    for (const [client, userId] of bindings) insertBinding.run(doc, client, userId);
    insertUpdate.run(doc, Buffer.from(update.buffer, update.byteOffset, update.byteLength), Date.now());
  });

  const compact = db.transaction((doc: string, snapshot: Uint8Array) => {
    const through = maxUpdateId.get(doc)?.id ?? selectSnapshot.get(doc)?.through_update_id ?? 0;
    upsertSnapshot.run(doc, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength), through, Date.now());
    deleteUpdates.run(doc, through);
  });

  return {
    load(doc: string): StoredDoc {
      const snapshot = selectSnapshot.get(doc);
      const rows = selectUpdates.all(doc, snapshot?.through_update_id ?? 0);
      const updates = rows.map((r) => new Uint8Array(r.data));
      if (snapshot) updates.unshift(new Uint8Array(snapshot.data));
      const bindings = new Map<number, string>();
      for (const b of selectBindings.all(doc)) bindings.set(b.client_id, b.user_id);
      return { updates, logLength: rows.length, bindings };
    },
    append(doc, update, newBindings) {
      append(doc, update, newBindings);
    },
    compact(doc, snapshot) {
      compact(doc, snapshot);
      // Old pages of the deleted rows live on in the WAL until it is checkpointed and truncated.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    batch<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}
