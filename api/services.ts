/**
 * Everything a route needs, built once per app from its dependencies: the
 * stores over the database, the sync port, the clock and the rate limiters.
 */
import type { Config } from './config.js';
import { makeRateLimiter, type RateLimiter } from './rate-limiter.js';
import { makeContactStore, type ContactStore } from './storage/contacts.js';
import { makeConversationStore, type ConversationStore } from './storage/conversations.js';
import type { DB } from './storage/database.js';
import { makeUserStore, type UserStore } from './storage/users.js';
import type { SyncPort } from './sync-port.js';

export interface RateLimitSettings {
  /** Failed logins per username in `loginWindowMs`. */
  loginFailuresPerUser: number;
  /** Failed logins per client address in `loginWindowMs`. */
  loginFailuresPerAddress: number;
  loginWindowMs: number;
  /** Signup attempts per client address in `signupWindowMs`. */
  signupsPerAddress: number;
  signupWindowMs: number;
}

const MINUTE = 60_000;
export const defaultRateLimits: RateLimitSettings = {
  loginFailuresPerUser: 5,
  loginFailuresPerAddress: 20,
  loginWindowMs: 15 * MINUTE,
  signupsPerAddress: 20,
  signupWindowMs: 60 * MINUTE,
};

export interface AppDeps {
  db: DB;
  config: Config;
  sync: SyncPort;
  /** Clock in ms since epoch; tests move it to reach expiry. */
  now?: () => number;
  /** Override limits, e.g. for a load test that signs up many users from one address. */
  rateLimits?: Partial<RateLimitSettings>;
}

export interface Services {
  db: DB;
  config: Config;
  sync: SyncPort;
  now: () => number;
  users: UserStore;
  contacts: ContactStore;
  conversations: ConversationStore;
  limiters: { loginPerUser: RateLimiter; loginPerAddress: RateLimiter; signupPerAddress: RateLimiter };
}

export function makeServices(deps: AppDeps): Services {
  const now = deps.now ?? Date.now;
  const limits = { ...defaultRateLimits, ...deps.rateLimits };
  return {
    db: deps.db,
    config: deps.config,
    sync: deps.sync,
    now,
    users: makeUserStore(deps.db),
    contacts: makeContactStore(deps.db),
    conversations: makeConversationStore(deps.db),
    limiters: {
      loginPerUser: makeRateLimiter({ limit: limits.loginFailuresPerUser, windowMs: limits.loginWindowMs, now }),
      loginPerAddress: makeRateLimiter({ limit: limits.loginFailuresPerAddress, windowMs: limits.loginWindowMs, now }),
      signupPerAddress: makeRateLimiter({ limit: limits.signupsPerAddress, windowMs: limits.signupWindowMs, now }),
    },
  };
}
