/**
 * The sync server's core: loads and unloads rooms, admits connections
 * (membership, socket caps), keeps inboxes current and presence known, and
 * offers the API its SyncPort. Transport-free: ws-server.ts is the shell.
 */
import * as Y from 'yjs';
import type { SyncPort, ConversationMetaChange } from '../api/sync-port.js';
import * as conversation from '../shared/doc/conversation.js';
import { CloseCode, type DocName, conversationDocName, inboxDocName, parseDocName } from '../shared/protocol.js';
import { Connection, type ConnectionIdentity, type SocketLike } from './connection.js';
import { inboxEntryFor, removeInboxEntry, writeInboxEntry } from './inbox-writer.js';
import { TokenBucket } from './rate-limit.js';
import { Room } from './room.js';
import type { DocLog } from './storage/doc-log.js';

export interface Membership {
  isMember(conversationId: string, userId: string): boolean;
  memberIds(conversationId: string): string[];
}

export interface PresenceSink {
  setLastSeen(userId: string, at: number): void;
}

/** Whose presence each user sees (contacts and direct-conversation partners), for live presence in the inboxes (ARCHITECTURE §2.2). */
export interface PresenceDirectory {
  /** The people whose presence the user sees, with when each was last seen. */
  contactsOf(userId: string): Array<{ id: string; lastSeenAt: number | null }>;
  /** Who sees the user's presence. */
  watchersOf(userId: string): string[];
}

/** The server's awareness state in `inbox:<userId>`: the presence of that user's contacts. */
export interface InboxPresenceState {
  presence: Record<string, { online: boolean; lastSeenAt: number | null }>;
}

/** Removes media files of messages deleted for everyone (scoped to the deleting author's uploads). */
export interface MediaJanitor {
  release(conversationId: string, uploaderId: string, mediaIds: readonly string[]): Promise<unknown>;
}

export type Logger = (level: 'info' | 'warn', message: string, fields: Record<string, unknown>) => void;

export interface SyncCoreOptions {
  docLog: DocLog;
  membership: Membership;
  presence: PresenceSink;
  /** Without it, inboxes carry no presence (clients then ask GET /api/contacts). */
  contacts?: PresenceDirectory;
  media?: MediaJanitor;
  now?: () => number;
  log?: Logger;
  /** Unload a room this long after its last connection leaves. */
  idleUnloadMs?: number;
  maxSocketsPerUser?: number;
}

export type Admission = { ok: true; connection: Connection } | { ok: false; code: number; reason: string };

export class SyncCore implements SyncPort {
  private readonly rooms = new Map<string, Room>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly connections = new Set<Connection>();
  private readonly userBuckets = new Map<string, TokenBucket>();
  private readonly inboxDirty = new Set<string>();
  private inboxTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly idleUnloadMs: number;
  private readonly maxSocketsPerUser: number;

  constructor(private readonly options: SyncCoreOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.idleUnloadMs = options.idleUnloadMs ?? 30_000;
    this.maxSocketsPerUser = options.maxSocketsPerUser ?? 64;
  }

  /** Admit a socket for `docName`, or say which close code refuses it. */
  admit(socket: SocketLike, identity: ConnectionIdentity, docNameRaw: string): Admission {
    const docName = parseDocName(docNameRaw);
    if (!docName || !this.mayOpen(identity.userId, docName)) {
      return { ok: false, code: CloseCode.forbidden, reason: 'forbidden' };
    }
    if (this.socketsOf(identity.userId) >= this.maxSocketsPerUser) {
      return { ok: false, code: CloseCode.tooManyMessages, reason: 'too many sockets' };
    }
    const room = this.room(docNameRaw, docName);
    const now = this.now();
    let userBucket = this.userBuckets.get(identity.userId);
    if (!userBucket) this.userBuckets.set(identity.userId, (userBucket = new TokenBucket(600, 100, now)));
    const connection = new Connection(
      socket,
      identity,
      room,
      { connection: new TokenBucket(300, 50, now), user: userBucket },
      { now: this.now, afterUpdate: (r, c, media) => this.afterUpdate(r, c.userId, media), log: this.log },
    );
    this.cancelUnload(room.name);
    const cameOnline = this.socketsOf(identity.userId) === 0;
    this.connections.add(connection);
    // The inbox opens with its presence already in its awareness.
    if (docName.kind === 'inbox') this.publishPresence(identity.userId);
    connection.open();
    if (cameOnline) this.presenceChanged(identity.userId);
    return { ok: true, connection };
  }

  /** The socket closed (by either side). */
  disconnected(connection: Connection): void {
    connection.detach();
    if (!this.connections.delete(connection)) return;
    if (connection.room.peers.size === 0) this.scheduleUnload(connection.room.name);
    if (this.socketsOf(connection.userId) === 0) {
      this.userBuckets.delete(connection.userId);
      this.options.presence.setLastSeen(connection.userId, this.now());
      this.presenceChanged(connection.userId);
    }
  }

  /** Tell everyone who has `userId` as a contact (and has an inbox open) about its presence. */
  private presenceChanged(userId: string): void {
    const directory = this.options.contacts;
    if (!directory) return;
    for (const watcher of directory.watchersOf(userId)) this.publishPresence(watcher);
  }

  /** Write the presence of the user's contacts into the awareness of their loaded inbox, which relays it. */
  private publishPresence(userId: string): void {
    const directory = this.options.contacts;
    const room = this.rooms.get(inboxDocName(userId));
    if (!directory || !room) return;
    const state: InboxPresenceState = { presence: {} };
    for (const contact of directory.contactsOf(userId)) {
      state.presence[contact.id] = { online: this.isOnline(contact.id), lastSeenAt: contact.lastSeenAt };
    }
    room.awareness.setLocalState(state);
  }

