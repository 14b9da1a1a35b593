import { describe, expect, it, vi } from 'vitest';
import { ApiError, OfflineError, isApiError, isOfflineError, makeApi } from './api.js';

const user = { id: 'u1', username: 'alice', displayName: 'Alice' };

function respond(status: number, body?: unknown): typeof fetch {
  return vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

describe('API client', () => {
  it('sends JSON with the session cookie and parses the answer with the shared schemas', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => Response.json({ user }, { status: 201 }));
    const api = makeApi({ fetch });
    await expect(api.signup({ username: 'Alice', displayName: 'Alice', password: 'correct horse' })).resolves.toEqual(user);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/signup');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.method).toBe('POST');
    // The shared schema normalises the username before it leaves.
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'alice', displayName: 'Alice', password: 'correct horse' });
  });

  it('turns an error body into an ApiError with its status, code and message', async () => {
    const api = makeApi({ fetch: respond(409, { error: { code: 'conflict', message: 'that username is taken' } }) });
    const error = await api.signup({ username: 'alice', displayName: 'A', password: 'long enough' }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'that username is taken' });
  });

  it('names the status when the error body is not the documented shape', async () => {
    const api = makeApi({ fetch: respond(502) });
    await expect(api.contacts()).rejects.toMatchObject({ status: 502, code: 'internal' });
  });

  it('refuses a request body the shared schema refuses, without a round trip', async () => {
    const fetch = respond(201, { user });
    const api = makeApi({ fetch });
    const error = await api.signup({ username: 'al', displayName: 'Al', password: 'long enough' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'bad_request', message: 'username must be at least 3 characters' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reports a failed fetch as an OfflineError, not an ApiError', async () => {
    const api = makeApi({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const error = await api.me().catch((e: unknown) => e);
    expect(isOfflineError(error)).toBe(true);
    expect(isApiError(error)).toBe(false);
    expect(error).toBeInstanceOf(OfflineError);
  });

  it('calls onUnauthenticated for a 401 on an authenticated route, but not for a failed login', async () => {
    const onUnauthenticated = vi.fn();
    const api = makeApi({ fetch: respond(401, { error: { code: 'unauthenticated', message: 'wrong username or password' } }), onUnauthenticated });
    await expect(api.login({ username: 'alice', password: 'nope' })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await expect(api.conversations()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('reports an answer the schemas do not describe as bad_response', async () => {
    const api = makeApi({ fetch: respond(200, { contacts: [{ nope: true }] }) });
    await expect(api.contacts()).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('unwraps list answers from their envelope', async () => {
    await expect(makeApi({ fetch: respond(200, { users: [user] }) }).searchUsers('al')).resolves.toEqual([user]);
  });

  it('treats 204 as success with no body', async () => {
    await expect(makeApi({ fetch: respond(204) }).logout()).resolves.toBeUndefined();
  });
});

describe('API client: conversation settings and members', () => {
  const conversation = { id: 'c/1', kind: 'group', title: 'Trip', keepEditHistory: true, createdAt: 1, members: [] };

  it('patches a conversation and parses the answer', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => Response.json({ conversation }));
    const api = makeApi({ fetch });
    await expect(api.updateConversation('c/1', { keepEditHistory: true })).resolves.toEqual(conversation);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/conversations/c%2F1');
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ keepEditHistory: true });
  });

  it('refuses an empty patch without a round trip', async () => {
    const fetch = respond(200, { conversation });
    const api = makeApi({ fetch });
    await expect(api.updateConversation('c1', {})).rejects.toMatchObject({ code: 'bad_request' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('adds and removes members on the member routes', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'DELETE' ? new Response(null, { status: 204 }) : Response.json({ conversation }, { status: 201 }),
    );
    const api = makeApi({ fetch });
    await api.addMember('c1', 'u2');
    await api.removeMember('c1', 'u2');
    expect(fetch.mock.calls.map(([url, init]) => [init?.method, url])).toEqual([
      ['POST', '/api/conversations/c1/members'],
      ['DELETE', '/api/conversations/c1/members/u2'],
    ]);
  });
});
