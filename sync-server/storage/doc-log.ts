/**
 * The document storage seam (ARCHITECTURE §5): an append-only update log per
 * document plus a compacted snapshot, and the client-id → user bindings.
 * SQLite implements it here; PostgreSQL can stand in its place.
 */
export interface StoredDoc {
  /** Snapshot first (if any), then every update appended after it, in order. */
  updates: Uint8Array[];
  /** Updates in the log after the snapshot (drives compaction). */
  logLength: number;
  bindings: Map<number, string>;
}

export interface DocLog {
  load(doc: string): StoredDoc;
  /** Durably append an update and any new client bindings, atomically, before it is acknowledged. */
  append(doc: string, update: Uint8Array, newBindings: ReadonlyArray<readonly [client: number, userId: string]>): void;
  /** Replace the log up to now with `snapshot` (the state of every update appended so far). */
  compact(doc: string, snapshot: Uint8Array): void;
  /** Run several appends in one durable write. */
  batch<T>(fn: () => T): T;
}
