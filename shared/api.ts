/**
 * HTTP API contract (ARCHITECTURE §3): request bodies and response shapes as
 * zod schemas, shared by the Hono routes and the browser client.
 */
import { z } from 'zod';
import { ConversationKind } from './doc/schema.js';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'username must be at least 3 characters')
  .max(32, 'username must be at most 32 characters')
  .regex(/^[a-z0-9_.-]+$/, 'username may use letters, digits, "_", "." and "-"');

export const DisplayName = z.string().trim().min(1, 'display name is required').max(64);
export const Password = z.string().min(8, 'password must be at least 8 characters').max(256);

export const SignupBody = z.strictObject({ username: Username, displayName: DisplayName, password: Password });
export type SignupBody = z.infer<typeof SignupBody>;
export const LoginBody = z.strictObject({ username: z.string().trim().toLowerCase().min(1).max(32), password: z.string().min(1).max(256) });
export type LoginBody = z.infer<typeof LoginBody>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
});
export type User = z.infer<typeof User>;

export const Presence = z.object({
  online: z.boolean(),
  /** ms since epoch of the last time the user had a socket open; null = never. */
  lastSeenAt: z.number().nullable(),
});
export type Presence = z.infer<typeof Presence>;

export const Contact = z.object({ user: User, presence: Presence, addedAt: z.number() });
export type Contact = z.infer<typeof Contact>;

export const AddContactBody = z.strictObject({ userId: z.string().min(1).max(64) });

export const MemberRole = z.enum(['admin', 'member']);
export type MemberRole = z.infer<typeof MemberRole>;

export const Member = z.object({ user: User, role: MemberRole, joinedAt: z.number() });
export type Member = z.infer<typeof Member>;

export const Conversation = z.object({
  id: z.string(),
  kind: ConversationKind,
  /** Group title; for a direct conversation the empty string (the client shows the other member). */
  title: z.string(),
  keepEditHistory: z.boolean(),
  createdAt: z.number(),
  members: z.array(Member),
});
export type Conversation = z.infer<typeof Conversation>;

export const CreateConversationBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('direct'), userId: z.string().min(1).max(64) }),
  z.strictObject({
    kind: z.literal('group'),
    title: z.string().trim().min(1, 'a group needs a title').max(200),
    memberIds: z.array(z.string().min(1).max(64)).max(256),
  }),
]);
export type CreateConversationBody = z.infer<typeof CreateConversationBody>;

export const PatchConversationBody = z
  .strictObject({ title: z.string().trim().min(1).max(200).optional(), keepEditHistory: z.boolean().optional() })
  .refine((b) => b.title !== undefined || b.keepEditHistory !== undefined, { message: 'nothing to change' });
export type PatchConversationBody = z.infer<typeof PatchConversationBody>;

export const AddMemberBody = z.strictObject({ userId: z.string().min(1).max(64) });

export const Media = z.object({
  id: z.string(),
  conversationId: z.string(),
  mime: z.string(),
  size: z.number(),
  createdAt: z.number(),
});
export type Media = z.infer<typeof Media>;
export const MediaResponse = z.object({ media: Media });
export type MediaResponse = z.infer<typeof MediaResponse>;

export const ErrorCode = z.enum([
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({ error: z.object({ code: ErrorCode, message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `GET /api/users?q=`: username prefix or display-name substring. */
export const UserSearchQuery = z.object({ q: z.string().trim().min(1, 'q is required').max(64) });

// Response bodies of the routes in ARCHITECTURE §3, so the client can parse what the API promises.
export const UserResponse = z.object({ user: User });
export type UserResponse = z.infer<typeof UserResponse>;

/** `GET /api/me/limits`: what this server allows (set by its operator). */
export const Limits = z.object({
  /** Largest single upload. */
  mediaMaxBytes: z.number().int().positive(),
  /** Media one user may keep in all. */
  mediaQuotaBytes: z.number().int().positive(),
});
export type Limits = z.infer<typeof Limits>;
export const LimitsResponse = z.object({ limits: Limits });
export type LimitsResponse = z.infer<typeof LimitsResponse>;
export const TokenResponse = z.object({ token: z.string(), user: User });
export type TokenResponse = z.infer<typeof TokenResponse>;
export const UsersResponse = z.object({ users: z.array(User) });
export type UsersResponse = z.infer<typeof UsersResponse>;
export const ContactResponse = z.object({ contact: Contact });
export type ContactResponse = z.infer<typeof ContactResponse>;
export const ContactsResponse = z.object({ contacts: z.array(Contact) });
export type ContactsResponse = z.infer<typeof ContactsResponse>;
export const ConversationResponse = z.object({ conversation: Conversation });
export type ConversationResponse = z.infer<typeof ConversationResponse>;
export const ConversationsResponse = z.object({ conversations: z.array(Conversation) });
export type ConversationsResponse = z.infer<typeof ConversationsResponse>;
