/**
 * One loaded document: the server's Y.Doc (gc on), its awareness, the
 * connections using it, the client-id bindings and, for conversations, the
 * message index. Knows nothing of sockets beyond `send`/`close`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import * as conversation from '../shared/doc/conversation.js';
import { MessageType, type DocName } from '../shared/protocol.js';
import { ConversationIndex } from './conversation-index.js';
import { type ConversationChanges, conversationPolicy } from './conversation-policy.js';
import { inboxPolicy } from './inbox-policy.js';
import type { DocLog } from './storage/doc-log.js';
import { SERVER_USER, type Verdict, validateUpdate } from './validate-update.js';

export interface Peer {
  readonly userId: string;
  send(frame: Uint8Array): void;
}

/** Compact the log once this many updates follow the snapshot. */
const COMPACT_AFTER = 500;

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  readonly index: ConversationIndex | null;
  private readonly bindings: Map<number, string>;
  /** Awareness client ids → user, for clients that announced themselves before writing. */
  private readonly awarenessOwners = new Map<number, string>();
  private logLength: number;
  private serverClientBound = false;

  constructor(
    readonly name: string,
    readonly docName: DocName,
    private readonly log: DocLog,
  ) {
    const stored = log.load(name);
    this.bindings = stored.bindings;
    this.logLength = stored.logLength;
    Y.transact(this.doc, () => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, 'load');
    // The server writes meta and inbox entries with a client id nobody else holds.
    while (this.bindings.has(this.doc.clientID)) this.doc.clientID = Math.floor(Math.random() * 0x7fffffff);
    this.bindings.set(this.doc.clientID, SERVER_USER);
    this.index = docName.kind === 'conversation' ? ConversationIndex.build(this.doc) : null;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  ownerOf(client: number): string | undefined {
    return this.bindings.get(client) ?? this.awarenessOwners.get(client);
  }

  /** Validate, store, apply and relay a client's update. Returns the verdict (refusals change nothing). */
  applyClientUpdate(peer: Peer, update: Uint8Array, now: number): Verdict<ConversationChanges | null> {
    const verdict = this.validate(peer.userId, update, now);
    if (!verdict.ok) return verdict;
    if (verdict.empty) return verdict;
    const bindings = verdict.newBindings.map((c) => [c, peer.userId] as const);
    // Durable before it is applied, relayed or acknowledged.
    this.log.append(this.name, update, bindings);
    for (const [c, u] of bindings) this.bindings.set(c, u);
    this.logLength++;
    const accepted = verdict.accepted;
    if (accepted) {
      // The records' attachments are unreadable once the delete is applied: note them first.
      for (const id of accepted.deleted) {
        for (const a of conversation.findRecord(this.doc, id)?.record.attachments ?? []) accepted.releasedMedia.push(a.mediaId);
      }
    }
    Y.applyUpdate(this.doc, update, peer);
    if (accepted) {
      // Media still referenced by another live message (a forward, a re-issue) stays.
      const stillUsed = new Set<string>();
      if (accepted.releasedMedia.length > 0) {
        for (const page of conversation.roots(this.doc).messages) {
          for (const r of page) for (const a of r.attachments ?? []) stillUsed.add(a.mediaId);
        }
      }
      accepted.releasedMedia = accepted.releasedMedia.filter((id) => !stillUsed.has(id));
    }
    if (this.index && verdict.accepted) {
      for (const r of verdict.accepted.records) this.index.addRecord(r, conversation.roots(this.doc).deleted.has(r.id));
      const { deleted } = conversation.roots(this.doc);
      for (const id of verdict.accepted.deleted) this.index.removeMessage(id, deleted.get(id)?.author ?? peer.userId);
    }
    return verdict;
  }

  private validate(userId: string, update: Uint8Array, now: number): Verdict<ConversationChanges | null> {
    const owners = { ownerOf: (c: number) => this.bindings.get(c) };
    if (this.index) {
      return validateUpdate(this.doc, update, userId, owners, conversationPolicy(this.index), now);
    }
    return validateUpdate(this.doc, update, userId, owners, inboxPolicy, now);
  }

  /** A server-side write (meta, inbox entries): stored and relayed like any other update. */
  transactServer(fn: (doc: Y.Doc) => void): void {
    this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'load') return;
    if (origin === SERVER_ORIGIN) {
      const bindings = this.serverClientBound ? [] : [[this.doc.clientID, SERVER_USER] as const];
      this.log.append(this.name, update, bindings);
      this.serverClientBound = true;
      this.logLength++;
    }
    const frame = encodeFrame(MessageType.sync, (e) => syncProtocol.writeUpdate(e, update));
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const frame = encodeFrame(MessageType.awareness, (e) =>
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
    );
    // To everyone, the sender too: it keeps a lone client's connection from looking dead.
    for (const peer of this.peers) peer.send(frame);
  };

  /**
   * Apply a client's awareness update, keeping only states it may speak for:
   * client ids not bound to another user, each with `user` set to the writer.
   */
  applyAwareness(peer: Peer & { readonly displayName: string }, update: Uint8Array, claimed: Set<number>): void {
    const decoder = decoding.createDecoder(update);
    const encoder = encoding.createEncoder();
    const count = decoding.readVarUint(decoder);
    const kept: Array<[number, number, string]> = [];
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      const owner = this.ownerOf(clientID);
      // Nobody speaks for the server (its state carries presence in inboxes).
      if (clientID === this.awareness.clientID || (owner !== undefined && owner !== peer.userId)) continue;
      const state: unknown = JSON.parse(json);
      let out: string;
      if (state === null) out = 'null';
      else if (typeof state === 'object' && !Array.isArray(state)) {
        const typing = 'typing' in state && state.typing === true;
        out = JSON.stringify({ user: { id: peer.userId, name: peer.displayName }, typing });
      } else continue;
      this.awarenessOwners.set(clientID, peer.userId);
      claimed.add(clientID);
      kept.push([clientID, clock, out]);
    }
    if (kept.length === 0) return;
    encoding.writeVarUint(encoder, kept.length);
    for (const [clientID, clock, out] of kept) {
      encoding.writeVarUint(encoder, clientID);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, out);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(encoder), peer);
  }

  releaseAwareness(claimed: Set<number>): void {
    const ids = [...claimed].filter((id) => this.awareness.getStates().has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    for (const id of claimed) this.awarenessOwners.delete(id);
  }

  /** Frames that open a connection: our state vector (step 1) and current awareness. */
  greeting(): Uint8Array[] {
    const frames = [encodeFrame(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc))];
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) {
      frames.push(
        encodeFrame(MessageType.awareness, (e) =>
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)),
        ),
      );
    }
    return frames;
  }

  /** Answer to a client's sync step 1: what it lacks. */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    return encodeFrame(MessageType.sync, (e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, stateVector));
    });
  }

  /** "Stored" acknowledgement: everything in this state vector is on disk. */
  storedFrame(): Uint8Array {
    return encodeFrame(MessageType.stored, (e) => encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc)));
  }

  needsCompaction(): boolean {
    return this.logLength >= COMPACT_AFTER;
  }

  /** Fold the log into a snapshot re-encoded through a gc'd doc, so deleted content leaves the disk. */
  compact(): void {
    if (this.logLength === 0) return;
    const fresh = new Y.Doc({ gc: true });
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(this.doc));
    this.log.compact(this.name, Y.encodeStateAsUpdate(fresh));
    fresh.destroy();
    this.logLength = 0;
  }

  destroy(): void {
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Origin of server-side transactions (persisted in the update handler). */
export const SERVER_ORIGIN: unique symbol = Symbol('server');

export function encodeFrame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
