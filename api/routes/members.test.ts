import { describe, expect, test } from 'vitest';
import { ConversationResponse, ConversationsResponse, ErrorBody, type Conversation } from '../../shared/api.js';
import { json, makeHarness, signup, type Account, type Harness } from '../test-support.js';

async function group(h: Harness, admin: Account, members: Account[]): Promise<Conversation> {
  const res = await h.app.request('/api/conversations', json('POST', { kind: 'group', title: 'G', memberIds: members.map((m) => m.user.id) }, admin.headers));
  expect(res.status).toBe(201);
  return ConversationResponse.parse(await res.json()).conversation;
}

const addMember = (h: Harness, by: Account, conversationId: string, userId: string) =>
  h.app.request(`/api/conversations/${conversationId}/members`, json('POST', { userId }, by.headers));
const removeMember = (h: Harness, by: Account, conversationId: string, userId: string) =>
  h.app.request(`/api/conversations/${conversationId}/members/${userId}`, { method: 'DELETE', headers: by.headers });

async function roles(h: Harness, who: Account, conversationId: string): Promise<[string, string][]> {
  const res = await h.app.request('/api/conversations', { headers: who.headers });
  const conv = ConversationsResponse.parse(await res.json()).conversations.find((c) => c.id === conversationId);
  return conv?.members.map((m) => [m.user.username, m.role]) ?? [];
}

describe('adding members', () => {
  test('an admin adds a member (201), the sync server is told, and adding again answers 200', async () => {
    const h = makeHarness();
    const [alice, bob, carol] = [await signup(h, 'alice'), await signup(h, 'bob'), await signup(h, 'carol')];
    const g = await group(h, alice, [bob]);
    h.sync.calls.length = 0;

    const res = await addMember(h, alice, g.id, carol.user.id);
    expect(res.status).toBe(201);
    expect(ConversationResponse.parse(await res.json()).conversation.members.map((m) => m.user.username)).toEqual(['alice', 'bob', 'carol']);
    expect(h.sync.calls).toEqual([{ kind: 'membersChanged', conversationId: g.id, removedUserIds: [] }]);

    expect((await addMember(h, alice, g.id, carol.user.id)).status).toBe(200);
    expect(h.sync.calls).toHaveLength(1);
  });

  test('a plain member gets 403, an outsider 404, an unknown user 404', async () => {
    const h = makeHarness();
    const [alice, bob, carol, mallory] = [await signup(h, 'alice'), await signup(h, 'bob'), await signup(h, 'carol'), await signup(h, 'mallory')];
    const g = await group(h, alice, [bob]);
    expect((await addMember(h, bob, g.id, carol.user.id)).status).toBe(403);
    expect((await addMember(h, mallory, g.id, mallory.user.id)).status).toBe(404);
    expect((await addMember(h, alice, g.id, 'ghost')).status).toBe(404);
    expect(h.sync.callsOf('membersChanged')).toHaveLength(1); // only the creation
  });

  test('the members of a direct conversation are fixed', async () => {
    const h = makeHarness();
    const [alice, bob, carol] = [await signup(h, 'alice'), await signup(h, 'bob'), await signup(h, 'carol')];
    const res = await h.app.request('/api/conversations', json('POST', { kind: 'direct', userId: bob.user.id }, alice.headers));
    const direct = ConversationResponse.parse(await res.json()).conversation;
    expect((await addMember(h, alice, direct.id, carol.user.id)).status).toBe(400);
    const leave = await removeMember(h, alice, direct.id, alice.user.id);
    expect(leave.status).toBe(400);
    expect(ErrorBody.parse(await leave.json()).error.code).toBe('bad_request');
  });
});

describe('removing members', () => {
  test('an admin removes a member, and the sync server is told who went', async () => {
    const h = makeHarness();
    const [alice, bob, carol] = [await signup(h, 'alice'), await signup(h, 'bob'), await signup(h, 'carol')];
    const g = await group(h, alice, [bob, carol]);
    h.sync.calls.length = 0;
    const res = await removeMember(h, alice, g.id, bob.user.id);
    expect(res.status).toBe(204);
    expect(h.sync.calls).toEqual([{ kind: 'membersChanged', conversationId: g.id, removedUserIds: [bob.user.id] }]);
    expect(await roles(h, alice, g.id)).toEqual([
      ['alice', 'admin'],
      ['carol', 'member'],
    ]);
    // Bob no longer sees the conversation and cannot act on it.
    expect(await roles(h, bob, g.id)).toEqual([]);
    expect((await h.app.request(`/api/conversations/${g.id}`, json('PATCH', { keepEditHistory: true }, bob.headers))).status).toBe(404);
  });

  test('a plain member cannot remove someone else', async () => {
    const h = makeHarness();
    const [alice, bob, carol] = [await signup(h, 'alice'), await signup(h, 'bob'), await signup(h, 'carol')];
    const g = await group(h, alice, [bob, carol]);
    expect((await removeMember(h, bob, g.id, carol.user.id)).status).toBe(403);
    expect((await removeMember(h, bob, g.id, alice.user.id)).status).toBe(403);
    expect(await roles(h, alice, g.id)).toHaveLength(3);
  });

  test('any member may leave', async () => {
    const h = makeHarness();
    const [alice, bob] = [await signup(h, 'alice'), await signup(h, 'bob')];
    const g = await group(h, alice, [bob]);
    h.sync.calls.length = 0;
    expect((await removeMember(h, bob, g.id, bob.user.id)).status).toBe(204);
    expect(h.sync.calls).toEqual([{ kind: 'membersChanged', conversationId: g.id, removedUserIds: [bob.user.id] }]);
    expect(await roles(h, alice, g.id)).toEqual([['alice', 'admin']]);
  });

  test('when the last admin leaves, the longest-standing member becomes admin', async () => {
    const h = makeHarness();
    const [alice, bob, carol, dave] = [await signup(h, 'alice'), await signup(h, 'bob'), await signup(h, 'carol'), await signup(h, 'dave')];
    const g = await group(h, alice, [carol]);
    h.clock.now += 1000;
    expect((await addMember(h, alice, g.id, bob.user.id)).status).toBe(201);
    h.clock.now += 1000;
    expect((await addMember(h, alice, g.id, dave.user.id)).status).toBe(201);

    expect((await removeMember(h, alice, g.id, alice.user.id)).status).toBe(204);
    expect(await roles(h, carol, g.id)).toEqual([
      ['carol', 'admin'],
      ['bob', 'member'],
      ['dave', 'member'],
    ]);
    // The new admin can act as one.
    expect((await h.app.request(`/api/conversations/${g.id}`, json('PATCH', { title: 'New' }, carol.headers))).status).toBe(200);
  });

  test('removing someone who is not a member answers 404', async () => {
    const h = makeHarness();
    const [alice, bob] = [await signup(h, 'alice'), await signup(h, 'bob')];
    const g = await group(h, alice, []);
    expect((await removeMember(h, alice, g.id, bob.user.id)).status).toBe(404);
    expect((await removeMember(h, bob, g.id, bob.user.id)).status).toBe(404);
  });
});
