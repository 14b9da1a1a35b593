import { describe, expect, it } from 'vitest';
import type { Api } from './api.js';
import { ApiError, OfflineError } from './api.js';
import { makeSession } from './session.js';
import { makeMemoryStorage, storageKey } from './storage.js';

const user = { id: 'u1', username: 'alice', displayName: 'Alice' };

function fakeApi(me: () => Promise<typeof user>): Api {
  const fail = async (): Promise<never> => {
    throw new Error('not used here');
  };
  return {
    signup: async () => user,
    login: async () => user,
    logout: async () => {
      throw new OfflineError();
    },
    me,
    limits: fail,
    deleteMedia: fail,
    searchUsers: fail,
    contacts: fail,
    addContact: fail,
    removeContact: fail,
    conversations: fail,
    createConversation: fail,
    updateConversation: fail,
    addMember: fail,
    removeMember: fail,
  };
}

describe('session', () => {
  it('opens with the cached user, so the app starts offline', async () => {
    const storage = makeMemoryStorage();
    storage.setItem(storageKey.user, JSON.stringify(user));
    const session = makeSession({
      storage,
      api: fakeApi(async () => {
        throw new OfflineError();
      }),
    });
    expect(session.user.get()).toEqual(user);
    await session.refresh();
    expect(session.user.get()).toEqual(user);
  });

  it('forgets the user when the server answers 401', async () => {
    const storage = makeMemoryStorage();
    storage.setItem(storageKey.user, JSON.stringify(user));
    const session = makeSession({
      storage,
      api: fakeApi(async () => {
        throw new ApiError(401, 'unauthenticated', 'no session');
      }),
    });
    await session.refresh();
    expect(session.user.get()).toBeNull();
    expect(storage.getItem(storageKey.user)).toBeNull();
  });

  it('remembers the user after login and forgets it at logout, even offline', async () => {
    const storage = makeMemoryStorage();
    const session = makeSession({ storage, api: fakeApi(async () => user) });
    await session.login({ username: 'alice', password: 'secret' });
    expect(makeSession({ storage, api: fakeApi(async () => user) }).user.get()).toEqual(user);
    await session.logout();
    expect(session.user.get()).toBeNull();
    expect(storage.getItem(storageKey.user)).toBeNull();
  });

  it('ignores a cached user written in another shape', () => {
    const storage = makeMemoryStorage();
    storage.setItem(storageKey.user, '{"name":"old"}');
    expect(makeSession({ storage, api: fakeApi(async () => user) }).user.get()).toBeNull();
  });
});
