import { describe, expect, test } from 'vitest';
import { openDatabase } from '../storage/database.js';
import { makeUserStore } from '../storage/users.js';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_SLIDING_MS,
  createSession,
  deleteExpiredSessions,
  invalidateSession,
  invalidateUserSessions,
  readSessionToken,
  sessionIdOf,
  validateSessionToken,
} from './session.js';

const DAY = 24 * 3600 * 1000;

function setup() {
  const db = openDatabase(':memory:');
  makeUserStore(db).create({ id: 'u1', username: 'alice', displayName: 'Alice', passwordHash: 'x', createdAt: 0 });
  return db;
}

describe('session tokens', () => {
  test('are 160 random bits in lowercase base32, and the session id is their SHA-256', () => {
    const db = setup();
    const { token, session } = createSession(db, 'u1', 1000);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(session.id).toBe(sessionIdOf(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    expect(createSession(db, 'u1', 1000).token).not.toBe(token);
  });

  test('validate to the session and its user', () => {
    const db = setup();
    const { token, session } = createSession(db, 'u1', 1000);
    const found = validateSessionToken(db, token, 2000);
    expect(found).toMatchObject({ session, user: { id: 'u1', username: 'alice' }, extended: false });
    expect(validateSessionToken(db, 'a'.repeat(32), 2000)).toBeNull();
    expect(validateSessionToken(db, session.id, 2000)).toBeNull();
  });

  test('slide forward when used with less than 15 days left, but never past the absolute lifetime', () => {
    const db = setup();
    const t0 = 1_000_000;
    const { token } = createSession(db, 'u1', t0);
    let now = t0;
    // Used every 20 days, the session lives exactly its absolute lifetime.
    for (;;) {
      now += 20 * DAY;
      const found = validateSessionToken(db, token, now);
      if (found === null) break;
      expect(found.extended).toBe(true);
      expect(found.session.expiresAt).toBe(Math.min(now + SESSION_SLIDING_MS, t0 + SESSION_ABSOLUTE_MS));
    }
    expect(now).toBeGreaterThanOrEqual(t0 + SESSION_ABSOLUTE_MS);
    expect(now - 20 * DAY).toBeLessThan(t0 + SESSION_ABSOLUTE_MS);
  });

  test('end at logout, for one session or all of a user', () => {
    const db = setup();
    const a = createSession(db, 'u1', 0);
    const b = createSession(db, 'u1', 0);
    invalidateSession(db, a.session.id);
    expect(validateSessionToken(db, a.token, 1)).toBeNull();
    expect(validateSessionToken(db, b.token, 1)).not.toBeNull();
    expect(invalidateUserSessions(db, 'u1')).toEqual([b.session.id]);
    expect(validateSessionToken(db, b.token, 1)).toBeNull();
  });

  test('expired sessions are swept', () => {
    const db = setup();
    createSession(db, 'u1', 0);
    const live = createSession(db, 'u1', 10 * DAY);
    expect(deleteExpiredSessions(db, SESSION_SLIDING_MS)).toBe(1);
    expect(validateSessionToken(db, live.token, SESSION_SLIDING_MS)).not.toBeNull();
  });
});

describe('readSessionToken', () => {
  test('reads a bearer token, which takes precedence over any cookie', () => {
    expect(readSessionToken({ authorization: 'Bearer abc', cookie: 'session=def' }, false)).toBe('abc');
    expect(readSessionToken({ authorization: 'bearer abc' }, false)).toBe('abc');
    expect(readSessionToken({ authorization: 'Basic abc', cookie: 'session=def' }, false)).toBeNull();
  });

  test('reads the cookie named for the deployment', () => {
    expect(readSessionToken({ cookie: 'theme=dark; session=abc; x=y' }, false)).toBe('abc');
    expect(readSessionToken({ cookie: 'session=abc' }, true)).toBeNull();
    expect(readSessionToken({ cookie: '__Host-session=abc; session=def' }, true)).toBe('abc');
    expect(readSessionToken({ cookie: 'xsession=abc' }, false)).toBeNull();
    expect(readSessionToken({ cookie: 'session=' }, false)).toBeNull();
    expect(readSessionToken({ cookie: null, authorization: null }, false)).toBeNull();
    expect(readSessionToken({}, false)).toBeNull();
  });
});
