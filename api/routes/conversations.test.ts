import { describe, expect, test } from 'vitest';
import { ConversationResponse, ConversationsResponse, ErrorBody } from '../../shared/api.js';
import { json, makeHarness, signup, type Account, type Harness } from '../test-support.js';

async function create(h: Harness, who: Account, body: unknown) {
  const res = await h.app.request('/api/conversations', json('POST', body, who.headers));
  return { status: res.status, body: await res.json() };
}

async function createOk(h: Harness, who: Account, body: unknown) {
  const { status, body: raw } = await create(h, who, body);
  expect(status, JSON.stringify(raw)).toBe(201);
  return ConversationResponse.parse(raw).conversation;
}

describe('direct conversations', () => {
  test('are created once per pair, whoever asks and however often', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    const first = await createOk(h, alice, { kind: 'direct', userId: bob.user.id });
    expect(first).toMatchObject({ kind: 'direct', title: '', keepEditHistory: false, createdAt: h.clock.now });
    expect(first.members.map((m) => [m.user.username, m.role])).toEqual([
      ['alice', 'member'],
      ['bob', 'member'],
    ]);

    const again = await create(h, alice, { kind: 'direct', userId: bob.user.id });
    expect(again.status).toBe(200);
    expect(ConversationResponse.parse(again.body).conversation).toEqual(first);
    const fromBob = await create(h, bob, { kind: 'direct', userId: alice.user.id });
    expect(fromBob.status).toBe(200);
    expect(ConversationResponse.parse(fromBob.body).conversation.id).toBe(first.id);

    // The document's meta is written once, when the conversation is made.
    expect(h.sync.callsOf('writeConversationMeta')).toEqual([
      { kind: 'writeConversationMeta', change: { id: first.id, kind: 'direct', title: '', keepEditHistory: false } },
    ]);
    expect(h.sync.callsOf('membersChanged')).toEqual([{ kind: 'membersChanged', conversationId: first.id, removedUserIds: [] }]);
  });

  test('refuses yourself with 400 and an unknown user with 404', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    expect((await create(h, alice, { kind: 'direct', userId: alice.user.id })).status).toBe(400);
    expect((await create(h, alice, { kind: 'direct', userId: 'nobody-at-all' })).status).toBe(404);
    expect(h.sync.calls).toEqual([]);
  });

  test('any member may change keepEditHistory, but there is no title to set', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    const conv = await createOk(h, alice, { kind: 'direct', userId: bob.user.id });
    const patched = await h.app.request(`/api/conversations/${conv.id}`, json('PATCH', { keepEditHistory: true }, bob.headers));
    expect(patched.status).toBe(200);
    expect(ConversationResponse.parse(await patched.json()).conversation.keepEditHistory).toBe(true);
    expect(h.sync.callsOf('writeConversationMeta').at(-1)?.change).toEqual({ id: conv.id, kind: 'direct', title: '', keepEditHistory: true });

    const titled = await h.app.request(`/api/conversations/${conv.id}`, json('PATCH', { title: 'Us' }, bob.headers));
    expect(titled.status).toBe(400);
  });
});

