import { describe, expect, test } from 'vitest';
import { makeConversationStore } from './conversations.js';
import { openDatabase } from './database.js';
import { makeUserStore } from './users.js';

function setup() {
  const db = openDatabase(':memory:');
  const users = makeUserStore(db);
  for (const name of ['alice', 'bob', 'carol']) {
    users.create({ id: name, username: name, displayName: name, passwordHash: 'x', createdAt: 0 });
  }
  return { db, users, conversations: makeConversationStore(db) };
}

describe('conversation store (what the sync server asks)', () => {
  test('answers membership and member ids in joining order', () => {
    const { conversations } = setup();
    const g = conversations.createGroup({ id: 'g1', creatorId: 'bob', title: 'G', memberIds: ['carol'], now: 5 });
    expect(g).toEqual({ id: 'g1', kind: 'group', title: 'G', keepEditHistory: false, directKey: null, createdBy: 'bob', createdAt: 5 });
    expect(conversations.get('g1')).toEqual(g);
    expect(conversations.get('nope')).toBeNull();
    expect(conversations.isMember('g1', 'carol')).toBe(true);
    expect(conversations.isMember('g1', 'alice')).toBe(false);
    expect(conversations.isMember('nope', 'bob')).toBe(false);
    expect(conversations.memberIds('g1')).toEqual(['bob', 'carol']);
    expect(conversations.memberIds('nope')).toEqual([]);
  });

  test('keeps one direct conversation per pair, in either order', () => {
    const { conversations } = setup();
    const first = conversations.createDirect({ id: 'd1', creatorId: 'alice', otherId: 'bob', now: 1 });
    const second = conversations.createDirect({ id: 'd2', creatorId: 'bob', otherId: 'alice', now: 2 });
    expect(first).toMatchObject({ created: true, conversation: { id: 'd1', directKey: 'alice:bob' } });
    expect(second).toEqual({ created: false, conversation: first.conversation });
    expect(conversations.get('d2')).toBeNull();
  });

  test('a group never loses its last admin while it has members', () => {
    const { conversations } = setup();
    conversations.createGroup({ id: 'g1', creatorId: 'alice', title: 'G', memberIds: ['bob', 'carol'], now: 0 });
    expect(conversations.removeMember('g1', 'alice')).toEqual({ removed: true, promoted: 'bob' });
    expect(conversations.role('g1', 'bob')).toBe('admin');
    expect(conversations.removeMember('g1', 'carol')).toEqual({ removed: true, promoted: null });
    expect(conversations.removeMember('g1', 'bob')).toEqual({ removed: true, promoted: null });
    expect(conversations.removeMember('g1', 'bob')).toEqual({ removed: false, promoted: null });
  });
});

describe('user store', () => {
  test('records when a user was last seen', () => {
    const { users } = setup();
    expect(users.getById('alice')?.lastSeenAt).toBeNull();
    users.setLastSeen('alice', 42);
    expect(users.getById('alice')).toEqual({ id: 'alice', username: 'alice', displayName: 'alice', createdAt: 0, lastSeenAt: 42 });
    expect(users.getById('nobody')).toBeNull();
  });
});
