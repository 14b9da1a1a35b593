import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { TEMP_PREFIX } from './store-file.js';
import { sweepMediaDir } from './sweep.js';

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
