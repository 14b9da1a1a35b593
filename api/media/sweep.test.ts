import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { TEMP_PREFIX } from './store-file.js';
import { sweepMediaDir, sweepUnsentMedia } from './sweep.js';

describe('sweeping the media directory', () => {
  test('removes interrupted uploads and files without a row, and keeps stored files and subdirectories', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'media-sweep-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const name of ['kept', 'orphan', `${TEMP_PREFIX}abc`]) writeFileSync(path.join(dir, name), 'x');
    mkdirSync(path.join(dir, 'sub'));
    const removed = await sweepMediaDir({ fileNames: () => new Set(['kept']) }, dir);
    expect(removed.sort()).toEqual([`${TEMP_PREFIX}abc`, 'orphan']);
    expect(readdirSync(dir).sort()).toEqual(['kept', 'sub']);
  });

  test('does nothing when the directory does not exist yet', async () => {
    expect(await sweepMediaDir({ fileNames: () => new Set() }, path.join(tmpdir(), 'no-such-media-dir-here'))).toEqual([]);
  });
});

describe('sweeping uploads no message carried', () => {
  test('removes old uploads their conversation does not carry, and keeps carried and recent ones', async () => {
    const rows = [
      { id: 'old-unsent', conversationId: 'c1', uploaderId: 'ann', createdAt: 10 },
      { id: 'old-sent', conversationId: 'c1', uploaderId: 'ann', createdAt: 10 },
      { id: 'other-conv', conversationId: 'c2', uploaderId: 'ben', createdAt: 20 },
      { id: 'recent', conversationId: 'c1', uploaderId: 'ann', createdAt: 1000 },
    ];
    const carried: Record<string, Set<string>> = { c1: new Set(['old-sent']), c2: new Set() };
    const asked: string[] = [];
    const removedWith: Array<{ ids: readonly string[]; scope: { conversationId: string; uploaderId: string } }> = [];
    const removed = await sweepUnsentMedia(
      { createdBefore: (at) => rows.filter((r) => r.createdAt < at) as never },
      {
        referencedMedia: (conversationId) => {
          asked.push(conversationId);
          return carried[conversationId] ?? new Set();
        },
      },
      500,
      async (ids, scope) => {
        removedWith.push({ ids, scope });
        return [...ids];
      },
    );
    expect(removed.sort()).toEqual(['old-unsent', 'other-conv']);
    // Scoped to the conversation and the uploader; each conversation read once.
    expect(removedWith).toContainEqual({ ids: ['other-conv'], scope: { conversationId: 'c2', uploaderId: 'ben' } });
    expect(asked.sort()).toEqual(['c1', 'c2']);
  });
});
