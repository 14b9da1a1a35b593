/**
 * Test helpers for the API: a fresh in-memory app per test, a SyncPort fake
 * that records calls, a movable clock and request builders.
 */
import type { Hono } from 'hono';
import { UserResponse, type User } from '../shared/api.js';
import { createApp, type CreateAppOptions } from './app.js';
import type { AppEnv } from './app-env.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type DB } from './storage/database.js';
import type { ConversationMetaChange, SyncPort } from './sync-port.js';

export type SyncCall =
  | { kind: 'writeConversationMeta'; change: ConversationMetaChange }
  | { kind: 'membersChanged'; conversationId: string; removedUserIds: string[] }
  | { kind: 'closeSession'; sessionId: string }
  | { kind: 'contactsChanged'; userId: string };

export class FakeSync implements SyncPort {
  readonly calls: SyncCall[] = [];
  readonly online = new Set<string>();
  /** When set, writeConversationMeta rejects with it. */
  metaFailure: Error | null = null;

  async writeConversationMeta(change: ConversationMetaChange): Promise<void> {
    if (this.metaFailure) throw this.metaFailure;
    this.calls.push({ kind: 'writeConversationMeta', change });
  }
  membersChanged(conversationId: string, removedUserIds: readonly string[]): void {
    this.calls.push({ kind: 'membersChanged', conversationId, removedUserIds: [...removedUserIds] });
  }
  closeSession(sessionId: string): void {
    this.calls.push({ kind: 'closeSession', sessionId });
  }
  isOnline(userId: string): boolean {
    return this.online.has(userId);
  }
  contactsChanged(userId: string): void {
    this.calls.push({ kind: 'contactsChanged', userId });
  }
  /** Media ids the fake says a message carries (in any conversation). */
  readonly carried = new Set<string>();
  referencedMedia(_conversationId: string): ReadonlySet<string> {
    return this.carried;
  }
  callsOf<K extends SyncCall['kind']>(kind: K): Extract<SyncCall, { kind: K }>[] {
    return this.calls.filter((call): call is Extract<SyncCall, { kind: K }> => call.kind === kind);
  }
}

export interface Harness {
  app: Hono<AppEnv>;
  db: DB;
  sync: FakeSync;
  config: Config;
  clock: { now: number };
  errors: unknown[];
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent' }), ...overrides };
}

export function makeHarness(options: { config?: Partial<Config>; rateLimits?: CreateAppOptions['rateLimits'] } = {}): Harness {
  const db = openDatabase(':memory:');
  const sync = new FakeSync();
  const config = testConfig(options.config);
  const clock = { now: Date.UTC(2025, 0, 1) };
  const errors: unknown[] = [];
  const app = createApp({
    db,
    config,
    sync,
    now: () => clock.now,
    rateLimits: options.rateLimits,
    logError: (error) => errors.push(error),
  });
  return { app, db, sync, config, clock, errors };
}

/** A JSON request as a same-origin browser page would send it. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } };
}

/** `name=value` pairs of the response's Set-Cookie headers, ready for a Cookie header. */
export function cookieFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0] ?? '')
    .join('; ');
}

export interface Account {
  user: User;
  /** Cookie header value for this account's session. */
  cookie: string;
  headers: Record<string, string>;
}

export async function signup(h: Harness, username: string, displayName = username, password = `${username} long passphrase`): Promise<Account> {
  const res = await h.app.request('/api/auth/signup', json('POST', { username, displayName, password }));
  if (res.status !== 201) throw new Error(`signup of ${username} answered ${res.status}: ${await res.text()}`);
  const { user } = UserResponse.parse(await res.json());
  const cookie = cookieFrom(res);
  return { user, cookie, headers: { cookie } };
}
