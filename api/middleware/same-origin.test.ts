import { describe, expect, test } from 'vitest';
import { ErrorBody, TokenResponse } from '../../shared/api.js';
import { json, makeHarness, signup } from '../test-support.js';
import { crossSiteReason } from './same-origin.js';

describe('CSRF defence', () => {
  test('refuses a cross-site POST that carries the session cookie', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const bob = await signup(h, 'bob');
    const res = await h.app.request(
      '/api/contacts',
      json('POST', { userId: bob.user.id }, { ...alice.headers, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }),
    );
    expect(res.status).toBe(403);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('forbidden');
    expect(h.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  });

  test('refuses same-site (sibling subdomain) requests', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const res = await h.app.request('/api/auth/logout', { method: 'POST', headers: { ...alice.headers, 'sec-fetch-site': 'same-site' } });
    expect(res.status).toBe(403);
  });

  test('refuses a foreign Origin when the browser sends no Sec-Fetch-Site', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const res = await h.app.request('/api/auth/logout', { method: 'POST', headers: { ...alice.headers, origin: 'http://localhost:9999' } });
    expect(res.status).toBe(403);
  });

  test('accepts requests from its own origin', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const res = await h.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { ...alice.headers, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(204);
  });

  test('judges the origin by the configured public origin behind a proxy', async () => {
    const h = makeHarness({ config: { publicOrigin: 'https://chat.example.org' } });
    const body = { username: 'alice', displayName: 'A', password: 'a long passphrase' };
    const internal = await h.app.request('/api/auth/signup', json('POST', body, { origin: 'http://localhost' }));
    expect(internal.status).toBe(403);
    const pub = await h.app.request('/api/auth/signup', json('POST', body, { origin: 'https://chat.example.org' }));
    expect(pub.status).toBe(201);
  });

  test('does not apply to bearer-token requests, which carry no ambient credential', async () => {
    const h = makeHarness();
    await signup(h, 'alice', 'Alice', 'a long passphrase');
    const tokenRes = await h.app.request('/api/auth/token', json('POST', { username: 'alice', password: 'a long passphrase' }));
    const { token } = TokenResponse.parse(await tokenRes.json());
    const res = await h.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(204);
  });

  test('lets safe methods through from anywhere', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const res = await h.app.request('/api/me', { headers: { ...alice.headers, 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(200);
  });

  test('crossSiteReason passes requests with neither header (non-browser clients)', () => {
    expect(crossSiteReason({ secFetchSite: undefined, origin: undefined }, 'http://a')).toBeNull();
    expect(crossSiteReason({ secFetchSite: 'none', origin: undefined }, 'http://a')).toBeNull();
    expect(crossSiteReason({ secFetchSite: undefined, origin: 'null' }, 'http://a')).not.toBeNull();
  });
});
