/**
 * The conversation document schema (ARCHITECTURE §2.1, schema version 1) as
 * zod schemas: the one definition that client writes and server validation share.
 */
import { z } from 'zod';
import { Limits } from '../protocol.js';

export const SCHEMA_VERSION = 1;

/** Root names of a `conv:<id>` document. */
export const Root = {
  messages: 'messages',
  edits: 'edits',
  deleted: 'deleted',
  receipts: 'receipts',
  reactions: 'reactions',
  meta: 'meta',
} as const;
export type RootName = (typeof Root)[keyof typeof Root];

/** Root names of an `inbox:<userId>` document. */
export const InboxRoot = {
  /** Server-written: Y.Map<conversationId, InboxEntry>. */
  conversations: 'conversations',
  /** Owner-written: Y.Map<conversationId, InboxPrefs>. */
  prefs: 'prefs',
} as const;

const id = z.string().min(1).max(64);
const text = z.string().max(Limits.maxTextLength);

export const Attachment = z.strictObject({
  mediaId: id,
  mime: z.string().min(1).max(127),
  size: z.number().int().nonnegative(),
  name: z.string().max(255).optional(),
  width: z.number().int().positive().max(100_000).optional(),
  height: z.number().int().positive().max(100_000).optional(),
  durationMs: z.number().int().nonnegative().optional(),
  waveform: z.array(z.number().int().min(0).max(255)).max(128).optional(),
  /** Tiny inline preview (data URL) so the row has its final size before the file loads. */
  preview: z.string().max(16_384).optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const MessageKind = z.enum(['text', 'media', 'voice']);
export type MessageKind = z.infer<typeof MessageKind>;

export const MessageRecord = z
  .strictObject({
    id,
    author: id,
    hlc: z.number().int().positive(),
    sentAt: z.number().int().positive(),
    kind: MessageKind,
    text: text.optional(),
    replyTo: id.optional(),
    threadOf: id.optional(),
    attachments: z.array(Attachment).max(10).optional(),
  })
  .refine((r) => r.kind !== 'text' || (r.text !== undefined && r.text.trim().length > 0), {
    message: 'a text message needs text',
  })
  .refine((r) => r.kind === 'text' || (r.attachments !== undefined && r.attachments.length > 0), {
    message: 'a media or voice message needs attachments',
  });
export type MessageRecord = z.infer<typeof MessageRecord>;

export const EditVersion = z.strictObject({ text, at: z.number().int().positive() });
export type EditVersion = z.infer<typeof EditVersion>;

export const EditState = z.strictObject({
  text,
  editedAt: z.number().int().positive(),
  /** Earlier versions, oldest first; present only when the conversation keeps edit history. */
  history: z.array(EditVersion).max(500).optional(),
});
export type EditState = z.infer<typeof EditState>;

export const Tombstone = z.strictObject({
  author: id,
  hlc: z.number().int().positive(),
  deletedAt: z.number().int().positive(),
  /** The thread the message was in, so the placeholder stays in the thread and out of the main timeline. */
  threadOf: id.optional(),
});
export type Tombstone = z.infer<typeof Tombstone>;

/** A user's progress: every message with hlc ≤ delivered reached a device; ≤ seen was shown. */
export const Receipt = z.strictObject({
  delivered: z.number().int().nonnegative(),
  seen: z.number().int().nonnegative(),
  at: z.number().int().positive(),
});
export type Receipt = z.infer<typeof Receipt>;

export const Reaction = z.string().min(1).max(32);

export const ConversationKind = z.enum(['direct', 'group']);
export type ConversationKind = z.infer<typeof ConversationKind>;

/** What `meta` holds; written by the server only. */
export const Meta = z.object({
  schemaVersion: z.number().int(),
  kind: ConversationKind,
  title: z.string().max(200),
  keepEditHistory: z.boolean(),
});
export type Meta = z.infer<typeof Meta>;

export const reactionKey = (msgId: string, userId: string): string => `${msgId}|${userId}`;

export function parseReactionKey(key: string): { msgId: string; userId: string } | null {
  const bar = key.lastIndexOf('|');
  if (bar <= 0 || bar === key.length - 1) return null;
  return { msgId: key.slice(0, bar), userId: key.slice(bar + 1) };
}

/** Inbox entry per conversation, written by the server. */
export const InboxEntry = z.object({
  lastMessage: z
    .object({
      id,
      author: id,
      kind: MessageKind,
      preview: z.string().max(200),
      hlc: z.number(),
      sentAt: z.number(),
    })
    .nullable(),
  unread: z.number().int().nonnegative(),
  updatedAt: z.number(),
});
export type InboxEntry = z.infer<typeof InboxEntry>;

export const InboxPrefs = z.strictObject({
  muted: z.boolean().optional(),
  pinned: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type InboxPrefs = z.infer<typeof InboxPrefs>;
