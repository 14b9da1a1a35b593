import { describe, expect, test } from 'vitest';
import { ErrorBody } from '../shared/api.js';
import { JSON_MAX_BYTES } from './json-body.js';
import { json, makeHarness, signup } from './test-support.js';

describe('JSON bodies', () => {
  test('refuses a body that is not application/json with 415', async () => {
    const h = makeHarness();
    const res = await h.app.request('/api/auth/signup', {
      method: 'POST',
      body: 'username=alice&displayName=A&password=a+long+passphrase',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('unsupported_media_type');
    const plain = await h.app.request('/api/auth/login', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
  });

  test('accepts application/json with a charset parameter', async () => {
    const h = makeHarness();
    const body = JSON.stringify({ username: 'alice', displayName: 'A', password: 'a long passphrase' });
    const res = await h.app.request('/api/auth/signup', { method: 'POST', body, headers: { 'content-type': 'Application/JSON; charset=utf-8' } });
    expect(res.status).toBe(201);
  });

  test('refuses a body over the cap with 413, whether or not its length is declared', async () => {
    const h = makeHarness();
    const alice = await signup(h, 'alice');
    const big = JSON.stringify({ kind: 'group', title: 'x', memberIds: ['a'.repeat(JSON_MAX_BYTES)] });
    const chunked = await h.app.request('/api/conversations', json('POST', JSON.parse(big), alice.headers));
    expect(chunked.status).toBe(413);
    expect(ErrorBody.parse(await chunked.json()).error.code).toBe('too_large');
    const declared = await h.app.request('/api/conversations', {
      method: 'POST',
      body: big,
      headers: { ...alice.headers, 'content-type': 'application/json', 'content-length': String(big.length) },
    });
    expect(declared.status).toBe(413);
  });

  test('answers 400 for malformed JSON and for a body that breaks the schema', async () => {
    const h = makeHarness();
    const malformed = await h.app.request('/api/auth/login', { method: 'POST', body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(ErrorBody.parse(await malformed.json()).error).toEqual({ code: 'bad_request', message: 'malformed JSON body' });
    const extra = await h.app.request('/api/auth/login', json('POST', { username: 'alice', password: 'x', admin: true }));
    expect(extra.status).toBe(400);
    expect(ErrorBody.parse(await extra.json()).error.code).toBe('bad_request');
  });
});
