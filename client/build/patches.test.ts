import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPatch, patches } from './patches.js';

const require = createRequire(import.meta.url);
const installed = (pkg: string, file: string): string => readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file), 'utf8');

describe('build-time patches', () => {
  it('apply to the installed lib0 and make Yjs read strings and floats through fast-decoding.ts', () => {
    const patched = applyPatch('lib0Decoding', installed('lib0', 'decoding.js'), patches.lib0Decoding!);
    expect(patched).toMatch(/^import \{ readVarString, readFloat32, readFloat64 \} from ".*fast-decoding\.ts"/);
    expect(patched).not.toMatch(/export const readVarString =/);
    // The lookup table readAny uses still names the (now imported) readers.
    expect(patched).toMatch(/readVarString, \/\/ CASE 119/);
  });

  it('apply to the installed virtual-core: no whole-layout recompute per resized row', () => {
    const source = installed('@tanstack/virtual-core', 'dist/esm/index.js');
    const patched = applyPatch('virtualCoreResize', source, patches.virtualCoreResize!);
    expect(patched).not.toContain('_a.sync) this.getMeasurements();');
    expect(patched).toContain('m.items.length !== n) return this.getVirtualDistanceFromEnd()');
  });

  it('fail loudly when a dependency changed shape', () => {
    const source = installed('lib0', 'decoding.js').replace('export const readFloat64', 'export const readF64');
    expect(() => applyPatch('lib0Decoding', source, patches.lib0Decoding!)).toThrow(/expected exactly one/);
    expect(() => applyPatch('twice', 'a;a;', { file: /x/, edits: [{ find: 'a;', replace: '' }] })).toThrow(/expected exactly one/);
  });
});