describe('group conversations', () => {
  test('the creator becomes admin and the others members; unknown ids are refused', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    const carol = await signup(h, 'carol');
    const group = await createOk(h, alice, { kind: 'group', title: ' Trip ', memberIds: [bob.user.id, carol.user.id, bob.user.id, alice.user.id] });
    expect(group).toMatchObject({ kind: 'group', title: 'Trip', keepEditHistory: false });
    expect(group.members.map((m) => [m.user.username, m.role])).toEqual([
      ['alice', 'admin'],
      ['bob', 'member'],
      ['carol', 'member'],
    ]);
    expect(h.sync.callsOf('writeConversationMeta')).toEqual([
      { kind: 'writeConversationMeta', change: { id: group.id, kind: 'group', title: 'Trip', keepEditHistory: false } },
    ]);

    const unknown = await create(h, alice, { kind: 'group', title: 'x', memberIds: [bob.user.id, 'ghost'] });
    expect(unknown.status).toBe(400);
    expect(ErrorBody.parse(unknown.body).error.message).toContain('ghost');
  });

  test('an admin may rename the group; a plain member gets 403', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    const group = await createOk(h, alice, { kind: 'group', title: 'Trip', memberIds: [bob.user.id] });

    const byBob = await h.app.request(`/api/conversations/${group.id}`, json('PATCH', { title: 'Bob was here' }, bob.headers));
    expect(byBob.status).toBe(403);
    expect(ErrorBody.parse(await byBob.json()).error.code).toBe('forbidden');

    const byAlice = await h.app.request(`/api/conversations/${group.id}`, json('PATCH', { title: 'Trip 2025', keepEditHistory: true }, alice.headers));
    expect(byAlice.status).toBe(200);
    expect(ConversationResponse.parse(await byAlice.json()).conversation).toMatchObject({ title: 'Trip 2025', keepEditHistory: true });
    expect(h.sync.callsOf('writeConversationMeta').at(-1)?.change).toEqual({ id: group.id, kind: 'group', title: 'Trip 2025', keepEditHistory: true });
  });

  test('a non-member gets 404 on PATCH, exactly as for a conversation that does not exist', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    const mallory = await signup(h, 'mallory');
    const group = await createOk(h, alice, { kind: 'group', title: 'Trip', memberIds: [bob.user.id] });
    const outsider = await h.app.request(`/api/conversations/${group.id}`, json('PATCH', { title: 'pwned' }, mallory.headers));
    const missing = await h.app.request('/api/conversations/does-not-exist', json('PATCH', { title: 'pwned' }, mallory.headers));
    expect(outsider.status).toBe(404);
    expect(await outsider.json()).toEqual(await missing.json());
    expect(h.sync.callsOf('writeConversationMeta')).toHaveLength(1);
  });

  test('a PATCH with nothing to change is refused', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const group = await createOk(h, alice, { kind: 'group', title: 'Solo', memberIds: [] });
    const res = await h.app.request(`/api/conversations/${group.id}`, json('PATCH', {}, alice.headers));
    expect(res.status).toBe(400);
    expect(ErrorBody.parse(await res.json()).error.message).toBe('nothing to change');
  });
});

describe('listing', () => {
  test('lists only the conversations the user belongs to, with their members', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    const carol = await signup(h, 'carol');
    const direct = await createOk(h, alice, { kind: 'direct', userId: bob.user.id });
    h.clock.now += 1;
    const group = await createOk(h, bob, { kind: 'group', title: 'B & C', memberIds: [carol.user.id] });

    const list = async (who: Account) => {
      const res = await h.app.request('/api/conversations', { headers: who.headers });
      expect(res.status).toBe(200);
      return ConversationsResponse.parse(await res.json()).conversations;
    };
    expect(await list(alice)).toEqual([direct]);
    expect(await list(bob)).toEqual([group, direct]);
    expect((await list(carol)).map((c) => c.id)).toEqual([group.id]);
  });
});

describe('when the sync server cannot write the meta', () => {
  test('creation answers 500 without leaking the cause and leaves no conversation behind', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    h.sync.metaFailure = new Error('disk on fire at /var/secret/path');
    const res = await create(h, alice, { kind: 'direct', userId: bob.user.id });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(h.errors).toEqual([h.sync.metaFailure]);
    expect(h.db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });

    h.sync.metaFailure = null;
    expect((await create(h, alice, { kind: 'direct', userId: bob.user.id })).status).toBe(201);
  });

  test('a PATCH is undone', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const group = await createOk(h, alice, { kind: 'group', title: 'Before', memberIds: [] });
    h.sync.metaFailure = new Error('unavailable');
    const res = await h.app.request(`/api/conversations/${group.id}`, json('PATCH', { title: 'After' }, alice.headers));
    expect(res.status).toBe(500);
    const list = await h.app.request('/api/conversations', { headers: alice.headers });
    expect(ConversationsResponse.parse(await list.json()).conversations[0]?.title).toBe('Before');
  });
});
