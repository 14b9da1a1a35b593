import { describe, expect, test } from 'vitest';
import { ContactResponse, ContactsResponse, ErrorBody } from '../../shared/api.js';
import { makeUserStore } from '../storage/users.js';
import { json, makeHarness, signup, type Account, type Harness } from '../test-support.js';

async function listContacts(h: Harness, who: Account) {
  const res = await h.app.request('/api/contacts', { headers: who.headers });
  expect(res.status).toBe(200);
  return ContactsResponse.parse(await res.json()).contacts;
}

describe('contacts', () => {
  test('adds, lists with presence, and removes a contact', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob', 'Bob');
    const carol = await signup(h, 'carol', 'Carol');

    const added = await h.app.request('/api/contacts', json('POST', { userId: bob.user.id }, alice.headers));
    expect(added.status).toBe(201);
    expect(ContactResponse.parse(await added.json()).contact).toEqual({
      user: bob.user,
      presence: { online: false, lastSeenAt: null },
      addedAt: h.clock.now,
    });
    await h.app.request('/api/contacts', json('POST', { userId: carol.user.id }, alice.headers));

    h.sync.online.add(bob.user.id);
    makeUserStore(h.db).setLastSeen(carol.user.id, 1234);
    expect((await listContacts(h, alice)).map((c) => [c.user.username, c.presence])).toEqual([
      ['bob', { online: true, lastSeenAt: null }],
      ['carol', { online: false, lastSeenAt: 1234 }],
    ]);
    // Contacts are one-way: Bob's list is untouched.
    expect(await listContacts(h, bob)).toEqual([]);

    const removed = await h.app.request(`/api/contacts/${bob.user.id}`, { method: 'DELETE', headers: alice.headers });
    expect(removed.status).toBe(204);
    expect((await listContacts(h, alice)).map((c) => c.user.username)).toEqual(['carol']);
  });

  test('adding the same contact again answers 200 with the existing contact', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    const first = await h.app.request('/api/contacts', json('POST', { userId: bob.user.id }, alice.headers));
    h.clock.now += 1000;
    const again = await h.app.request('/api/contacts', json('POST', { userId: bob.user.id }, alice.headers));
    expect(again.status).toBe(200);
    expect(ContactResponse.parse(await again.json())).toEqual(ContactResponse.parse(await first.json()));
    expect(await listContacts(h, alice)).toHaveLength(1);
  });

  test('refuses an unknown user with 404 and yourself with 400', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const unknown = await h.app.request('/api/contacts', json('POST', { userId: 'no-such-user-id' }, alice.headers));
    expect(unknown.status).toBe(404);
    const self = await h.app.request('/api/contacts', json('POST', { userId: alice.user.id }, alice.headers));
    expect(self.status).toBe(400);
    expect(ErrorBody.parse(await self.json()).error.code).toBe('bad_request');
  });

  test('removing someone who is not a contact still answers 204', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const res = await h.app.request('/api/contacts/whoever', { method: 'DELETE', headers: alice.headers });
    expect(res.status).toBe(204);
  });

  test('needs a session', async () => {
    const h = makeHarness();
    expect((await h.app.request('/api/contacts')).status).toBe(401);
    expect((await h.app.request('/api/contacts', json('POST', { userId: 'x' }))).status).toBe(401);
  });
});
