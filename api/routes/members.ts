/**
 * Group membership: admins add members; admins remove anyone and anyone may
 * leave. The sync server is told at once, so a removed member's sockets close.
 */
import { Hono } from 'hono';
import { AddMemberBody, type ConversationResponse } from '../../shared/api.js';
import type { AppEnv } from '../app-env.js';
import { badRequest, forbidden, notFound } from '../http-error.js';
import { readJson } from '../json-body.js';
import { requireAuth } from '../middleware/auth.js';
import type { Services } from '../services.js';
import { requireMembership, viewOf } from './conversation-access.js';

const FIXED_MEMBERS = 'the members of a direct conversation cannot change';

export function memberRoutes(s: Services): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const auth = requireAuth(s);

  r.post('/:id/members', auth, async (c) => {
    const { conversation, role } = requireMembership(s, c.req.param('id'), c.var.user.id);
    if (conversation.kind === 'direct') throw badRequest(FIXED_MEMBERS);
    if (role !== 'admin') throw forbidden('only group admins may add members');
    const { userId } = await readJson(c, AddMemberBody);
    if (!s.users.getById(userId)) throw notFound('no such user');
    const added = s.conversations.addMember(conversation.id, userId, 'member', s.now());
    if (added) s.sync.membersChanged(conversation.id, []);
    // Adding someone already there is not an error: offline clients retry.
    return c.json({ conversation: viewOf(s, conversation.id) } satisfies ConversationResponse, added ? 201 : 200);
  });

  r.delete('/:id/members/:userId', auth, (c) => {
    const me = c.var.user.id;
    const target = c.req.param('userId');
    const { conversation, role } = requireMembership(s, c.req.param('id'), me);
    if (conversation.kind === 'direct') throw badRequest(FIXED_MEMBERS);
    if (target !== me && role !== 'admin') throw forbidden('only group admins may remove other members');
    const { removed } = s.conversations.removeMember(conversation.id, target);
    if (!removed) throw notFound('not a member of this conversation');
    s.sync.membersChanged(conversation.id, [target]);
    return c.body(null, 204);
  });

  return r;
}
