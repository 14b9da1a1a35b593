/**
 * Write rules of a conversation document (ARCHITECTURE §2.1 table, §4): who may
 * write what, as pure decisions. The server applies them to every struct of an
 * incoming update; the client applies them to its own writes first, so an
 * honest client never sends what the server would refuse.
 */
import { Limits } from '../protocol.js';
import { unexpectedCase } from '../unexpected.js';
import { EditState, MessageRecord, Reaction, Receipt, Root, Tombstone, parseReactionKey } from './schema.js';

export class RuleError extends Error {
  readonly code = 'rule';
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

export const isRuleError = (e: unknown): e is RuleError => e instanceof RuleError;

/** One thing an update wants to write, as resolved from its structs. */
export type Write =
  /** A new page (Y.Array) directly under `messages`. */
  | { kind: 'page' }
  /** A value inside a page of `messages`. */
  | { kind: 'record'; value: unknown }
  /** A value set under `key` in one of the root maps. */
  | { kind: 'mapEntry'; root: string; key: string; value: unknown }
  /** Content already deleted by its writer before it was sent; only its place is checked. */
  | { kind: 'deletedContent'; root: string; key: string | null; inPage: boolean }
  /** Anything else (unknown root, nested types, text, wrong shape). */
  | { kind: 'invalid'; reason: string };

export interface RuleContext {
  /** The authenticated writer. */
  userId: string;
  now: number;
  /** Author of a message known to the document or written earlier in the same update. */
  authorOf(msgId: string): string | undefined;
}

/** A refusal reason, or null when the record may be appended by `userId`. */
export function checkRecord(userId: string, value: unknown, now: number): string | null {
  const parsed = MessageRecord.safeParse(value);
  if (!parsed.success) return `invalid record: ${parsed.error.issues[0]?.message ?? 'schema'}`;
  const record = parsed.data;
  if (record.author !== userId) return 'record author is not the writer';
  if (record.hlc > now + Limits.maxClockSkewMs) return 'record hlc lies too far in the future';
  return null;
}

/** A refusal reason, or null when the write is allowed. */
export function checkWrite(ctx: RuleContext, write: Write): string | null {
  switch (write.kind) {
    case 'page':
      return null;
    case 'record':
      return checkRecord(ctx.userId, write.value, ctx.now);
    case 'mapEntry':
      return checkMapEntry(ctx, write.root, write.key, write.value);
    case 'deletedContent':
      // Written and removed again before it was sent (often offline): its message may never have reached the server.
      if (write.inPage) return null;
      return checkKey(ctx, write.root, write.key, true);
    case 'invalid':
      return write.reason;
    default:
      return unexpectedCase(write);
  }
}

/**
 * Whether `userId` may own an entry at `key` of root map `root`. `unknownOk`:
 * a message the server never saw is taken as the writer's (its record was
 * removed before it was sent; the id is random, so it cannot name another's).
 */
function checkKey(ctx: RuleContext, root: string, key: string | null, unknownOk = false): string | null {
  if (key === null) return `${root} entries need a key`;
  switch (root) {
    case Root.edits:
    case Root.deleted: {
      const author = ctx.authorOf(key);
      if (author === ctx.userId || (author === undefined && unknownOk)) return null;
      return `${root}: ${key} is not a message of the writer`;
    }
    case Root.receipts:
      return key === ctx.userId ? null : 'receipts: a user may only write their own receipt';
    case Root.reactions: {
      const parsed = parseReactionKey(key);
      if (!parsed) return 'reactions: malformed key';
      if (parsed.userId !== ctx.userId) return 'reactions: a user may only react as themselves';
      return ctx.authorOf(parsed.msgId) === undefined && !unknownOk ? 'reactions: no such message' : null;
    }
    case Root.meta:
      return 'meta is written by the server only';
    default:
      return `unknown root ${root}`;
  }
}

function checkMapEntry(ctx: RuleContext, root: string, key: string, value: unknown): string | null {
  // A tombstone may name a message the server never saw (sent and deleted offline); its author must be the writer.
  const keyRefusal = checkKey(ctx, root, key, root === Root.deleted);
  if (keyRefusal) return keyRefusal;
  switch (root) {
    case Root.edits: {
      // History written while the conversation keeps none is not refused: a device that was
      // offline when the setting changed writes it in good faith, and only the author can
      // rewrite an edit, so the author's devices purge it (conversation.removeLeftovers).
      return EditState.safeParse(value).success ? null : 'edits: invalid edit state';
    }
    case Root.deleted: {
      const parsed = Tombstone.safeParse(value);
      if (!parsed.success) return 'deleted: invalid tombstone';
      return parsed.data.author === ctx.userId ? null : 'deleted: tombstone author is not the writer';
    }
    case Root.receipts:
      return Receipt.safeParse(value).success ? null : 'receipts: invalid receipt';
    case Root.reactions:
      return Reaction.safeParse(value).success ? null : 'reactions: invalid reaction';
    default:
      return `unknown root ${root}`;
  }
}
