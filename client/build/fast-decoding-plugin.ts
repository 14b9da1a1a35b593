/**
 * Vite plugin: lib0/decoding.js takes readVarString, readFloat32 and
 * readFloat64 from ./fast-decoding.ts (see there for why). The build fails
 * if lib0 changed shape, rather than silently shipping the slow path.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const fastModule = fileURLToPath(new URL('./fast-decoding.ts', import.meta.url));

/** Each lib0 definition replaced, exactly as lib0 0.2.x writes it. */
const replaced = [
  'export const readVarString = string.utf8TextDecoder ? _readVarStringNative : _readVarStringPolyfill',
  'export const readFloat32 = decoder => readFromDataView(decoder, 4).getFloat32(0, false)',
  'export const readFloat64 = decoder => readFromDataView(decoder, 8).getFloat64(0, false)',
];

export function patchLib0Decoding(code: string, importPath: string): string {
  let out = code;
  for (const line of replaced) {
    if (!out.includes(line)) throw new Error(`fast-decoding: lib0/decoding.js no longer contains \`${line}\`; update client/build/fast-decoding-plugin.ts`);
    out = out.replace(line, '');
  }
  return `import { readVarString, readFloat32, readFloat64 } from ${JSON.stringify(importPath)}\nexport { readVarString, readFloat32, readFloat64 }\n${out}`;
}

export function fastDecoding(): Plugin {
  let patched = false;
  return {
    name: 'messenger:fast-lib0-decoding',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]lib0[\\/]decoding\.js$/.test(id.split('?')[0] ?? '')) return null;
      patched = true;
      return { code: patchLib0Decoding(code, fastModule), map: null };
    },
    buildEnd(error) {
      if (!error && !patched && this.meta.watchMode === false) this.warn('lib0/decoding.js was not part of this build; fast decoding not applied');
    },
  };
}
