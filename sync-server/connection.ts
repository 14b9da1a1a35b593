/**
 * One client on one document: decodes y-websocket frames, enforces the size
 * and rate caps, and hands updates and awareness to its room. Any socket-like
 * object with send/close works (ws in production, fakes in tests).
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCode, CloseReason, Limits, MessageType } from '../shared/protocol.js';
import { MalformedUpdate } from './decode-update.js';
import type { Room } from './room.js';
import type { TokenBucket } from './rate-limit.js';

export interface SocketLike {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface ConnectionIdentity {
  userId: string;
  displayName: string;
  sessionId: string;
}

export interface ConnectionHooks {
  now(): number;
  /** After an update was stored and applied (drives inbox previews and media clean-up). */
  afterUpdate(room: Room, conn: Connection, releasedMedia: readonly string[]): void;
  log(level: 'info' | 'warn', message: string, fields: Record<string, unknown>): void;
}

export class Connection {
  readonly userId: string;
  readonly displayName: string;
  readonly sessionId: string;
  private readonly claimed = new Set<number>();
  private closed = false;

  constructor(
    private readonly socket: SocketLike,
    identity: ConnectionIdentity,
    readonly room: Room,
    private readonly limits: { connection: TokenBucket; user: TokenBucket },
    private readonly hooks: ConnectionHooks,
  ) {
    this.userId = identity.userId;
    this.displayName = identity.displayName;
    this.sessionId = identity.sessionId;
  }

  /** Join the room and greet: our state vector and the awareness of others. */
  open(): void {
    this.room.peers.add(this);
    for (const frame of this.room.greeting()) this.send(frame);
  }

  send(frame: Uint8Array): void {
    if (!this.closed) this.socket.send(frame);
  }

  close(code: number, reason: string = CloseReason[code] ?? ''): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.detach();
  }

  /** The socket is gone: leave the room and withdraw our awareness. */
  detach(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.peers.delete(this);
    this.room.releaseAwareness(this.claimed);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  receive(frame: Uint8Array): void {
    if (this.closed) return;
    const now = this.hooks.now();
    if (!this.limits.connection.take(now) || !this.limits.user.take(now)) {
      this.refuse(CloseCode.tooManyMessages, 'rate limit');
      return;
    }
    if (frame.byteLength > Limits.maxDocumentFrame) {
      this.refuse(CloseCode.tooLarge, `frame of ${frame.byteLength} bytes`);
      return;
    }
    try {
      this.dispatch(frame, now);
    } catch (e) {
      // Garbage, truncated frames, bad JSON in awareness: this socket goes, nothing else.
      const reason = e instanceof MalformedUpdate ? e.message : `malformed message: ${e instanceof Error ? e.message : String(e)}`;
      this.refuse(CloseCode.forbidden, reason);
    }
  }

  private dispatch(frame: Uint8Array, now: number): void {
    if (frame.byteLength === 0) throw new Error('empty frame');
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        this.onSync(decoder, now);
        return;
      case MessageType.awareness: {
        const update = decoding.readVarUint8Array(decoder);
        if (update.byteLength > Limits.maxAwarenessFrame) {
          this.refuse(CloseCode.tooLarge, 'awareness update too large');
          return;
        }
        this.room.applyAwareness(this, update, this.claimed);
        return;
      }
      case MessageType.queryAwareness:
        for (const frame of this.room.greeting().slice(1)) this.send(frame);
        return;
      case MessageType.auth:
        // Authentication happens at the upgrade; auth frames carry nothing we use.
        return;
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  private onSync(decoder: decoding.Decoder, now: number): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        this.send(this.room.syncStep2(stateVector));
        this.send(this.room.storedFrame());
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        const verdict = this.room.applyClientUpdate(this, update, now);
        if (!verdict.ok) {
          this.refuse(CloseCode.forbidden, verdict.reason);
          return;
        }
        if (!verdict.empty) this.hooks.afterUpdate(this.room, this, verdict.accepted?.releasedMedia ?? []);
        this.send(this.room.storedFrame());
        return;
      }
      default:
        throw new Error(`unknown sync message ${syncType}`);
    }
  }

  private refuse(code: number, reason: string): void {
    this.hooks.log('warn', 'refused', { doc: this.room.name, user: this.userId, code, reason });
    this.close(code, CloseReason[code] ?? reason);
  }
}
