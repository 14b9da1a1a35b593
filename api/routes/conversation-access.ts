/**
 * What conversation routes share: finding a conversation the caller belongs
 * to (404 otherwise, so outsiders cannot probe ids) and publishing its meta.
 */
import type { Conversation, MemberRole } from '../../shared/api.js';
import { notFound } from '../http-error.js';
import type { Services } from '../services.js';
import type { ConversationRecord } from '../storage/conversations.js';
import type { ConversationMetaChange } from '../sync-port.js';

export function requireMembership(
  s: Services,
  conversationId: string,
  userId: string,
): { conversation: ConversationRecord; role: MemberRole } {
  const conversation = s.conversations.get(conversationId);
  const role = conversation ? s.conversations.role(conversationId, userId) : null;
  if (!conversation || role === null) throw notFound('no such conversation');
  return { conversation, role };
}

/** The conversation as the API returns it; it was just read or written, so it must exist. */
export function viewOf(s: Services, conversationId: string): Conversation {
  const view = s.conversations.view(conversationId);
  if (!view) throw new Error(`conversation ${conversationId} disappeared while answering`);
  return view;
}

export const metaOf = (c: ConversationRecord): ConversationMetaChange => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  keepEditHistory: c.keepEditHistory,
});
