import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/api.js';
import type { Api } from './api.js';
import { makeConversations } from './conversations.js';
import { makeMemoryStorage } from './storage.js';

const user = (id: string) => ({ id, username: id, displayName: id.toUpperCase() });
const member = (id: string, role: 'admin' | 'member' = 'member') => ({ user: user(id), role, joinedAt: 1 });
const group: Conversation = { id: 'g1', kind: 'group', title: 'Trip', keepEditHistory: false, createdAt: 1, members: [member('me', 'admin'), member('bob')] };
const other: Conversation = { ...group, id: 'g2', title: 'Other' };

function fakeApi(calls: string[]): Api {
  const fail = async (): Promise<never> => {
    throw new Error('not used here');
  };
  return {
    signup: fail,
    login: fail,
    logout: fail,
    me: fail,
    limits: fail,
    deleteMedia: fail,
    searchUsers: fail,
    contacts: fail,
    addContact: fail,
    removeContact: fail,
    conversations: async () => [other, group],
    createConversation: fail,
    async updateConversation(id, body) {
      calls.push(`patch ${id} ${JSON.stringify(body)}`);
      return { ...group, ...body };
    },
    async addMember(id, userId) {
      calls.push(`add ${id} ${userId}`);
      return { ...group, members: [...group.members, member(userId)] };
    },
    async removeMember(id, userId) {
      calls.push(`remove ${id} ${userId}`);
    },
  };
}

describe('conversation list: settings and members', () => {
  it('keeps the list in step with renames, new members, removals and leaving, in place', async () => {
    const calls: string[] = [];
    const list = makeConversations({ api: fakeApi(calls), storage: makeMemoryStorage(), userId: 'me' });
    await list.refresh();
    await list.update('g1', { title: 'Trip 2026' });
    expect(list.get().items.map((c) => c.title)).toEqual(['Other', 'Trip 2026']);
    await list.addMember('g1', 'cat');
    expect(list.get().items[1]?.members.map((m) => m.user.id)).toEqual(['me', 'bob', 'cat']);
    await list.removeMember('g1', 'bob');
    expect(list.get().items[1]?.members.map((m) => m.user.id)).toEqual(['me', 'cat']);
    await list.leave('g1');
    expect(list.get().items.map((c) => c.id)).toEqual(['g2']);
    expect(calls).toEqual(['patch g1 {"title":"Trip 2026"}', 'add g1 cat', 'remove g1 bob', 'remove g1 me']);
  });
});
