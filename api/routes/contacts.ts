/**
 * The signed-in user's contact list, each contact with presence: online from
 * the sync server, last seen from the database.
 */
import { Hono } from 'hono';
import { AddContactBody, type Contact, type ContactResponse, type ContactsResponse } from '../../shared/api.js';
import type { AppEnv } from '../app-env.js';
import { badRequest, notFound } from '../http-error.js';
import { readJson } from '../json-body.js';
import { requireAuth } from '../middleware/auth.js';
import type { Services } from '../services.js';
import type { ContactRecord } from '../storage/contacts.js';

export function contactRoutes(s: Services): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const auth = requireAuth(s);

  const withPresence = (record: ContactRecord): Contact => ({
    user: record.user,
    presence: { online: s.sync.isOnline(record.user.id), lastSeenAt: record.lastSeenAt },
    addedAt: record.addedAt,
  });

  r.get('/', auth, (c) => {
    const contacts = s.contacts.list(c.var.user.id).map(withPresence);
    return c.json({ contacts } satisfies ContactsResponse, 200);
  });

  r.post('/', auth, async (c) => {
    const { userId } = await readJson(c, AddContactBody);
    const me = c.var.user.id;
    if (userId === me) throw badRequest('you cannot add yourself as a contact');
    if (!s.users.getById(userId)) throw notFound('no such user');
    const { created, contact } = s.contacts.add(me, userId, s.now());
    if (created) s.sync.contactsChanged(me);
    // Adding again is not an error: offline clients retry.
    return c.json({ contact: withPresence(contact) } satisfies ContactResponse, created ? 201 : 200);
  });

  r.delete('/:userId', auth, (c) => {
    // Idempotent: removing someone who is not a contact leaves the same state.
    if (s.contacts.remove(c.var.user.id, c.req.param('userId'))) s.sync.contactsChanged(c.var.user.id);
    return c.body(null, 204);
  });

  return r;
}
