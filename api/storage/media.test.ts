import { describe, expect, test } from 'vitest';
import { makeConversationStore } from './conversations.js';
import { openDatabase } from './database.js';
import { makeMediaStore, toMedia, type MediaRecord } from './media.js';
import { makeUserStore } from './users.js';

function setup() {
  const db = openDatabase(':memory:');
  const users = makeUserStore(db);
  for (const name of ['alice', 'bob']) users.create({ id: name, username: name, displayName: name, passwordHash: 'x', createdAt: 0 });
  const conversations = makeConversationStore(db);
  conversations.createDirect({ id: 'd1', creatorId: 'alice', otherId: 'bob', now: 0 });
  conversations.createGroup({ id: 'g1', creatorId: 'alice', title: 'G', memberIds: ['bob'], now: 0 });
  return { db, media: makeMediaStore(db) };
}

const record = (id: string, overrides: Partial<MediaRecord> = {}): MediaRecord => ({
  id,
  conversationId: 'd1',
  uploaderId: 'alice',
  mime: 'image/png',
  size: 100,
  sha256: 'ab'.repeat(32),
  fileName: id,
  originalName: null,
  createdAt: 7,
  ...overrides,
});

describe('media store', () => {
  test('stores a record and reads it back, and exposes only the public fields through toMedia', () => {
    const { media } = setup();
    const r = record('m1', { originalName: 'photo.png' });
    expect(media.insertWithinQuota(r, 1000)).toBe(true);
    expect(media.get('m1')).toEqual(r);
    expect(media.get('nope')).toBeNull();
    expect(toMedia(r)).toEqual({ id: 'm1', conversationId: 'd1', mime: 'image/png', size: 100, createdAt: 7 });
  });

  test('sums usage per uploader and refuses an insert that would pass the quota', () => {
    const { media } = setup();
    expect(media.usageBytes('alice')).toBe(0);
    expect(media.insertWithinQuota(record('m1', { size: 600 }), 1000)).toBe(true);
    expect(media.insertWithinQuota(record('m2', { size: 400 }), 1000)).toBe(true);
    expect(media.insertWithinQuota(record('m3', { size: 1 }), 1000)).toBe(false);
    expect(media.insertWithinQuota(record('m4', { size: 1, uploaderId: 'bob' }), 1000)).toBe(true);
    expect(media.usageBytes('alice')).toBe(1000);
    expect(media.get('m3')).toBeNull();
  });

  test('deletes only within the given scope and returns what it removed', () => {
    const { media } = setup();
    media.insertWithinQuota(record('m1'), 1e9);
    media.insertWithinQuota(record('m2', { uploaderId: 'bob' }), 1e9);
    media.insertWithinQuota(record('m3', { conversationId: 'g1' }), 1e9);
    expect(media.fileNames()).toEqual(new Set(['m1', 'm2', 'm3']));
    const removed = media.delete(['m1', 'm2', 'm3', 'm1', 'nope'], { conversationId: 'd1', uploaderId: 'alice' });
    expect(removed.map((r) => r.id)).toEqual(['m1']);
    expect(media.delete(['m2', 'm3']).map((r) => r.id)).toEqual(['m2', 'm3']);
    expect(media.usageBytes('alice')).toBe(0);
  });
});
