/**
 * Conversations: list, create (direct, idempotent per pair; or group) and
 * change settings. Each change is written into the document's `meta` via the sync port.
 */
import { Hono, type Context } from 'hono';
import {
  CreateConversationBody,
  PatchConversationBody,
  type ConversationResponse,
  type ConversationsResponse,
} from '../../shared/api.js';
import { unexpectedCase } from '../../shared/unexpected.js';
import type { AppEnv } from '../app-env.js';
import { badRequest, forbidden, notFound } from '../http-error.js';
import { newId } from '../ids.js';
import { readJson } from '../json-body.js';
import { requireAuth } from '../middleware/auth.js';
import type { Services } from '../services.js';
import type { ConversationRecord } from '../storage/conversations.js';
import { metaOf, requireMembership, viewOf } from './conversation-access.js';

export function conversationRoutes(s: Services): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const auth = requireAuth(s);

  /**
   * A new conversation exists only once its document has its meta; if that
   * write fails the row is removed again, so a retry starts clean.
   */
  const announce = async (conversation: ConversationRecord): Promise<void> => {
    try {
      await s.sync.writeConversationMeta(metaOf(conversation));
    } catch (err) {
      s.conversations.delete(conversation.id);
      throw err;
    }
    s.sync.membersChanged(conversation.id, []);
  };

  const respond = (c: Context<AppEnv>, conversationId: string, status: 200 | 201) =>
    c.json({ conversation: viewOf(s, conversationId) } satisfies ConversationResponse, status);

  r.get('/', auth, (c) => {
    const conversations = s.conversations.listForUser(c.var.user.id);
    return c.json({ conversations } satisfies ConversationsResponse, 200);
  });

  r.post('/', auth, async (c) => {
    const body = await readJson(c, CreateConversationBody);
    const me = c.var.user.id;
    const now = s.now();
    switch (body.kind) {
      case 'direct': {
        if (body.userId === me) throw badRequest('a direct conversation needs another user');
        if (!s.users.getById(body.userId)) throw notFound('no such user');
        const { created, conversation } = s.conversations.createDirect({ id: newId(), creatorId: me, otherId: body.userId, now });
        if (!created) return respond(c, conversation.id, 200);
        await announce(conversation);
        // Partners in a direct conversation see each other's presence.
        s.sync.contactsChanged(me);
        s.sync.contactsChanged(body.userId);
        return respond(c, conversation.id, 201);
      }
      case 'group': {
        const memberIds = [...new Set(body.memberIds)].filter((id) => id !== me);
        const unknown = memberIds.find((id) => !s.users.getById(id));
        if (unknown !== undefined) throw badRequest(`unknown user: ${unknown}`);
        const conversation = s.conversations.createGroup({ id: newId(), creatorId: me, title: body.title, memberIds, now });
        await announce(conversation);
        return respond(c, conversation.id, 201);
      }
      default:
        return unexpectedCase(body);
    }
  });

  r.patch('/:id', auth, async (c) => {
    const { conversation, role } = requireMembership(s, c.req.param('id'), c.var.user.id);
    const patch = await readJson(c, PatchConversationBody);
    switch (conversation.kind) {
      case 'group':
        if (role !== 'admin') throw forbidden('only group admins may change the group');
        break;
      case 'direct':
        // Both people own a direct conversation equally; it has no title to set.
        if (patch.title !== undefined) throw badRequest('a direct conversation has no title');
        break;
      default:
        return unexpectedCase(conversation.kind);
    }
    const next: ConversationRecord = {
      ...conversation,
      title: patch.title ?? conversation.title,
      keepEditHistory: patch.keepEditHistory ?? conversation.keepEditHistory,
    };
    s.conversations.update(conversation.id, { title: next.title, keepEditHistory: next.keepEditHistory });
    try {
      await s.sync.writeConversationMeta(metaOf(next));
    } catch (err) {
      // Keep the row and the document agreeing: undo, then let the error answer 500.
      s.conversations.update(conversation.id, { title: conversation.title, keepEditHistory: conversation.keepEditHistory });
      throw err;
    }
    return respond(c, conversation.id, 200);
  });

  return r;
}
