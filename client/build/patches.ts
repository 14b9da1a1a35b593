/**
 * Two measured speed fixes applied to dependencies at build time, as a Vite
 * plugin. Each edit names the exact text it replaces; the build fails if a
 * dependency changed shape, rather than silently shipping the slow path.
 *
 * - lib0/decoding: Yjs reads every string and float of a document through
 *   it; ./fast-decoding.ts is ~3× faster in Chromium (a 100,000-message
 *   conversation: ≈350 ms of TextDecoder calls).
 * - @tanstack/virtual-core: when the ResizeObserver reports k rows at once
 *   (scrolling up brings a screenful of new rows), `resizeItem` recomputed
 *   the whole layout (O(n)) for each of them: twice O(k·n) per frame, 30–100 ms
 *   at 100,000 rows. Within such a batch it now reads the layout as it stood
 *   (the batch ends with one recompute, as before): whether the list was at
 *   its end comes from the last row's stored end, and a row's start is not
 *   refreshed for the resizes earlier in the same batch.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export interface SourcePatch {
  /** Matches the module id (path) to patch. */
  file: RegExp;
  edits: Array<{ find: string; replace: string }>;
  /** Code put before the module's own. */
  prepend?: string;
}

const fastDecoding = fileURLToPath(new URL('./fast-decoding.ts', import.meta.url));

export const patches: Record<string, SourcePatch> = {
  lib0Decoding: {
    file: /[\\/]lib0[\\/]decoding\.js$/,
    prepend: `import { readVarString, readFloat32, readFloat64 } from ${JSON.stringify(fastDecoding)}\nexport { readVarString, readFloat32, readFloat64 }\n`,
    edits: [
      { find: 'export const readVarString = string.utf8TextDecoder ? _readVarStringNative : _readVarStringPolyfill', replace: '' },
      { find: 'export const readFloat32 = decoder => readFromDataView(decoder, 4).getFloat32(0, false)', replace: '' },
      { find: 'export const readFloat64 = decoder => readFromDataView(decoder, 8).getFloat64(0, false)', replace: '' },
    ],
  },
  virtualCoreResize: {
    file: /[\\/]@tanstack[\\/]virtual-core[\\/]dist[\\/]esm[\\/]index\.js$/,
    edits: [
      { find: 'if ((_a = this._resizeBatch) == null ? void 0 : _a.sync) this.getMeasurements();', replace: '' },
      {
        find: 'const wasAtEnd = this.options.anchorTo === "end" && !isSmoothScroll(this.scrollState) && this.getVirtualDistanceFromEnd() <= this.options.scrollEndThreshold;',
        replace: `const wasAtEnd = this.options.anchorTo === "end" && !isSmoothScroll(this.scrollState) && (() => {
          const m = this._singleLaneMeasurements, n = this.options.count;
          if (this.options.lanes !== 1 || !m || n === 0 || m.items.length !== n) return this.getVirtualDistanceFromEnd();
          const end = Math.max(m.flat[(n - 1) * 2] + m.flat[(n - 1) * 2 + 1] - this.options.scrollMargin + this.options.paddingEnd, 0);
          return Math.max(end + this.options.scrollMargin - this.getSize() - this.getScrollOffset(), 0);
        })() <= this.options.scrollEndThreshold;`,
      },
    ],
  },
};

export function applyPatch(name: string, code: string, patch: SourcePatch): string {
  let out = code;
  for (const { find, replace } of patch.edits) {
    const at = out.indexOf(find);
    if (at < 0 || out.indexOf(find, at + 1) >= 0) {
      throw new Error(`patch ${name}: expected exactly one \`${find.slice(0, 80)}…\` in the dependency; update client/build/patches.ts`);
    }
    out = out.slice(0, at) + replace + out.slice(at + find.length);
  }
  return (patch.prepend ?? '') + out;
}

export function sourcePatches(list: Record<string, SourcePatch> = patches): Plugin {
  const applied = new Set<string>();
  return {
    name: 'messenger:source-patches',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0] ?? '';
      for (const [name, patch] of Object.entries(list)) {
        if (!patch.file.test(path)) continue;
        applied.add(name);
        return { code: applyPatch(name, code, patch), map: null };
      }
      return null;
    },
    buildEnd(error) {
      if (error) return;
      for (const name of Object.keys(list)) if (!applied.has(name)) this.warn(`patch ${name} did not apply: its module was not part of this build`);
    },
  };
}
