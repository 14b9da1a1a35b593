/**
 * The signed-in user. Cached in localStorage so the app opens offline with
 * the last user; cleared when the server says the session is gone (401, or a
 * socket closed with 4401).
 */
import { type LoginBody, type SignupBody, User } from '../../../shared/api.js';
import { type Api, isApiError, isOfflineError } from './api.js';
import { type KeyValueStorage, readJson, storageKey, writeJson } from './storage.js';
import { type Readable, makeWritable, readonly } from './store.js';

export interface Session {
  readonly user: Readable<User | null>;
  signup(body: SignupBody): Promise<User>;
  login(body: LoginBody): Promise<User>;
  /** Ends the session on the server (when reachable) and forgets the user here. */
  logout(): Promise<void>;
  /** Ask the server who we are; keeps the cached user when offline. */
  refresh(): Promise<void>;
  /** The server no longer knows this session. */
  expire(): void;
  /** Someone signed in on this device before (the sign-in screen then offers "Log in" first). */
  hasSignedInBefore(): boolean;
}

export function makeSession(options: { api: Api; storage: KeyValueStorage }): Session {
  const { storage } = options;
  const user = makeWritable<User | null>(readJson(storage, storageKey.user, User), (a, b) =>
    a === b || (a !== null && b !== null && a.id === b.id && a.username === b.username && a.displayName === b.displayName),
  );

  const remember = (u: User | null): void => {
    if (u === null) storage.removeItem(storageKey.user);
    else {
      writeJson(storage, storageKey.user, u);
      storage.setItem(storageKey.returning, '1');
    }
    user.set(u);
  };

  return {
    user: readonly(user),
    async signup(body) {
      const u = await options.api.signup(body);
      remember(u);
      return u;
    },
    async login(body) {
      const u = await options.api.login(body);
      remember(u);
      return u;
    },
    async logout() {
      try {
        await options.api.logout();
      } catch (error) {
        // Offline: the cookie stays valid until it expires, but this device forgets it.
        if (!isOfflineError(error) && !(isApiError(error) && error.status === 401)) throw error;
      } finally {
        remember(null);
      }
    },
    async refresh() {
      try {
        remember(await options.api.me());
      } catch (error) {
        if (isApiError(error) && error.status === 401) remember(null);
        else if (!isOfflineError(error)) throw error;
      }
    },
    expire: () => remember(null),
    hasSignedInBefore: () => storage.getItem(storageKey.returning) !== null,
  };
}
