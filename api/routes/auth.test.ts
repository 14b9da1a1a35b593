import { describe, expect, test } from 'vitest';
import { ErrorBody, TokenResponse, UserResponse } from '../../shared/api.js';
import { SESSION_SLIDING_MS } from '../auth/session.js';
import { cookieFrom, json, makeHarness, signup } from '../test-support.js';

const password = 'correct horse battery staple';

describe('signup', () => {
  test('creates the account and starts a cookie session with the safe attributes', async () => {
    const h = makeHarness();
    const res = await h.app.request('/api/auth/signup', json('POST', { username: 'Alice', displayName: 'Alice A.', password }));
    expect(res.status).toBe(201);
    const { user } = UserResponse.parse(await res.json());
    expect(user).toMatchObject({ username: 'alice', displayName: 'Alice A.' });
    expect(user.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);

    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^session=[a-z2-7]{32}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${SESSION_SLIDING_MS / 1000}`);
    expect(cookie).not.toContain('Secure');
  });

  test('uses the __Host- prefix and Secure when served over https', async () => {
    const h = makeHarness({ config: { secureCookies: true, publicOrigin: 'https://chat.example.org' } });
    const res = await h.app.request('/api/auth/signup', json('POST', { username: 'alice', displayName: 'A', password }));
    expect(res.status).toBe(201);
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-session=[a-z2-7]{32}; /);
    expect(cookie).toContain('; Secure');

    const me = await h.app.request('/api/me', { headers: { cookie: cookieFrom(res) } });
    expect(me.status).toBe(200);
    // A plain `session` cookie (which a sibling host could plant) is not accepted over https.
    const token = cookieFrom(res).split('=')[1] ?? '';
    const planted = await h.app.request('/api/me', { headers: { cookie: `session=${token}` } });
    expect(planted.status).toBe(401);
  });

  test('answers 409 when the username is taken, whatever its case', async () => {
    const h = makeHarness();
    await signup(h, 'alice');
    const res = await h.app.request('/api/auth/signup', json('POST', { username: 'ALICE', displayName: 'x', password }));
    expect(res.status).toBe(409);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('conflict');
  });

  test('refuses a common password and a short one', async () => {
    const h = makeHarness();
    const common = await h.app.request('/api/auth/signup', json('POST', { username: 'alice', displayName: 'A', password: 'Password123' }));
    expect(common.status).toBe(400);
    expect(ErrorBody.parse(await common.json()).error.message).toMatch(/too common/);
    const short = await h.app.request('/api/auth/signup', json('POST', { username: 'alice', displayName: 'A', password: 'abc' }));
    expect(short.status).toBe(400);
    expect(ErrorBody.parse(await short.json()).error).toEqual({ code: 'bad_request', message: 'password: password must be at least 8 characters' });
  });

  test('is limited per address', async () => {
    const h = makeHarness({ rateLimits: { signupsPerAddress: 2 } });
    await signup(h, 'alice');
    await signup(h, 'bob');
    const res = await h.app.request('/api/auth/signup', json('POST', { username: 'carol', displayName: 'C', password }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('login', () => {
  test('starts a new session with a new token each time', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice', 'Alice', password);
    const res = await h.app.request('/api/auth/login', json('POST', { username: 'alice', password }));
    expect(res.status).toBe(200);
    expect(UserResponse.parse(await res.json()).user).toEqual(alice.user);
    const cookie = cookieFrom(res);
    expect(cookie).toMatch(/^session=[a-z2-7]{32}$/);
    expect(cookie).not.toBe(alice.cookie);
    const me = await h.app.request('/api/me', { headers: { cookie } });
    expect(UserResponse.parse(await me.json()).user).toEqual(alice.user);
  });

  test('gives the same 401 for a wrong password and an unknown user', async () => {
    const h = makeHarness();
    await signup(h, 'alice', 'Alice', password);
    const wrong = await h.app.request('/api/auth/login', json('POST', { username: 'alice', password: 'not the password' }));
    const unknown = await h.app.request('/api/auth/login', json('POST', { username: 'nobody', password: 'not the password' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const wrongBody = await wrong.json();
    expect(wrongBody).toEqual(await unknown.json());
    expect(wrongBody).toEqual({ error: { code: 'unauthenticated', message: 'invalid username or password' } });
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  test('takes about as long for an unknown user as for a wrong password', async () => {
    const h = makeHarness({ rateLimits: { loginFailuresPerUser: 100, loginFailuresPerAddress: 100 } });
    await signup(h, 'alice', 'Alice', password);
    const time = async (username: string): Promise<number> => {
      const start = performance.now();
      await h.app.request('/api/auth/login', json('POST', { username, password: 'not the password' }));
      return performance.now() - start;
    };
    await time('nobody'); // the dummy hash is made on first use
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time('alice'));
      unknown.push(await time('nobody'));
    }
    // Both run one argon2 verification; without the dummy the unknown user would answer in ~0 ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  test('backs off with 429 after repeated failures for one account, even with the right password', async () => {
    const h = makeHarness();
    await signup(h, 'alice', 'Alice', password);
    for (let i = 0; i < 5; i++) {
      const res = await h.app.request('/api/auth/login', json('POST', { username: 'alice', password: `wrong guess ${i}` }));
      expect(res.status).toBe(401);
    }
    const blocked = await h.app.request('/api/auth/login', json('POST', { username: 'alice', password }));
    expect(blocked.status).toBe(429);
    expect(ErrorBody.parse(await blocked.json()).error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);

    h.clock.now += 15 * 60 * 1000;
    const later = await h.app.request('/api/auth/login', json('POST', { username: 'alice', password }));
    expect(later.status).toBe(200);
  });

  test('backs off per address across many usernames', async () => {
    const h = makeHarness({ rateLimits: { loginFailuresPerAddress: 3 } });
    for (let i = 0; i < 3; i++) {
      const res = await h.app.request('/api/auth/login', json('POST', { username: `user${i}`, password: 'whatever password' }));
      expect(res.status).toBe(401);
    }
    const res = await h.app.request('/api/auth/login', json('POST', { username: 'another', password: 'whatever password' }));
    expect(res.status).toBe(429);
  });
});

describe('token', () => {
  test('returns a bearer token that authenticates without a cookie', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice', 'Alice', password);
    const res = await h.app.request('/api/auth/token', json('POST', { username: 'alice', password }));
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    const { token, user } = TokenResponse.parse(await res.json());
    expect(user).toEqual(alice.user);
    expect(token).toMatch(/^[a-z2-7]{32}$/);

    const me = await h.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(UserResponse.parse(await me.json()).user).toEqual(alice.user);
  });

  test('an invalid bearer token is refused even when a valid cookie is sent too', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const res = await h.app.request('/api/me', { headers: { cookie: alice.cookie, authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
  });
});

describe('sessions', () => {
  test('stores only the SHA-256 of the token', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const token = alice.cookie.split('=')[1] ?? '';
    const rows = h.db.prepare<[], { id: string }>('SELECT id FROM sessions').all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(h.db.prepare('SELECT * FROM sessions').all());
    expect(dump).not.toContain(token);
  });

  test('a session past its sliding expiry is refused and deleted', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    h.clock.now += SESSION_SLIDING_MS;
    const res = await h.app.request('/api/me', { headers: alice.headers });
    expect(res.status).toBe(401);
    expect(h.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  test('use in the second half of the window extends the session and re-sends the cookie', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    h.clock.now += 10 * 24 * 3600 * 1000;
    const early = await h.app.request('/api/me', { headers: alice.headers });
    expect(early.headers.getSetCookie()).toEqual([]);
    h.clock.now += 10 * 24 * 3600 * 1000;
    const late = await h.app.request('/api/me', { headers: alice.headers });
    expect(late.status).toBe(200);
    const [cookie] = late.headers.getSetCookie();
    expect(cookie).toContain(`${alice.cookie}; Max-Age=${SESSION_SLIDING_MS / 1000}`);
    h.clock.now += 25 * 24 * 3600 * 1000;
    expect((await h.app.request('/api/me', { headers: alice.headers })).status).toBe(200);
  });
});

describe('logout', () => {
  test('ends the session, clears the cookie and closes its sockets', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const sessionId = h.db.prepare<[], { id: string }>('SELECT id FROM sessions').get()?.id;
    const res = await h.app.request('/api/auth/logout', { method: 'POST', headers: alice.headers });
    expect(res.status).toBe(204);
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(h.sync.callsOf('closeSession')).toEqual([{ kind: 'closeSession', sessionId }]);
    expect((await h.app.request('/api/me', { headers: alice.headers })).status).toBe(401);
  });

  test('needs a session', async () => {
    const h = makeHarness();
    const res = await h.app.request('/api/auth/logout', { method: 'POST' });
    expect(res.status).toBe(401);
    expect(h.sync.calls).toEqual([]);
  });
});