  private mayOpen(userId: string, docName: DocName): boolean {
    return docName.kind === 'inbox'
      ? docName.userId === userId
      : this.options.membership.isMember(docName.conversationId, userId);
  }

  private socketsOf(userId: string): number {
    let n = 0;
    for (const c of this.connections) if (c.userId === userId) n++;
    return n;
  }

  /** The loaded room (loading it from the log first). Storage is synchronous, so nothing answers before it is loaded. */
  room(name: string, docName: DocName = mustParse(name)): Room {
    let room = this.rooms.get(name);
    if (!room) {
      room = new Room(name, docName, this.options.docLog);
      this.rooms.set(name, room);
      if (room.peers.size === 0) this.scheduleUnload(name);
    }
    return room;
  }

  private scheduleUnload(name: string): void {
    this.cancelUnload(name);
    const timer = setTimeout(() => this.unload(name), this.idleUnloadMs);
    timer.unref();
    this.unloadTimers.set(name, timer);
  }

  private cancelUnload(name: string): void {
    const timer = this.unloadTimers.get(name);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(name);
  }

  private unload(name: string): void {
    this.unloadTimers.delete(name);
    const room = this.rooms.get(name);
    if (!room || room.peers.size > 0) return;
    room.compact();
    room.destroy();
    this.rooms.delete(name);
  }

  private afterUpdate(room: Room, userId: string, releasedMedia: readonly string[]): void {
    if (room.needsCompaction()) setImmediate(() => this.rooms.get(room.name) === room && room.compact());
    if (room.docName.kind !== 'conversation') return;
    if (releasedMedia.length > 0 && this.options.media) {
      const conversationId = room.docName.conversationId;
      this.options.media.release(conversationId, userId, releasedMedia).catch((e: unknown) =>
        this.log('warn', 'media clean-up failed', { conversationId, error: String(e) }),
      );
    }
    this.inboxDirty.add(room.docName.conversationId);
    // Coalesce bursts: one inbox write per conversation and member per tick.
    this.inboxTimer ??= setTimeout(() => this.flushInboxes(), 20);
  }

  private flushInboxes(): void {
    this.inboxTimer = null;
    const ids = [...this.inboxDirty];
    this.inboxDirty.clear();
    this.options.docLog.batch(() => {
      for (const id of ids) this.refreshInboxes(id);
    });
  }

  private refreshInboxes(conversationId: string): void {
    const room = this.room(conversationDocName(conversationId));
    const now = this.now();
    for (const userId of this.options.membership.memberIds(conversationId)) {
      writeInboxEntry(this.room(inboxDocName(userId)), conversationId, inboxEntryFor(room, userId, now));
    }
  }

  // ---- SyncPort: what the API asks of the sync server ----

  async writeConversationMeta(change: ConversationMetaChange): Promise<void> {
    const room = this.room(conversationDocName(change.id));
    room.transactServer((doc) =>
      conversation.writeMeta(doc, { kind: change.kind, title: change.title, keepEditHistory: change.keepEditHistory }),
    );
    this.options.docLog.batch(() => this.refreshInboxes(change.id));
  }

  membersChanged(conversationId: string, removedUserIds: readonly string[]): void {
    const name = conversationDocName(conversationId);
    for (const c of [...this.connections]) {
      if (c.room.name === name && removedUserIds.includes(c.userId)) {
        c.close(CloseCode.forbidden, 'removed from conversation');
        this.disconnected(c);
      }
    }
    this.options.docLog.batch(() => {
      for (const userId of removedUserIds) removeInboxEntry(this.room(inboxDocName(userId)), conversationId);
      this.refreshInboxes(conversationId);
    });
  }

  closeSession(sessionId: string): void {
    for (const c of [...this.connections]) {
      if (c.sessionId === sessionId) {
        c.close(CloseCode.unauthenticated, 'session ended');
        this.disconnected(c);
      }
    }
  }

  isOnline(userId: string): boolean {
    return this.socketsOf(userId) > 0;
  }

  contactsChanged(userId: string): void {
    this.publishPresence(userId);
  }

  referencedMedia(conversationId: string): ReadonlySet<string> {
    const room = this.room(conversationDocName(conversationId));
    const ids = new Set<string>();
    for (const m of conversation.readMessages(room.doc)) for (const a of m.attachments ?? []) ids.add(a.mediaId);
    return ids;
  }

  /** Close every socket (1012: clients reconnect) and store every room's state. */
  shutdown(): void {
    for (const c of [...this.connections]) {
      c.close(CloseCode.serviceRestart);
      this.disconnected(c);
    }
    if (this.inboxTimer) {
      clearTimeout(this.inboxTimer);
      this.flushInboxes();
    }
    for (const name of [...this.rooms.keys()]) {
      this.cancelUnload(name);
      this.unload(name);
    }
  }

  /** For tests and diagnostics. */
  loadedRooms(): string[] {
    return [...this.rooms.keys()];
  }

  /** The server's current copy of a document (loading it if needed). */
  snapshotOf(name: string): Uint8Array {
    return Y.encodeStateAsUpdate(this.room(name).doc);
  }
}

function mustParse(name: string): DocName {
  const parsed = parseDocName(name);
  if (!parsed) throw new Error(`bad document name ${name}`);
  return parsed;
}
