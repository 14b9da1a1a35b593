import { describe, expect, test } from 'vitest';
import { ErrorBody } from '../shared/api.js';
import { makeHarness, signup } from './test-support.js';

describe('the API app', () => {
  test('answers unknown routes under /api with a JSON 404', async () => {
    const h = makeHarness();
    for (const [method, path] of [['GET', '/api'], ['GET', '/api/nothing/here'], ['POST', '/api/nothing'], ['PUT', '/api/me']] as const) {
      const res = await h.app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(ErrorBody.parse(await res.json()).error.code).toBe('not_found');
    }
  });

  test('marks every API answer as not cacheable, errors included', async () => {
    const h = makeHarness();
    const res = await h.app.request('/api/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  test('turns an unexpected error into a bare 500 and logs it', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    h.db.exec('DROP TABLE contacts');
    const res = await h.app.request('/api/contacts', { headers: alice.headers });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(h.errors).toHaveLength(1);
  });
});
