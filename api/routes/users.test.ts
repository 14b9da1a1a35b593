import { describe, expect, test } from 'vitest';
import { ErrorBody, LimitsResponse, UserResponse, UsersResponse } from '../../shared/api.js';
import { makeHarness, signup, type Harness, type Account } from '../test-support.js';

async function search(h: Harness, who: Account, q: string): Promise<string[]> {
  const res = await h.app.request(`/api/users?q=${encodeURIComponent(q)}`, { headers: who.headers });
  expect(res.status).toBe(200);
  return UsersResponse.parse(await res.json()).users.map((u) => u.username);
}

describe('GET /api/me/limits', () => {
  test('tells the signed-in user what this server allows, as its operator set it', async () => {
    const h = makeHarness({ config: { mediaMaxBytes: 5_000_000, mediaQuotaBytes: 70_000_000 } });
    const alice = await signup(h, 'alice', 'Alice');
    const res = await h.app.request('/api/me/limits', { headers: alice.headers });
    expect(res.status).toBe(200);
    expect(LimitsResponse.parse(await res.json())).toEqual({ limits: { mediaMaxBytes: 5_000_000, mediaQuotaBytes: 70_000_000 } });
    expect((await h.app.request('/api/me/limits')).status).toBe(401);
  });
});

describe('GET /api/me', () => {
  test('returns the signed-in user and nothing more', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice', 'Alice');
    const res = await h.app.request('/api/me', { headers: alice.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body: unknown = await res.json();
    expect(body).toEqual({ user: { id: alice.user.id, username: 'alice', displayName: 'Alice' } });
    expect(UserResponse.parse(body).user).toEqual(alice.user);
  });

  test('answers 401 without a session', async () => {
    const h = makeHarness();
    const res = await h.app.request('/api/me');
    expect(res.status).toBe(401);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('unauthenticated');
  });
});

describe('GET /api/users', () => {
  test('finds users by username prefix or display-name substring, case-insensitively, without yourself', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice', 'Alice Liddell');
    await signup(h, 'alicia', 'Alicia Keys');
    await signup(h, 'bob', 'Bob Malice');
    await signup(h, 'carol', 'Carol');
    // Prefix matches on username come first.
    expect(await search(h, alice, 'ALI')).toEqual(['alicia', 'bob']);
    expect(await search(h, alice, 'keys')).toEqual(['alicia']);
    expect(await search(h, alice, 'lice')).toEqual(['bob']);
    expect(await search(h, alice, 'ob')).toEqual(['bob']);
    expect(await search(h, alice, 'zzz')).toEqual([]);
  });

  test('treats LIKE wildcards in the query literally', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    await signup(h, 'bob');
    await signup(h, 'b_o', 'B 100% O');
    expect(await search(h, alice, '%')).toEqual(['b_o']);
    expect(await search(h, alice, 'b_')).toEqual(['b_o']);
  });

  test('returns at most 20 users', async () => {
    const h = makeHarness({ rateLimits: { signupsPerAddress: 100 } });
    const alice = await signup(h, 'alice');
    for (let i = 0; i < 22; i++) await signup(h, `user${String(i).padStart(2, '0')}`);
    const found = await search(h, alice, 'user');
    expect(found).toHaveLength(20);
    expect(found[0]).toBe('user00');
  });

  test('needs a query of 1 to 64 characters', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    for (const path of ['/api/users', '/api/users?q=', '/api/users?q=%20%20', `/api/users?q=${'a'.repeat(65)}`]) {
      const res = await h.app.request(path, { headers: alice.headers });
      expect(res.status, path).toBe(400);
      expect(ErrorBody.parse(await res.json()).error.code).toBe('bad_request');
    }
  });
});
